/**
 * The message protocol between the page and the layout worker, and the pure handler the worker
 * wraps. The handler runs the same code in-process (tests, CLI), so the worker adds nothing but
 * postMessage.
 */
import type { HandoffMap } from "../model/types";
import { type ElkLayouter, type LayoutOptions, layoutMap } from "./layout-map";
import type { MapLayout } from "./types";

/** A layout or the reason there is none; a failed layout leaves the map as it was. */
export type LayoutResult = { ok: true; layout: MapLayout } | { ok: false; error: string };

export interface LayoutRequest {
  type: "layout";
  /** Chosen by the client; echoed in the response. */
  id: number;
  map: HandoffMap;
  options: LayoutOptions;
}

export interface LayoutResponse {
  type: "layout-result";
  id: number;
  result: LayoutResult;
}

export function isLayoutRequest(message: unknown): message is LayoutRequest {
  if (typeof message !== "object" || message === null) return false;
  const m = message as Partial<LayoutRequest>;
  return m.type === "layout" && typeof m.id === "number" && typeof m.map === "object" && m.map !== null;
}

export function isLayoutResponse(message: unknown): message is LayoutResponse {
  if (typeof message !== "object" || message === null) return false;
  const m = message as Partial<LayoutResponse>;
  return m.type === "layout-result" && typeof m.id === "number" && typeof m.result === "object";
}

/** Never rejects: any failure (ELK's included) becomes `{ ok: false, error }`. */
export async function runLayoutSafely(
  elk: ElkLayouter,
  map: HandoffMap,
  options: LayoutOptions = {},
): Promise<LayoutResult> {
  try {
    return { ok: true, layout: await layoutMap(elk, map, options) };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

/** The worker's whole job, as a pure async function of (ELK, message). */
export async function handleLayoutMessage(elk: ElkLayouter, message: unknown): Promise<LayoutResponse> {
  if (!isLayoutRequest(message)) {
    const id =
      typeof message === "object" && message !== null && typeof (message as { id?: unknown }).id === "number"
        ? (message as { id: number }).id
        : -1;
    return { type: "layout-result", id, result: { ok: false, error: "not a layout request" } };
  }
  return {
    type: "layout-result",
    id: message.id,
    result: await runLayoutSafely(elk, message.map, message.options),
  };
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === "string") return error;
  return "layout failed";
}
