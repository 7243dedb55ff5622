// @vitest-environment jsdom
import "../jsdom-setup";
import { act, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { HealthCount } from "../../../src/ui/health/HealthCount";
import { HealthPanel } from "../../../src/ui/health/HealthPanel";
import { makeStore, renderWithStore } from "../inspector/render-editor";

const lints = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../../src/model/lint/lint-map", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../../src/model/lint/lint-map")>();
  return {
    ...original,
    lintMap: (...args: Parameters<typeof original.lintMap>) => {
      lints.count += 1;
      return original.lintMap(...args);
    },
  };
});

afterEach(() => {
  lints.count = 0;
});

describe("health findings are kept only while the Health panel is open", () => {
  it("given the toolbar count alone, when it renders again for the same map, then it does not lint again", () => {
    const store = makeStore(createRevOpsTemplate());
    renderWithStore(<HealthCount />, store);
    expect(screen.getByRole("button", { name: /^Health: / }).textContent).toContain("1 error");
    expect(lints.count).toBe(1);
    // Pressing the count re-renders it (aria-pressed) with the same map; no panel is mounted.
    act(() => store.getState().togglePanel("health", true));
    expect(screen.getByRole("button", { name: /^Health: / }).getAttribute("aria-pressed")).toBe("true");
    expect(lints.count).toBe(1);
  });

  it("given the panel opened, closed and opened again, then its findings are linted again: they were dropped on close", () => {
    const store = makeStore(createRevOpsTemplate());
    renderWithStore(
      <>
        <HealthCount />
        <HealthPanel />
      </>,
      store,
    );
    const first = lints.count;
    act(() => store.getState().togglePanel("health", true));
    expect(screen.getByRole("region", { name: "Health" })).toBeDefined();
    const opened = lints.count;
    expect(opened).toBe(first + 1);
    act(() => store.getState().togglePanel("health", false));
    act(() => store.getState().togglePanel("health", true));
    expect(lints.count).toBe(opened + 1);
  });

  it("given the panel open, when the map changes, then the count and the panel share one lint", () => {
    const store = makeStore(createRevOpsTemplate());
    renderWithStore(
      <>
        <HealthCount />
        <HealthPanel />
      </>,
      store,
    );
    act(() => store.getState().togglePanel("health", true));
    const before = lints.count;
    act(() => {
      store.getState().dispatch({ type: "renameStep", step: "lead-capture", label: "Lead capture 2" });
    });
    expect(lints.count).toBe(before + 1);
  });
});
