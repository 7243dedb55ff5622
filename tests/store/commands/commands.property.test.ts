import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyFragment } from "../../../src/model/clipboard";
import { parseMap } from "../../../src/model/parse-map";
import { EDGE_CASE_STATUSES, type HandoffMap, SEVERITIES, STEP_KINDS } from "../../../src/model/types";
import type { Command } from "../../../src/store/commands/command";
import { arbitraryMap } from "../../fixtures/arbitrary-map";
import { givenStore } from "./command-harness";

/** Random maps the editor could hold: the arbitrary maps parseMap accepts, as it reads them. */
const validMaps = arbitraryMap({ maxSteps: 10, maxLanes: 4, maxPhases: 3 })
  .map((map) => ({
    ...map,
    steps: map.steps.map((step) => (step.label.trim() === "" ? { ...step, label: `Step ${step.id}` } : step)),
    handoffs: map.handoffs.filter((h) => h.from !== h.to),
  }))
  .map((map) => {
    const result = parseMap(JSON.parse(JSON.stringify(map)));
    return result.ok ? result.map : null;
  })
  .filter((map): map is HandoffMap => map !== null);

/**
 * One command, chosen by kind with indices into whatever the map holds when it runs (so a
 * sequence keeps meaning something as the map changes), texts that are sometimes refused
 * (blank, too long), and positions anywhere in the format's range or beyond it.
 */
const AT = "2026-12-06T11:00:00.000Z";

const intent = fc.record({
  kind: fc.nat(60),
  i: fc.nat(50),
  j: fc.nat(50),
  text: fc.oneof(
    fc.constantFrom("Qualify", "", " ", "Deal desk", "2027-02-28", "#abc"),
    fc.string({ maxLength: 12 }),
  ),
  x: fc.oneof(fc.integer({ min: -2000, max: 2000 }), fc.constantFrom(2_000_000, -0)),
  y: fc.integer({ min: -200, max: 400 }),
  flag: fc.boolean(),
});
type Intent = typeof intent extends fc.Arbitrary<infer T> ? T : never;

