/**
 * The map as a JSON file, ready to re-import: the normalized document with every key in one
 * fixed order (the order of docs/format.md), so two exports of the same map are byte-identical
 * and diffs between versions of a map show only what changed.
 *
 * Only the fields of the format are written: anything else an in-memory map might carry
 * (editor state, React Flow internals) is left behind.
 */

import { edgeCaseNumbers } from "../model/edge-case-numbers";
import type { EdgeCase, Handoff, HandoffMap, Lane, Phase, Step } from "../model/types";
import { contractJson, lintSettingsJson } from "./contract-json";

function lane(l: Lane) {
  return { id: l.id, name: l.name, ...(l.color === undefined ? {} : { color: l.color }) };
}

function phase(p: Phase) {
  return { id: p.id, name: p.name, ...(p.color === undefined ? {} : { color: p.color }) };
}

function step(s: Step) {
  return {
    id: s.id,
    lane: s.lane,
    ...(s.phase === undefined ? {} : { phase: s.phase }),
    label: s.label,
    kind: s.kind,
    description: s.description,
    owner: s.owner,
    systems: [...s.systems],
    ...(s.position === undefined ? {} : { position: { x: s.position.x, y: s.position.y } }),
  };
}

function edgeCase(e: EdgeCase, number: number | undefined) {
  return {
    id: e.id,
    ...(number === undefined ? {} : { number }),
    title: e.title,
    severity: e.severity,
    status: e.status,
    owner: e.owner,
    mitigation: e.mitigation,
    description: e.description,
    votes: e.votes,
    ...(e.due === undefined ? {} : { due: e.due }),
  };
}

function handoff(h: Handoff, numbers: ReadonlyMap<string, number>) {
  return {
    id: h.id,
    from: h.from,
    to: h.to,
    label: h.label,
    edgeCases: h.edgeCases.map((e) => edgeCase(e, numbers.get(e.id))),
    ...contractJson(h),
  };
}

/**
 * The map as pretty-printed JSON with a trailing newline.
 *
 * @example
 * const text = renderJson(map);
 * parseMapText(text); // { ok: true, map: <equal to map>, warnings: [] }
 */
export function renderJson(map: HandoffMap): string {
  // The stored numbers; a map built by hand without them gets the ones reading it would give.
  const numbers = edgeCaseNumbers(map);
  const document = {
    format: map.format,
    version: map.version,
    title: map.title,
    description: map.description,
    lanes: map.lanes.map(lane),
    phases: map.phases.map(phase),
    steps: map.steps.map(step),
    handoffs: map.handoffs.map((h) => handoff(h, numbers)),
    ...(map.lastEdgeCaseNumber === undefined ? {} : { lastEdgeCaseNumber: map.lastEdgeCaseNumber }),
    ...lintSettingsJson(map),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
