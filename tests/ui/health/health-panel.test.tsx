// @vitest-environment jsdom
import "../jsdom-setup";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { act, screen, within } from "@testing-library/react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { renderJson } from "../../../src/export/render-json";
import { updateContract } from "../../../src/model/contract-edits";
import { lintMap } from "../../../src/model/lint/lint-map";
import { parseMapText } from "../../../src/model/parse-map";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { HealthCount } from "../../../src/ui/health/HealthCount";
import { HealthPanel } from "../../../src/ui/health/HealthPanel";
import { healthOf } from "../../../src/ui/health/use-health";
import { Inspector } from "../../../src/ui/inspector/Inspector";
import { runCli } from "../../cli/cli-harness";
import { LINT_FIXTURES, LINT_TODAY } from "../../fixtures/lint-fixtures";
import { makeStore, renderWithStore } from "../inspector/render-editor";

const dir = mkdtempSync(path.join(tmpdir(), "handoff-health-"));

describe("HealthPanel", () => {
  // The panel lints with today's date; the template's due dates must not turn overdue under the test.
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-06T12:00:00"));
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("groups the template's findings by severity; a click selects and shows the target", async () => {
    const store = makeStore(createRevOpsTemplate());
    const { user } = renderWithStore(
      <>
        <HealthCount />
        <HealthPanel />
      </>,
      store,
    );
    const count = screen.getByRole("button", { name: /^Health: / });
    expect(count.textContent).toContain("Health: 1 error, 2 warnings");
    await user.click(count);
    const panel = screen.getByRole("region", { name: "Health" });
    expect(within(panel).getByRole("region", { name: "Errors" })).toBeDefined();
    expect(within(panel).getByRole("region", { name: "Dark zones" }).textContent).toContain(
      "booked and provisioned",
    );
    await user.click(within(panel).getByRole("button", { name: /rework the terms/ }));
    expect(store.getState().selection.handoffs).toEqual(["h10"]);
    expect(store.getState().focusRequest).toMatchObject({ kind: "handoff", id: "h10" });
  });

  it("a finding about an edge case opens that edge case in the inspector", async () => {
    const fixture = LINT_FIXTURES.find((f) => f.rule === "edge-case-unowned");
    if (fixture === undefined) throw new Error("no edge-case-unowned fixture");
    const map = fixture.triggers();
    const edgeCase = map.handoffs.flatMap((h) => h.edgeCases)[0];
    if (edgeCase === undefined) throw new Error("the fixture has an edge case");
    const store = makeStore(map);
    const { user } = renderWithStore(
      <>
        <HealthPanel />
        <Inspector />
      </>,
      store,
    );
    act(() => store.getState().togglePanel("health", true));
    const panel = screen.getByRole("region", { name: "Health" });
    const finding = within(panel)
      .getAllByRole("button")
      .find((b) => b.textContent?.endsWith("edge-case-unowned"));
    if (finding === undefined) throw new Error("no edge-case-unowned finding");
    await user.click(finding);
    const row = screen
      .getAllByRole("button", { expanded: true })
      .find((b) => b.getAttribute("title")?.startsWith(edgeCase.title));
    expect(row).toBeDefined();
    expect(screen.getByDisplayValue(edgeCase.title)).toBeDefined();
  });

  it("the count falls as the room agrees an SLA", async () => {
    const store = makeStore(createRevOpsTemplate());
    renderWithStore(<HealthCount />, store);
    expect(screen.getByRole("button", { name: /^Health: / }).textContent).toContain("2 warnings");
    act(() => {
      store.getState().apply((m) => updateContract(m, "h14", { sla: { value: 2, unit: "business-days" } }));
    });
    expect((await screen.findByRole("button", { name: /^Health: / })).textContent).toContain("1 warning");
  });

  it.each(
    LINT_FIXTURES.flatMap((f) => [
      [`${f.rule} (triggers)`, f.triggers()],
      [`${f.rule} (near miss)`, f.passes()],
    ]),
  )("shows what handoff lint prints for the %s fixture", async (name, map) => {
    const file = path.join(dir, `${name.replace(/\W+/g, "-")}.json`);
    writeFileSync(file, renderJson(map));
    const cli = JSON.parse((await runCli(["lint", file, "--format", "json", "--today", LINT_TODAY])).stdout);
    const parsed = parseMapText(renderJson(map));
    if (!parsed.ok) throw new Error("fixture must be valid");
    const store = makeStore(parsed.map);
    // The panel's lint, with the fixtures' today (the panel itself uses the real date).
    expect(healthOf(parsed.map, LINT_TODAY).findings).toEqual(cli.findings);
    renderWithStore(<HealthPanel />, store);
    act(() => store.getState().togglePanel("health", true));
    const shown = screen.queryAllByRole("button").filter((b) => b.className.includes("hf-health__finding"));
    const expected = lintMap(parsed.map, { today: "2026-12-06" });
    expect(shown.map((b) => b.textContent)).toEqual(expected.map((f) => `${f.message}${f.rule}`));
  });
});
