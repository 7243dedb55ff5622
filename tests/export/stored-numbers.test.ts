import { describe, expect, it } from "vitest";
import { renderBacklogCsv, renderBacklogMarkdown } from "../../src/export/render-backlog";
import { renderChangePlanMarkdown } from "../../src/export/render-change-plan";
import { renderCsv } from "../../src/export/render-csv";
import { renderMarkdown } from "../../src/export/render-markdown";
import { renderSvg } from "../../src/export/render-svg";
import { flowOrder } from "../../src/model/flow-order";
import * as ops from "../../src/model/operations";
import { flagTexts } from "../../src/ui/canvas/edge-labels";
import { walkView } from "../../src/ui/workshop/walk-view";
import {
  gridLayout,
  makeEdgeCase,
  makeHandoff,
  makeLane,
  makeMap,
  makeStep,
} from "../fixtures/export-fixtures";
import { readCsv } from "../fixtures/read-csv";

/**
 * Given a map whose stored numbers are not its map order (EC-2 was deleted, EC-9 was added to
 * the first handoff later), every surface shows the stored numbers: never 1, 2, 3 by position.
 */
function numbered() {
  return makeMap({
    title: "Stored numbers",
    lanes: [makeLane({ id: "l" })],
    steps: [
      makeStep({ id: "a", lane: "l", label: "Quote" }),
      makeStep({ id: "b", lane: "l", label: "Order" }),
    ],
    handoffs: [
      makeHandoff({
        id: "h",
        from: "a",
        to: "b",
        edgeCases: [
          makeEdgeCase({ id: "x", number: 1, title: "First", votes: 1 }),
          makeEdgeCase({ id: "y", number: 9, title: "Added later", votes: 1 }),
          makeEdgeCase({ id: "z", number: 3, title: "Third", votes: 1 }),
        ],
      }),
    ],
  });
}

describe("every surface shows the stored number", () => {
  const map = numbered();

  it("the canvas flag and the SVG flag and register", () => {
    expect(flagTexts(map).get("h")).toBe("⚑ EC-1 EC-9 EC-3");
    const svg = renderSvg(map, gridLayout(map));
    expect(svg).toContain('data-edge-case-flag="EC-1 EC-9 EC-3"');
    for (const label of ["EC-1", "EC-9", "EC-3"]) expect(svg).toContain(`data-edge-case-number="${label}"`);
    expect(svg).not.toContain('data-edge-case-number="EC-2"');
  });

  it("the Markdown and CSV registers (the CSV by number)", () => {
    const md = renderMarkdown(map);
    expect(
      md
        .split("\n")
        .filter((l) => l.startsWith("| EC-"))
        .map((l) => l.split(" | ")[0]),
    ).toEqual(["| EC-1", "| EC-9", "| EC-3"]);
    const [, ...rows] = readCsv(renderCsv(map).slice(1));
    expect(rows.map((r) => [r[0], r[4]])).toEqual([
      ["EC-1", "First"],
      ["EC-3", "Third"],
      ["EC-9", "Added later"],
    ]);
  });

  it("the backlog (ties by number) and the change plan", () => {
    const [, ...rows] = readCsv(renderBacklogCsv(map).slice(1));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ["1", "EC-1"],
      ["2", "EC-3"],
      ["3", "EC-9"],
    ]);
    expect(renderBacklogMarkdown(map)).toContain("| 3 | EC-9 |");
    expect(renderChangePlanMarkdown(map)).toMatch(/\| EC-9 \| Added later \|/);
  });

  it("the walkthrough's presenter card", () => {
    const view = walkView(map, flowOrder(map), 0);
    expect(view?.edgeCases.map((e) => e.label)).toEqual(["EC-1", "EC-9", "EC-3"]);
  });

  it("and after another edge case is deleted, nothing renumbers", () => {
    const after = ops.removeEdgeCase(map, "x");
    expect(flagTexts(after).get("h")).toBe("⚑ EC-9 EC-3");
    expect(readCsv(renderCsv(after).slice(1)).map((r) => r[0])).toEqual(["#", "EC-3", "EC-9"]);
  });
});
