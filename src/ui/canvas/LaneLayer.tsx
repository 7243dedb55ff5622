import { type Transform, useStoreApi } from "@xyflow/react";
import { memo, useLayoutEffect, useRef } from "react";
import type { Lane } from "../../model/types";
import type { SvgTheme } from "../../theme/svg-theme";
import type { LayoutFrame } from "./canvas-geometry";
import { laneFill } from "./canvas-theme";
import { cssString } from "./css-string";

/** How far the bands reach left and right of the diagram, so they read as full-width. */
const REACH = 4_000;

const cssTransform = ([x, y, zoom]: Transform) => `translate(${x}px, ${y}px) scale(${zoom})`;

/**
 * The lane bands and phase separators behind the steps, drawn from the layout's frame in flow
 * coordinates. A background layer, not React Flow parent nodes: a step's lane is its `lane`
 * field only. Only the outer transform changes while panning, written straight to the DOM from a
 * React Flow store subscription (no render per frame); the bands themselves are memoized.
 *
 * `dropLane`: while a step is dragged, the lane it will land in (the band under its middle, the
 * rule the drop follows) is marked `is-drop-target`, and its frozen header is tinted the same way
 * (a generated rule: the headers belong to HeaderOverlay), so the room sees where it goes.
 */
function LaneLayerView({
  frame,
  lanes,
  theme,
  dropLane = null,
}: {
  frame: LayoutFrame;
  lanes: readonly Lane[];
  theme: SvgTheme;
  dropLane?: string | null;
}) {
  const flow = useStoreApi();
  const viewport = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    let last: Transform | null = null;
    const follow = (transform: Transform) => {
      if (transform === last || viewport.current === null) return;
      last = transform;
      viewport.current.style.transform = cssTransform(transform);
    };
    follow(flow.getState().transform);
    return flow.subscribe((state) => follow(state.transform));
  }, [flow]);
  return (
    <div className="hf-lane-layer" aria-hidden="true">
      {dropLane !== null && <style>{dropTargetHeaderCss(dropLane)}</style>}
      <div className="hf-lane-layer__viewport" ref={viewport}>
        <Bands frame={frame} lanes={lanes} theme={theme} dropLane={dropLane} />
      </div>
    </div>
  );
}

/**
 * The drop target's lane header, tinted like its band. Lane ids are user data: cssString keeps
 * them inside the attribute selector (and the <style> element), and React writes it as text.
 */
function dropTargetHeaderCss(laneId: string): string {
  return `.hf-canvas .hf-lane-header[data-lane-id=${cssString(laneId)}] { background: color-mix(in srgb, var(--hf-cross-lane) 14%, transparent); box-shadow: inset 4px 0 0 0 var(--hf-cross-lane); }`;
}

const Bands = memo(function Bands({
  frame,
  lanes,
  theme,
  dropLane,
}: {
  frame: LayoutFrame;
  lanes: readonly Lane[];
  theme: SvgTheme;
  dropLane: string | null;
}) {
  const index = new Map(lanes.map((lane, i) => [lane.id, i]));
  const byId = new Map(lanes.map((lane) => [lane.id, lane]));
  const left = frame.laneHeaderWidth - REACH;
  const width = frame.width - frame.laneHeaderWidth + 2 * REACH;
  const lanesTop = frame.phaseHeaderHeight;
  return (
    <>
      {frame.lanes.map((band) => {
        const lane = byId.get(band.id);
        if (lane === undefined) return null;
        return (
          <div
            key={band.id}
            className={band.id === dropLane ? "hf-band is-drop-target" : "hf-band"}
            data-lane-id={band.id}
            style={{
              left,
              top: band.y,
              width,
              height: band.height,
              background: laneFill(lane, index.get(band.id) ?? 0, theme),
            }}
          />
        );
      })}
      {frame.phases.map((column, i) =>
        i === 0 && column.x <= frame.laneHeaderWidth + 0.5 ? null : (
          <div
            key={column.id}
            className="hf-phase-line"
            style={{ left: column.x, top: lanesTop, height: frame.height - lanesTop }}
          />
        ),
      )}
    </>
  );
});

/** Memoized: the canvas re-renders on every frame of a step drag; the lane layer's props do not change. */
export const LaneLayer = memo(LaneLayerView);
