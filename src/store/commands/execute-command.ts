import { stepsUnderNewPhase } from "../../layout/phase-membership";
import { assertNever } from "../../model/assert-never";
import { copyFragment, type MapFragment, type PasteIds, pasteFragment } from "../../model/clipboard";
import {
  addRequiredData,
  removeRequiredData,
  requiredDataToEdgeCase,
  setRuleLevel,
  setSlaText,
  setSlaUnit,
  setSlaValue,
  updateContract,
  updateRequiredData,
} from "../../model/contract-edits";
import { addPlanItems } from "../../model/diff/changes-to-plan";
import type { IdSource } from "../../model/ids";
import {
  addEdgeCase,
  addLane,
  addPhase,
  addStep,
  connect,
  EditError,
  moveLane,
  movePhase,
  moveStep,
  reconnect,
  removeEdgeCase,
  removeHandoffs,
  removeLane,
  removePhase,
  removeSteps,
  setPhases,
  setPositions,
  updateEdgeCase,
  updateHandoff,
  updateLane,
  updateMapInfo,
  updatePhase,
  updateStep,
  voteEdgeCase,
} from "../../model/operations";
import { deleteScenario, forkScenario, renameScenario, switchScenario } from "../../model/scenarios";
import type { HandoffMap, Position } from "../../model/types";
import { deleteVersion, restoreVersion, saveVersion } from "../../model/versions";
import type { Command, StepMove, StepPosition } from "./command";
import { completeCommand } from "./complete-command";

export interface CommandContext {
  /** Where new ids come from when a command does not carry them (the store's random source). */
  ids: IdSource;
}

/** Where a paste into the map it was copied from lands, relative to the originals. */
export const PASTE_OFFSET: Readonly<Position> = { x: 32, y: 24 };

/**
 * The one function from a command to a new map: pure, through the model's edits, so it keeps
 * the map valid and shares every untouched object. Throws EditError (with words fit for the
 * person who asked) for an edit the map refuses; the map passed in is never changed. Ids the
 * command does not carry are drawn from `ctx.ids` (dispatch fills them in first, to record them).
 */
