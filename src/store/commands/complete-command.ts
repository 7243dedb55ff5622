import { assertNever } from "../../model/assert-never";
import { copyFragment, pasteIds } from "../../model/clipboard";
import { newPlanItems } from "../../model/diff/changes-to-plan";
import type { IdKind, IdSource } from "../../model/ids";
import type { HandoffMap } from "../../model/types";
import type { Command } from "./command";

/**
 * The command with every id it creates filled in from `ids` (the store's random source): the
 * command `dispatch` records and returns, so the caller can read the new ids and a replay makes
 * the same map. Ids already given are kept (the ui asked for them, or this is a replay). A
 * command that creates nothing comes back as it is.
 */
export function completeCommand<C extends Command>(map: HandoffMap, command: C, ids: IdSource): C {
  const taken = takenIds(map);
  const fresh = (kind: IdKind) => ids.next(kind, taken);
  const c: Command = command;
  switch (c.type) {
    case "addLane":
      return c.id === undefined ? ({ ...c, id: fresh("lane") } as C) : command;
    case "addPhase":
      return c.id === undefined ? ({ ...c, id: fresh("phase") } as C) : command;
    case "addStep":
      return c.id === undefined ? ({ ...c, id: fresh("step") } as C) : command;
    case "addConnectedStep":
      if (c.id !== undefined && c.handoff !== undefined) return command;
      return { ...c, id: c.id ?? fresh("step"), handoff: c.handoff ?? fresh("handoff") } as C;
    case "connectSteps":
      return c.id === undefined ? ({ ...c, id: fresh("handoff") } as C) : command;
    case "addEdgeCase":
      return c.id === undefined ? ({ ...c, id: fresh("edgeCase") } as C) : command;
    case "requiredDataToEdgeCase":
      return c.id === undefined ? ({ ...c, id: fresh("edgeCase") } as C) : command;
    case "paste":
      return c.ids === undefined ? ({ ...c, ids: pasteIds(c.fragment, fresh) } as C) : command;
    case "duplicateSteps": {
      if (c.ids !== undefined) return command;
      const fragment = copyFragment(map, c.steps);
      return fragment === null ? command : ({ ...c, ids: pasteIds(fragment, fresh) } as C);
    }
    case "addPlanItems":
      return c.ids === undefined
        ? ({ ...c, ids: newPlanItems(map, c.items).map(() => fresh("edgeCase")) } as C)
        : command;
    case "saveVersion":
      return c.id === undefined ? ({ ...c, id: fresh("version") } as C) : command;
    case "restoreVersion":
      return c.id === undefined ? ({ ...c, id: fresh("version") } as C) : command;
    case "addScenario":
      return c.id === undefined ? ({ ...c, id: fresh("scenario") } as C) : command;
    case "deleteVersion":
    case "switchScenario":
    case "renameScenario":
    case "deleteScenario":
    case "setMapField":
    case "renameLane":
    case "setLaneColor":
    case "setLaneField":
    case "moveLane":
    case "removeLane":
    case "renamePhase":
    case "setPhaseColor":
    case "setPhaseField":
    case "movePhase":
    case "removePhase":
    case "renameStep":
    case "setStepField":
    case "setStepKind":
    case "setStepLane":
    case "setStepPhase":
    case "setStepSystems":
    case "moveSteps":
    case "nudgeSteps":
    case "moveStepsToLane":
    case "deleteSelection":
    case "reconnectHandoff":
    case "setHandoffField":
    case "setContractText":
    case "setHandoffIntegration":
    case "setNoKnownEdgeCases":
    case "addRequiredData":
    case "setRequiredDataAgreed":
    case "removeRequiredData":
    case "setSlaValue":
    case "setSlaUnit":
    case "setSlaText":
    case "setRuleLevel":
    case "setEdgeCaseField":
    case "setEdgeCaseSeverity":
    case "setEdgeCaseStatus":
    case "assignEdgeCaseOwner":
    case "voteEdgeCase":
    case "removeEdgeCase":
    case "applyAutoLayout":
    case "placeSteps":
      return command;
    default:
      return assertNever(c);
  }
}

/**
 * Whether an id is in use anywhere in the map, built lazily: most commands create nothing, and
 * a random id is almost never taken, so the sets are only made when a fresh id is drawn.
 */
function takenIds(map: HandoffMap): (id: string) => boolean {
  let all: Set<string> | null = null;
  return (id) => {
    if (all === null) {
      all = new Set<string>();
      for (const lane of map.lanes) all.add(lane.id);
      for (const version of map.versions ?? []) all.add(version.id);
      for (const scenario of map.scenarios ?? []) all.add(scenario.id);
      for (const phase of map.phases) all.add(phase.id);
      for (const step of map.steps) all.add(step.id);
      for (const handoff of map.handoffs) {
        all.add(handoff.id);
        for (const edgeCase of handoff.edgeCases) all.add(edgeCase.id);
      }
    }
    return all.has(id);
  };
}
