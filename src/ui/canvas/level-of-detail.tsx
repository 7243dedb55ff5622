/**
 * Level of detail: zoomed far out, the canvas draws the map's shape, not its words.
 *
 * Below FAR_BELOW (a step's 13 px label is then under 5 px on screen, the systems chips' 9 px
 * text under 4: unreadable) steps are drawn as their shapes in their kind's colors with the
 * edge-case badge as a colored dot, and handoffs as their lines, arrowheads and edge-case flags
 * (colored by severity, without text); the step labels, systems chips, handoff labels, SLA and
 * crossing marks are not in the DOM. A zoomed-out view of a 1,000-step map then mounts a few
 * elements per step instead of a dozen or more, and the browser lays out and paints no text for
 * them. The frozen lane and phase headers keep their names at every zoom, so the room still
 * reads where it is; every step and handoff keeps its accessible name (React Flow's aria-label).
 *
 * Only a map of more than FAR_MIN_STEPS steps draws far detail: zoomed out, a small map puts
 * few words on screen, which cost the browser little, and a room looking at the whole of a small
 * map on a large screen still finds its steps by their words.
 *
 * One subscription to React Flow's viewport decides it; the steps and handoffs on screen re-render
 * once when the zoom crosses the line (hysteresis: far below 0.4, near again from 0.45, so a
 * wheel resting on the line does not flip it every frame), never per frame.
 */
import { useStoreApi } from "@xyflow/react";
import { createContext, type ReactNode, type RefObject, useContext, useLayoutEffect, useState } from "react";

/** Zoom under which the canvas draws far detail. */
export const FAR_BELOW = 0.4;
/** Zoom from which it draws full detail again. */
export const NEAR_FROM = 0.45;

/** Maps with at most this many steps always draw their words. */
export const FAR_MIN_STEPS = 100;

/** The detail after the zoom moved to `zoom`, given the detail drawn now. */
export function farAt(zoom: number, far: boolean): boolean {
  return far ? zoom < NEAR_FROM : zoom < FAR_BELOW;
}

const FarContext = createContext(false);

/** True when the canvas is zoomed far out: draw the shape without words (see above). */
export function useFar(): boolean {
  return useContext(FarContext);
}

/**
 * Provides the level of detail to the steps and handoffs inside, from React Flow's viewport, and
 * marks the canvas root `hf-canvas--far` for the CSS (the badge's number goes with it).
 */
export function LevelOfDetail({
  root,
  steps,
  children,
}: {
  root: RefObject<HTMLElement | null>;
  /** How many steps the map has: far detail only above FAR_MIN_STEPS. */
  steps: number;
  children: ReactNode;
}) {
  const flow = useStoreApi();
  const enabled = steps > FAR_MIN_STEPS;
  const [far, setFar] = useState(() => enabled && farAt(flow.getState().transform[2], false));
  useLayoutEffect(() => {
    let current = far;
    const follow = (zoom: number) => {
      const next = enabled && farAt(zoom, current);
      if (next === current) return;
      current = next;
      setFar(next);
    };
    follow(flow.getState().transform[2]);
    return flow.subscribe((state) => follow(state.transform[2]));
  }, [flow, far, enabled]);
  useLayoutEffect(() => {
    root.current?.classList.toggle("hf-canvas--far", far);
  }, [root, far]);
  return <FarContext.Provider value={far}>{children}</FarContext.Provider>;
}
