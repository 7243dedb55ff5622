import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { renderCompareSvg } from "../../src/export/render-compare-svg";
import { renderDiffMarkdown } from "../../src/export/render-diff";
import { layoutMap } from "../../src/layout/layout-map";
import { compareMap } from "../../src/model/diff/compare-map";
import { diffMaps } from "../../src/model/diff/diff-maps";
import { summarizeDiff } from "../../src/model/diff/diff-summary";
import * as ops from "../../src/model/operations";
import { createRevOpsTemplate } from "../../src/model/templates";

const elk = new ELK();

function workshopPair() {
  const before = createRevOpsTemplate();
  let after = ops.moveStep(before, "enrich-route", { lane: "sdr" });
  after = ops.connect(after, {
    id: "h-new",
    from: "lead-capture",
    to: "outreach-qualify",
    label: "fast lane",
  });
  after = ops.removeHandoff(after, "h7");
  after = ops.updateEdgeCase(after, "ec3", { status: "mitigated" });
  return { before, after };
}

describe("compare map and its SVG", () => {
  it("puts removed handoffs back as ghosts and keeps every id unique", () => {
    const { before, after } = workshopPair();
    const compare = compareMap(before, after, diffMaps(before, after));
    expect(compare.map.handoffs.map((h) => h.id)).toContain("h7");
    expect(compare.map.handoffs).toHaveLength(after.handoffs.length + 1);
    expect(compare.changes.get("handoff:h7")).toBe("removed");
    expect(compare.changes.get("handoff:h-new")).toBe("added");
    expect(compare.changes.get("step:enrich-route")).toBe("changed");
  });

  it("marks added, changed and removed in the overlay, with a legend naming the counts", async () => {
    const { before, after } = workshopPair();
    const diff = diffMaps(before, after);
    const compare = compareMap(before, after, diff);
    const layout = await layoutMap(elk, compare.map, { mode: "keep" });
    const { svg, origin } = renderCompareSvg(compare, layout, {
      heading: "As-is → To-be",
      summary: summarizeDiff(diff),
    });
    expect(svg).toContain('data-view="compare"');
    expect(svg).toMatch(/<g data-change="added" data-handoff-change="h-new">/);
    expect(svg).toMatch(/<g data-change="removed" data-handoff-change="h7">.*stroke-dasharray/);
    expect(svg).toMatch(/<g data-change="changed" data-step-change="enrich-route">/);
    // ec3's handoff is marked changed: its edge case was mitigated
    expect(svg).toMatch(/<g data-change="changed" data-handoff-change="h3">/);
    expect(svg).toContain("As-is → To-be: +1 handoff, −1 handoff, 2 changed, 1 edge case mitigated");
    expect(origin.x).toBeLessThan(0);
    expect(svg.match(/<svg\b/g)).toHaveLength(1);
    expect(
      renderCompareSvg(compare, layout, { heading: "As-is → To-be", summary: summarizeDiff(diff) }).svg,
    ).toBe(svg);
  });

  it("escapes hostile names in the legend and the Markdown change list", () => {
    const before = createRevOpsTemplate();
    const after = ops.updateStep(before, "discovery", { label: "<script>|x|" });
    const diff = diffMaps(before, after);
    const md = renderDiffMarkdown(diff, { title: "T", scenario: "A" }, { title: "T", scenario: "B" });
    expect(md).toContain("&lt;script&gt;\\|x\\|");
    expect(md).not.toContain("<script>");
  });
});
