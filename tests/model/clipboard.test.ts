import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layoutForPositions } from "../../src/layout/layout-map";
import {
  copyFragment,
  FRAGMENT_STEP_LIMIT,
  NO_FRAGMENT,
  parseFragment,
  pasteFragment,
  serializeFragment,
} from "../../src/model/clipboard";
import { parseMap } from "../../src/model/parse-map";
import { createBlankTemplate, createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { createEditorStore } from "../../src/store/editor-store";
import { pasteText } from "../../src/ui/actions/editor-actions";
import { arbitraryMap } from "../fixtures/arbitrary-map";

/**
 * The layout's arbitrary maps stretch the format (blank labels, self-loops, long texts); the
 * clipboard only ever sees maps the editor holds, so keep the ones parseMap accepts, normalized.
 */
function validMaps(options: Parameters<typeof arbitraryMap>[0]): fc.Arbitrary<HandoffMap> {
  return arbitraryMap(options)
    .map((map) => ({
      ...map,
      steps: map.steps.map((step) =>
        step.label.trim() === "" ? { ...step, label: `Step ${step.id}` } : step,
      ),
      handoffs: map.handoffs.filter((h) => h.from !== h.to),
    }))
    .map((map) => {
      const result = parseMap(JSON.parse(JSON.stringify(map)));
      return result.ok ? result.map : null;
    })
    .filter((map): map is HandoffMap => map !== null);
}

/** A map plus a random subset of its steps. */
const mapAndSelection = validMaps({ maxSteps: 16 }).chain((map) =>
  fc.record({
    map: fc.constant(map),
    picked: fc.subarray(map.steps.map((s) => s.id)),
  }),
);

function expectValid(map: unknown) {
  const result = parseMap(JSON.parse(JSON.stringify(map)));
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
}

describe("clipboard fragments", () => {
  it("copy takes the selected steps, the handoffs between them, and their lanes and phases", () => {
    const map = createRevOpsTemplate();
    const handoff = map.handoffs.find((h) => h.edgeCases.length > 0);
    if (handoff === undefined) throw new Error("template has no edge cases");
    const fragment = copyFragment(map, [handoff.from, handoff.to]);
    expect(fragment?.steps.map((s) => s.id).sort()).toEqual([handoff.from, handoff.to].sort());
    expect(fragment?.handoffs.map((h) => h.id)).toContain(handoff.id);
    const lanes = new Set(fragment?.steps.map((s) => s.lane));
    expect(new Set(fragment?.lanes.map((l) => l.id))).toEqual(lanes);
  });

  it("copy of nothing is null", () => {
    expect(copyFragment(createRevOpsTemplate(), [])).toBeNull();
  });

  it("paste into the same map gives fresh ids for steps, handoffs and edge cases", () => {
    const map = createRevOpsTemplate();
    const fragment = copyFragment(
      map,
      map.steps.map((s) => s.id),
    );
    if (fragment === null) throw new Error("nothing copied");
    const result = pasteFragment(map, fragment, { offset: { x: 10, y: 10 } });
    expect(result.map.steps).toHaveLength(2 * map.steps.length);
    expect(result.map.handoffs).toHaveLength(2 * map.handoffs.length);
    for (const id of result.steps) expect(map.steps.some((s) => s.id === id)).toBe(false);
    for (const id of result.handoffs) expect(map.handoffs.some((h) => h.id === id)).toBe(false);
    expect(result.map.lanes).toEqual(map.lanes);
    expectValid(result.map);
  });

  it("paste into another map adds the lanes and phases it lacks", () => {
    const source = createRevOpsTemplate();
    const fragment = copyFragment(source, [source.steps[0]?.id ?? ""]);
    if (fragment === null) throw new Error("nothing copied");
    const target = createBlankTemplate();
    const result = pasteFragment(target, parseFragment(serializeFragment(fragment)) ?? fragment);
    expect(result.map.steps).toHaveLength(1);
    const lane = result.map.lanes.find((l) => l.id === result.map.steps[0]?.lane);
    expect(lane?.name).toBe(source.lanes.find((l) => l.id === source.steps[0]?.lane)?.name);
    expectValid(result.map);
  });

  it("reading back refuses anything that is not a fragment", () => {
    expect(parseFragment("")).toBeNull();
    expect(parseFragment("hello")).toBeNull();
    expect(parseFragment(JSON.stringify(createRevOpsTemplate()))).toBeNull();
    expect(
      parseFragment(
        JSON.stringify({
          format: "handoff-fragment",
          version: 1,
          lanes: [],
          phases: [],
          steps: [{}],
          handoffs: [],
        }),
      ),
    ).toBeNull();
    expect(parseFragment('{"__proto__": {"polluted": true}}')).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("property: copy, serialize, parse and paste into either map always gives a valid map", () => {
    fc.assert(
      fc.property(mapAndSelection, validMaps({ maxSteps: 6 }), ({ map, picked }, other) => {
        const fragment = copyFragment(map, picked);
        if (picked.length === 0) {
          expect(fragment).toBeNull();
          return;
        }
        if (fragment === null) throw new Error("copy lost the selection");
        const read = parseFragment(serializeFragment(fragment));
        expect(read).not.toBeNull();
        if (read === null) return;
        for (const target of [map, other]) {
          const result = pasteFragment(target, read, { offset: { x: 24, y: 16 } });
          expectValid(result.map);
          expect(result.steps).toHaveLength(new Set(picked).size);
          expect(result.map.steps.length).toBe(target.steps.length + result.steps.length);
          const before = new Set(target.steps.map((s) => s.id));
          for (const id of result.steps) expect(before.has(id)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("pasting through the editor", () => {
  it("selects what was pasted and asks the canvas to bring its first step into view if hidden", () => {
    const source = createRevOpsTemplate();
    const step = source.steps.find((s) => s.label === "Discovery");
    const fragment = step === undefined ? null : copyFragment(source, [step.id]);
    if (fragment === null) throw new Error("template changed");
    const store = createEditorStore({
      map: createBlankTemplate(),
      runLayout: async (m) => ({ ok: true, layout: layoutForPositions(m) }),
    });
    expect(pasteText(store, serializeFragment(fragment))).toBe(true);
    const { map, selection, focusRequest } = store.getState();
    const pasted = map.steps.find((s) => s.label === "Discovery");
    expect(selection.steps).toEqual([pasted?.id]);
    expect(focusRequest).toMatchObject({ kind: "step", id: pasted?.id, ifHidden: true });
  });

  it("given 5,001 copied steps, when pasted, then the notice names the limit and what to do instead", () => {
    // given a fragment one step over the limit
    const lane = { id: "l", name: "Sales" };
    const steps = Array.from({ length: FRAGMENT_STEP_LIMIT + 1 }, (_, i) => ({
      id: `s${i}`,
      lane: "l",
      label: `Step ${i}`,
      kind: "task",
      description: "",
      owner: "",
      systems: [],
    }));
    const text = JSON.stringify({
      format: "handoff-fragment",
      version: 1,
      lanes: [lane],
      phases: [],
      steps,
      handoffs: [],
    });
    const store = createEditorStore({
      map: createBlankTemplate(),
      runLayout: async (m) => ({ ok: true, layout: layoutForPositions(m) }),
    });
    // when it is pasted
    expect(pasteText(store, text)).toBe(false);
    // then nothing is added, and the notice says how many, the limit, and the way out
    expect(store.getState().map.steps).toHaveLength(0);
    const notice = store.getState().notice;
    expect(notice?.text).toMatch(/5,001 Handoff steps/);
    expect(notice?.text).toMatch(/at most 5,000 steps/);
    expect(notice?.text).toMatch(/Import/);
    expect(notice?.tone).toBe("error");
    // and text that is no fragment at all still says so
    pasteText(store, "hello");
    expect(store.getState().notice?.text).toBe(NO_FRAGMENT);
  });
});