export function executeCommand(map: HandoffMap, command: Command, ctx: CommandContext): HandoffMap {
  const c = completeCommand(map, command, ctx.ids);
  switch (c.type) {
    case "addPlanItems":
      return addPlanItems(map, c.items, c.ids ?? []);
    case "saveVersion":
      return saveVersion(map, {
        id: c.id ?? "",
        name: c.name,
        note: c.note,
        savedAt: c.savedAt,
        trigger: c.trigger,
      });
    case "deleteVersion":
      return deleteVersion(map, c.version);
    case "restoreVersion":
      return restoreVersion(map, c.version, { id: c.id ?? "", savedAt: c.savedAt });
    case "addScenario":
      return forkScenario(map, { id: c.id ?? "", name: c.name });
    case "switchScenario":
      return switchScenario(map, c.scenario);
    case "renameScenario":
      return renameScenario(map, c.scenario, c.name);
    case "deleteScenario":
      return deleteScenario(map, c.scenario);

    case "setMapField":
      return updateMapInfo(map, { [c.field]: c.value });

    case "addLane":
      return addLane(map, {
        id: c.id,
        name: c.name,
        ...(c.color === undefined ? {} : { color: c.color }),
        ...(c.index === undefined ? {} : { index: c.index }),
      });
    case "renameLane":
      return updateLane(map, c.lane, { name: c.name });
    case "setLaneColor":
      return updateLane(map, c.lane, { color: c.color });
    case "setLaneField":
      return c.field === "name"
        ? updateLane(map, c.lane, { name: c.value })
        : updateLane(map, c.lane, { color: c.value });
    case "moveLane":
      return moveLane(map, c.lane, c.delta);
    case "removeLane":
      return removeLane(map, c.lane, c.moveStepsTo === undefined ? {} : { moveStepsTo: c.moveStepsTo });

    case "addPhase": {
      const phase = {
        id: c.id ?? "",
        name: c.name,
        ...(c.color === undefined ? {} : { color: c.color }),
        ...(c.index === undefined ? {} : { index: c.index }),
      };
      // The steps already drawn under the new column join it (all of them on a map without phases).
      return addPhase(map, { ...phase, steps: stepsUnderNewPhase(map, phase) });
    }
    case "renamePhase":
      return updatePhase(map, c.phase, { name: c.name });
    case "setPhaseColor":
      return updatePhase(map, c.phase, { color: c.color });
    case "setPhaseField":
      return c.field === "name"
        ? updatePhase(map, c.phase, { name: c.value })
        : updatePhase(map, c.phase, { color: c.value });
    case "movePhase":
      return movePhase(map, c.phase, c.delta);
    case "removePhase":
      return removePhase(map, c.phase);

    case "addStep":
      return addStep(map, newStep(c));
    case "addConnectedStep": {
      const next = addStep(map, newStep(c));
      const step = c.id ?? "";
      return c.direction === "from"
        ? connect(next, { id: c.handoff, from: c.other, to: step })
        : connect(next, { id: c.handoff, from: step, to: c.other });
    }
    case "renameStep":
      return updateStep(map, c.step, { label: c.label });
    case "setStepField":
      return updateStep(map, c.step, { [c.field]: c.value });
    case "setStepKind":
      return updateStep(map, c.step, { kind: c.kind });
    case "setStepLane":
      return updateStep(map, c.step, { lane: c.lane });
    case "setStepPhase":
      return updateStep(map, c.step, { phase: c.phase });
    case "setStepSystems":
      return updateStep(map, c.step, { systems: c.systems });
    case "moveSteps":
    case "nudgeSteps":
    case "moveStepsToLane":
      return moveSteps(map, c.moves);
    case "deleteSelection":
      return deleteSelection(map, c.steps, c.handoffs);
    case "paste":
      return paste(map, c.fragment, c.ids);
    case "duplicateSteps": {
      const fragment = copyFragment(map, c.steps);
      if (fragment === null) throw new EditError("select the steps to duplicate");
      return paste(map, fragment, c.ids);
    }

    case "connectSteps":
      return connect(map, { id: c.id, from: c.from, to: c.to });
    case "reconnectHandoff":
      return reconnect(map, c.handoff, {
        ...(c.from === undefined ? {} : { from: c.from }),
        ...(c.to === undefined ? {} : { to: c.to }),
      });
    case "setHandoffField":
      return updateHandoff(map, c.handoff, { label: c.value });

    case "addEdgeCase":
      return addEdgeCase(map, c.handoff, {
        id: c.id,
        title: c.title,
        ...(c.severity === undefined ? {} : { severity: c.severity }),
      });
    case "setEdgeCaseField":
      return c.field === "due"
        ? updateEdgeCase(map, c.edgeCase, { due: c.value === "" ? null : c.value })
        : updateEdgeCase(map, c.edgeCase, { [c.field]: c.value });
    case "setEdgeCaseSeverity":
      return updateEdgeCase(map, c.edgeCase, { severity: c.severity });
    case "setEdgeCaseStatus":
      return updateEdgeCase(map, c.edgeCase, { status: c.status });
    case "assignEdgeCaseOwner":
      return updateEdgeCase(map, c.edgeCase, { owner: c.owner });
    case "voteEdgeCase":
      return voteEdgeCase(map, c.edgeCase, c.delta);
    case "removeEdgeCase":
      return removeEdgeCase(map, c.edgeCase);

    case "setContractText":
      return updateContract(map, c.handoff, { [c.field]: c.value });
    case "setHandoffIntegration":
      return updateContract(map, c.handoff, { integration: c.integration });
    case "setNoKnownEdgeCases":
      return updateContract(map, c.handoff, { noKnownEdgeCases: c.value });
    case "addRequiredData":
      return addRequiredData(map, c.handoff, c.item);
    case "setRequiredDataAgreed":
      return updateRequiredData(map, c.handoff, c.index, { agreed: c.agreed });
    case "removeRequiredData":
      return removeRequiredData(map, c.handoff, c.index);
    case "requiredDataToEdgeCase":
      return requiredDataToEdgeCase(map, c.handoff, c.index, c.id);
    case "setSlaValue":
      return setSlaValue(map, c.handoff, c.typed, c.unit);
    case "setSlaUnit":
      return setSlaUnit(map, c.handoff, c.unit);
    case "setSlaText":
      return setSlaText(map, c.handoff, c.text);
    case "setRuleLevel":
      return setRuleLevel(map, c.rule, c.level);

    case "applyAutoLayout":
      return setPhases(
        setPositions(map, positionMap(c.positions)),
        new Map(c.phases.map((entry) => [entry.step, entry.phase])),
      );
    case "placeSteps":
      return setPositions(map, positionMap(c.positions));

    default:
      return assertNever(c);
  }
}

function newStep(c: { id?: string; lane: string; phase?: string; label: string; position?: Position }) {
  return {
    id: c.id,
    lane: c.lane,
    label: c.label,
    ...(c.phase === undefined ? {} : { phase: c.phase }),
    ...(c.position === undefined ? {} : { position: c.position }),
  };
}

function positionMap(positions: readonly StepPosition[]): Map<string, Position> {
  return new Map(positions.map((entry) => [entry.step, entry.position]));
}

function moveSteps(map: HandoffMap, moves: readonly StepMove[]): HandoffMap {
  return moves.reduce(
    (next, move) =>
      moveStep(next, move.step, {
        lane: move.lane,
        ...(move.phase === undefined ? {} : { phase: move.phase }),
        position: move.position,
      }),
    map,
  );
}

/** Handoffs that go with their steps are not removed twice. */
function deleteSelection(map: HandoffMap, stepIds: readonly string[], handoffIds: readonly string[]) {
  const steps = new Set(stepIds);
  const handoffs = handoffIds.filter((id) => {
    const handoff = map.handoffs.find((h) => h.id === id);
    return handoff !== undefined && !steps.has(handoff.from) && !steps.has(handoff.to);
  });
  let next = steps.size > 0 ? removeSteps(map, steps) : map;
  if (handoffs.length > 0) next = removeHandoffs(next, handoffs);
  return next;
}

function paste(map: HandoffMap, fragment: MapFragment, ids: PasteIds | undefined): HandoffMap {
  if (ids === undefined) throw new EditError("the paste has no new ids");
  const here = new Set(map.steps.map((step) => step.id));
  const sameMap = fragment.steps.some((step) => here.has(step.id));
  return pasteFragment(map, fragment, { offset: sameMap ? PASTE_OFFSET : { x: 0, y: 0 }, ids }).map;
}
