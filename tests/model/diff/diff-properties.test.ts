import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffMaps } from "../../../src/model/diff/diff-maps";
import * as ops from "../../../src/model/operations";
import { createRevOpsTemplate } from "../../../src/model/templates";
import type { HandoffMap } from "../../../src/model/types";
import { EDGE_CASE_STATUSES } from "../../../src/model/types";
import { arbitraryMap } from "../../fixtures/arbitrary-map";

/**
 * Properties of the semantic diff: a map against itself is empty, and a random sequence of edits
 * gives a diff naming exactly the entities those edits touched (no more: nothing untouched shows
 * up; no less: every touch that survived shows up).
 */

type Touched = Set<string>;
type Edit = (map: HandoffMap, touched: Touched, fresh: () => string) => HandoffMap;

const key = (kind: string, id: string) => `${kind}:${id}`;

function idsOf(map: HandoffMap): Set<string> {
  const ids = new Set<string>();
  for (const l of map.lanes) ids.add(key("lane", l.id));
  for (const p of map.phases) ids.add(key("phase", p.id));
  for (const s of map.steps) ids.add(key("step", s.id));
  for (const h of map.handoffs) {
    ids.add(key("handoff", h.id));
    for (const e of h.edgeCases) ids.add(key("edgeCase", e.id));
  }
  return ids;
}

/** Each edit picks its target with `pick` (an index into the candidates) and uses fresh text, so no edit undoes another. */
function edits(pick: number): Edit[] {
  const at = <T>(list: readonly T[]): T | undefined =>
    list.length === 0 ? undefined : list[pick % list.length];
  return [
    (map, touched, fresh) => {
      const s = at(map.steps);
      if (s === undefined) return map;
      touched.add(key("step", s.id));
      return ops.updateStep(map, s.id, { label: fresh() });
    },
    (map, touched) => {
      // Moving a step to another lane once (a second move could bring it back).
      const s = at(map.steps.filter((x) => !touched.has(key("step", x.id))));
      const l = at(map.lanes.filter((x) => x.id !== s?.lane));
      if (s === undefined || l === undefined) return map;
      touched.add(key("step", s.id));
      return ops.moveStep(map, s.id, { lane: l.id });
    },
    (map, touched, fresh) => {
      const l = at(map.lanes);
      if (l === undefined) return map;
      const id = `s-${fresh()}`;
      touched.add(key("step", id));
      return ops.addStep(map, { id, lane: l.id, label: fresh() });
    },
    (map, touched) => {
      const s = at(map.steps);
      if (s === undefined) return map;
      touched.add(key("step", s.id));
      for (const h of map.handoffs)
        if (h.from === s.id || h.to === s.id) {
          touched.add(key("handoff", h.id));
          for (const e of h.edgeCases) touched.add(key("edgeCase", e.id));
        }
      return ops.removeStep(map, s.id);
    },
    (map, touched, fresh) => {
      const from = at(map.steps);
      const to = at([...map.steps].reverse());
      if (from === undefined || to === undefined || from.id === to.id) return map;
      const id = `h-${fresh()}`;
      touched.add(key("handoff", id));
      return ops.connect(map, { id, from: from.id, to: to.id, label: fresh() });
    },
    (map, touched, fresh) => {
      const h = at(map.handoffs);
      if (h === undefined) return map;
      touched.add(key("handoff", h.id));
      return ops.updateHandoff(map, h.id, { label: fresh() });
    },
    (map, touched) => {
      const h = at(map.handoffs);
      if (h === undefined) return map;
      touched.add(key("handoff", h.id));
      for (const e of h.edgeCases) touched.add(key("edgeCase", e.id));
      return ops.removeHandoff(map, h.id);
    },
    (map, touched, fresh) => {
      const h = at(map.handoffs);
      if (h === undefined) return map;
      const id = `ec-${fresh()}`;
      touched.add(key("edgeCase", id));
      return ops.addEdgeCase(map, h.id, { id, title: fresh(), severity: "high" });
    },
    (map, touched, fresh) => {
      const e = at(map.handoffs.flatMap((h) => h.edgeCases));
      if (e === undefined) return map;
      touched.add(key("edgeCase", e.id));
      return ops.updateEdgeCase(map, e.id, { title: fresh() });
    },
    (map, touched) => {
      // Status changes once per edge case, to a status it does not have.
      const e = at(
        map.handoffs.flatMap((h) => h.edgeCases).filter((x) => !touched.has(key("edgeCase", x.id))),
      );
      if (e === undefined) return map;
      const status = EDGE_CASE_STATUSES.find((s) => s !== e.status) ?? "mitigated";
      touched.add(key("edgeCase", e.id));
      return ops.updateEdgeCase(map, e.id, { status });
    },
    (map, touched) => {
      const e = at(map.handoffs.flatMap((h) => h.edgeCases));
      if (e === undefined) return map;
      touched.add(key("edgeCase", e.id));
      return ops.removeEdgeCase(map, e.id);
    },
    (map, touched, fresh) => {
      const l = at(map.lanes);
      if (l === undefined) return map;
      touched.add(key("lane", l.id));
      return ops.updateLane(map, l.id, { name: fresh() });
    },
    (map, touched, fresh) => {
      const id = `l-${fresh()}`;
      touched.add(key("lane", id));
      return ops.addLane(map, { id, name: fresh() });
    },
  ];
}

const EDIT_COUNT = edits(0).length;

describe("diff properties", () => {
  it("diff(A, A) is empty, with and without layout", () => {
    fc.assert(
      fc.property(arbitraryMap(), (map) => {
        expect(diffMaps(map, map).changes).toEqual([]);
        expect(diffMaps(map, structuredClone(map), { layout: true }).changes).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("a random sequence of edits gives a diff naming exactly the entities they touched", () => {
    const base = createRevOpsTemplate();
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(base), arbitraryMap({ maxSteps: 12 })),
        fc.array(fc.tuple(fc.nat(EDIT_COUNT - 1), fc.nat(1000)), { minLength: 1, maxLength: 12 }),
        (start, sequence) => {
          let counter = 0;
          const fresh = () => `edit ${++counter}`;
          const touched: Touched = new Set();
          let map = start;
          for (const [which, pick] of sequence) {
            const edit = edits(pick)[which] as Edit;
            map = edit(map, touched, fresh);
          }
          const present = new Set([...idsOf(start), ...idsOf(map)]);
          const expected = [...touched].filter((id) => present.has(id)).sort();
          const named = diffMaps(start, map)
            .changes.map((c) => key(c.kind, c.id))
            .sort();
          expect(named).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
