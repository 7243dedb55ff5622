// @vitest-environment jsdom
import "../jsdom-setup";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { layoutForPositions } from "../../../src/layout/layout-map";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { createEditorStore, type LayoutRunner } from "../../../src/store/editor-store";
import { LayoutFailure } from "../../../src/ui/editor/LayoutFailure";
import { renderWithStore } from "../inspector/render-editor";

describe("a failed layout in the editor", () => {
  it("given the worker fails on a map with nothing to draw, then the canvas says so, what was kept and what to do, and Try again lays it out", async () => {
    // given a layout runner that fails twice (the first try and its retry), then works
    let calls = 0;
    const runLayout: LayoutRunner = async (m) => {
      calls++;
      return calls <= 2
        ? { ok: false, error: "layout worker failed: Maximum call stack size exceeded" }
        : { ok: true, layout: layoutForPositions(m) };
    };
    const store = createEditorStore({ map: createRevOpsTemplate(), runLayout });
    const { user } = renderWithStore(<LayoutFailure />, store);
    // then, once both tries failed, a notice stays over the blank canvas
    await expect.poll(() => calls, { timeout: 5000 }).toBe(2);
    const panel = await screen.findByRole(
      "region",
      { name: "This map could not be laid out" },
      { timeout: 5000 },
    );
    expect(panel.textContent).toContain("Maximum call stack size exceeded");
    expect(panel.textContent).toContain("Your map is unchanged and still saved");
    expect(panel.textContent).toContain("npx handoff export map.json -o map.svg");
    // when Try again is pressed
    await user.click(screen.getByRole("button", { name: "Try again" }));
    // then the map is laid out and the notice goes
    await expect.poll(() => store.getState().layout?.steps.length).toBe(store.getState().map.steps.length);
    expect(screen.queryByRole("region", { name: "This map could not be laid out" })).toBeNull();
  });
});
