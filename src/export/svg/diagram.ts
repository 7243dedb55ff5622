/** The swimlane diagram itself: lanes, the phase header row, the grid lines, steps and handoffs. */
import type { HandoffRoute, LaneBand, PhaseColumn } from "../../layout/types";
import type { DrawContext } from "./draw-context";
import { drawHandoff } from "./handoff";
import { drawLane } from "./lane";
import { drawPhase } from "./phase";
import { drawStep } from "./step";
import { attrs } from "./svg-markup";

export function drawDiagram(ctx: DrawContext): string {
  const { map, layout, theme } = ctx;
  const out: string[] = [];
  const bands = new Map<string, LaneBand>(layout.lanes.map((b) => [b.id, b]));
  const columns = new Map<string, PhaseColumn>(layout.phases.map((c) => [c.id, c]));
  const routes = new Map<string, HandoffRoute>(layout.handoffs.map((r) => [r.id, r]));

  out.push('<g data-role="lanes">');
  map.lanes.forEach((lane, index) => {
    const band = bands.get(lane.id);
    if (band !== undefined) out.push(drawLane(ctx, lane, band, index));
  });
  out.push("</g>");

  // The header row and the corner cell above the lane headers.
  if (layout.phaseHeaderHeight > 0) {
    out.push(
      `<rect${attrs([
        ["x", 0],
        ["y", 0],
        ["width", layout.width],
        ["height", layout.phaseHeaderHeight],
        ["fill", theme.headerFill],
        ["data-role", "phase-header-row"],
      ])}/>`,
    );
  }
  out.push('<g data-role="phases">');
  map.phases.forEach((phase, index) => {
    const column = columns.get(phase.id);
    if (column !== undefined) out.push(drawPhase(ctx, phase, column, index));
  });
  out.push("</g>");

  // Lines that structure the grid: under the header row, right of the lane headers, the frame.
  const line = (x1: number, y1: number, x2: number, y2: number, color: string, width = 1) =>
    `<line${attrs([
      ["x1", x1],
      ["y1", y1],
      ["x2", x2],
      ["y2", y2],
      ["stroke", color],
      ["stroke-width", width],
    ])}/>`;
  if (layout.phaseHeaderHeight > 0)
    out.push(line(0, layout.phaseHeaderHeight, layout.width, layout.phaseHeaderHeight, theme.frame));
  out.push(line(layout.laneHeaderWidth, 0, layout.laneHeaderWidth, layout.height, theme.frame));
  out.push(
    `<rect${attrs([
      ["x", 0],
      ["y", 0],
      ["width", layout.width],
      ["height", layout.height],
      ["fill", "none"],
      ["stroke", theme.frame],
      ["stroke-width", 1.25],
      ["data-role", "frame"],
    ])}/>`,
  );

  out.push('<g data-role="steps">');
  for (const step of map.steps) {
    const box = ctx.boxesById.get(step.id);
    if (box !== undefined) out.push(drawStep(ctx, step, box));
  }
  out.push("</g>");

  out.push('<g data-role="handoffs">');
  for (const handoff of map.handoffs) out.push(drawHandoff(ctx, handoff, routes.get(handoff.id)));
  out.push("</g>");
  return out.join("\n");
}