function pick<T>(items: readonly T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

/** The command an intent means on this map (ids that may be gone are fine: it is refused). */
function commandFor(map: HandoffMap, t: Intent): Command {
  const lane = pick(map.lanes, t.i)?.id ?? "none";
  const otherLane = pick(map.lanes, t.j)?.id ?? "none";
  const phase = pick(map.phases, t.i)?.id ?? "none";
  const step = pick(map.steps, t.i)?.id ?? "none";
  const otherStep = pick(map.steps, t.j)?.id ?? "none";
  const handoff = pick(map.handoffs, t.i)?.id ?? "none";
  const edgeCase = pick(
    map.handoffs.flatMap((h) => h.edgeCases),
    t.j,
  )?.id;
  const ec = edgeCase ?? "none";
  const position = { x: t.x, y: t.y };
  const version = pick(map.versions ?? [], t.j)?.id;
  const scenario = pick(map.scenarios ?? [], t.i)?.id ?? "none";
  const commands: Command[] = [
    { type: "setMapField", field: t.flag ? "title" : "description", value: t.text },
    { type: "addLane", name: t.text, index: t.j % 4 },
    { type: "renameLane", lane, name: t.text },
    { type: "setLaneColor", lane, color: t.flag ? null : t.text },
    { type: "setLaneField", lane, field: "name", value: t.text },
    { type: "moveLane", lane, delta: t.flag ? 1 : -1 },
    { type: "removeLane", lane, ...(t.flag ? { moveStepsTo: otherLane } : {}) },
    { type: "addPhase", name: t.text || "Phase", index: t.j % 3 },
    { type: "renamePhase", phase, name: t.text },
    { type: "setPhaseColor", phase, color: t.flag ? "#0f0" : null },
    { type: "setPhaseField", phase, field: "color", value: t.text },
    { type: "movePhase", phase, delta: t.flag ? 1 : -1 },
    { type: "removePhase", phase },
    { type: "addStep", lane, label: t.text || "New step", ...(t.flag ? { position } : {}) },
    { type: "addConnectedStep", lane, label: "New step", other: step, direction: t.flag ? "from" : "to" },
    { type: "renameStep", step, label: t.text },
    { type: "setStepField", step, field: t.flag ? "owner" : "description", value: t.text },
    { type: "setStepKind", step, kind: pick(STEP_KINDS, t.j) ?? "task" },
    { type: "setStepLane", step, lane: otherLane },
    { type: "setStepPhase", step, phase: t.flag ? null : phase },
    { type: "setStepSystems", step, systems: t.flag ? [t.text] : [] },
    { type: "moveSteps", moves: [{ step, lane: otherLane, position }] },
    { type: "nudgeSteps", moves: [{ step, lane, position }] },
    { type: "moveStepsToLane", moves: [{ step, lane: otherLane, ...(t.flag ? { phase } : {}), position }] },
    { type: "deleteSelection", steps: t.flag ? [step] : [], handoffs: [handoff].filter((h) => h !== "none") },
    { type: "duplicateSteps", steps: [step, otherStep] },
    { type: "connectSteps", from: step, to: otherStep },
    { type: "reconnectHandoff", handoff, ...(t.flag ? { from: otherStep } : { to: otherStep }) },
    { type: "setHandoffField", handoff, field: "label", value: t.text },
    { type: "addEdgeCase", handoff, title: t.text || "Edge case", severity: pick(SEVERITIES, t.j) ?? "low" },
    { type: "setEdgeCaseField", edgeCase: ec, field: t.flag ? "due" : "mitigation", value: t.text },
    { type: "setEdgeCaseSeverity", edgeCase: ec, severity: pick(SEVERITIES, t.i) ?? "low" },
    { type: "setEdgeCaseStatus", edgeCase: ec, status: pick(EDGE_CASE_STATUSES, t.i) ?? "open" },
    { type: "assignEdgeCaseOwner", edgeCase: ec, owner: t.text },
    { type: "voteEdgeCase", edgeCase: ec, delta: t.flag ? 1 : -1 },
    { type: "removeEdgeCase", edgeCase: ec },
    { type: "applyAutoLayout", positions: [{ step, position }], phases: t.flag ? [{ step, phase }] : [] },
    { type: "placeSteps", positions: [{ step: otherStep, position }] },
    { type: "setContractText", handoff, field: t.flag ? "trigger" : "acceptance", value: t.text },
    { type: "setHandoffIntegration", handoff, integration: t.flag ? "automated" : null },
    { type: "setNoKnownEdgeCases", handoff, value: t.flag },
    { type: "addRequiredData", handoff, item: t.text },
    { type: "setRequiredDataAgreed", handoff, index: t.j % 3, agreed: t.flag },
    { type: "removeRequiredData", handoff, index: t.j % 3 },
    { type: "requiredDataToEdgeCase", handoff, index: t.j % 3 },
    { type: "setSlaValue", handoff, typed: t.flag ? String(t.j) : t.text, unit: "hours" },
    { type: "setSlaUnit", handoff, unit: t.flag ? "days" : "business-days" },
    { type: "setSlaText", handoff, text: t.text },
    { type: "setRuleLevel", rule: t.flag ? "handoff-no-sla" : "empty-lane", level: t.flag ? "off" : null },
    { type: "saveVersion", name: t.text, note: t.flag ? t.text : "", savedAt: AT, trigger: "manual" },
    { type: "deleteVersion", version: version ?? "none" },
    { type: "restoreVersion", version: version ?? "none", savedAt: AT },
    { type: "addScenario", name: t.text },
    { type: "switchScenario", scenario },
    { type: "renameScenario", scenario, name: t.text },
    { type: "deleteScenario", scenario },
    {
      type: "addPlanItems",
      items: [{ handoff, title: t.text || "Change", owner: t.flag ? t.text : "", description: "" }],
    },
  ];
  const fragment = copyFragment(map, [step, otherStep]);
  if (fragment !== null) commands.push({ type: "paste", fragment });
  return commands[t.kind % commands.length] as Command;
}

describe("commands over random maps (property)", () => {
  it("always leave a valid map, and undoing them all gives back the original", () => {
    fc.assert(
      fc.property(validMaps, fc.array(intent, { maxLength: 25 }), fc.nat(), (given, intents, seed) => {
        const store = givenStore(given, seed);
        const original = store.getState().map;
        /** placeSteps (the layout's write-back) is outside history: undo does not take it back. */
        let placed = false;
        /** Saved versions are outside history too: undo keeps them (editor-store keepVersions). */
        let versioned = false;
        for (const t of intents) {
          const before = store.getState().map;
          const command = commandFor(before, t);
          store.getState().sealHistory();
          const result = store.getState().dispatch(command, { quiet: true });
          const after = store.getState().map;
          if (!result.ok) expect(after).toBe(before);
          if (result.ok && command.type === "placeSteps" && after !== before) placed = true;
          if (result.ok && after.versions !== before.versions) versioned = true;
          // Plain data: the command that ran reads back from JSON as the same JSON.
          if (result.ok) {
            const json = JSON.stringify(result.command);
            expect(JSON.stringify(JSON.parse(json))).toBe(json);
          }
          const parsed = parseMap(JSON.parse(JSON.stringify(after)));
          expect(parsed.ok ? [] : parsed.errors).toEqual([]);
        }
        while (store.getState().history.past.length > 0) store.getState().undo();
        const undone = store.getState().map;
        if (!placed && !versioned) expect(undone).toBe(original);
        else {
          const unplaced = (m: HandoffMap) => m.steps.map(({ position: _p, ...rest }) => rest);
          const comparable = ({ versions: _v, ...m }: HandoffMap) => ({ ...m, steps: unplaced(m) });
          expect(comparable(undone)).toEqual(comparable(original));
        }
      }),
      { numRuns: 80 },
    );
  });
});
