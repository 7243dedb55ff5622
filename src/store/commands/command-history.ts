import { assertNever } from "../../model/assert-never";
import type { Command } from "./command";

/**
 * How a command enters undo history, said once per command type:
 *  - record: one undo entry;
 *  - coalesce: commands with the same key in a row share one entry (the keystrokes of one field
 *    edit); leaving the field seals it (the store's sealHistory);
 *  - gesture: part of a gesture (a drag's drop), one entry for the whole gesture between the
 *    store's beginGesture and endGesture; outside a gesture it is recorded like "record";
 *  - ignore: not undoable (the layout writing down where it placed new steps).
 */
export type HistoryPolicy =
  | { kind: "record" }
  | { kind: "coalesce"; key: string }
  | { kind: "gesture" }
  | { kind: "ignore" };

const RECORD: HistoryPolicy = { kind: "record" };

export function historyOf(command: Command): HistoryPolicy {
  switch (command.type) {
    case "setMapField":
      return { kind: "coalesce", key: `map:${command.field}` };
    case "setLaneField":
      return { kind: "coalesce", key: `lane:${command.lane}:${command.field}` };
    case "setPhaseField":
      return { kind: "coalesce", key: `phase:${command.phase}:${command.field}` };
    case "setStepField":
      return { kind: "coalesce", key: `step:${command.step}:${command.field}` };
    case "setHandoffField":
      return { kind: "coalesce", key: `handoff:${command.handoff}:${command.field}` };
    case "setEdgeCaseField":
      return { kind: "coalesce", key: `edgeCase:${command.edgeCase}:${command.field}` };
    case "setContractText":
      return { kind: "coalesce", key: `handoff:${command.handoff}:${command.field}` };
    case "setSlaValue":
      return { kind: "coalesce", key: `handoff:${command.handoff}:sla-value` };
    case "setSlaText":
      return { kind: "coalesce", key: `handoff:${command.handoff}:sla-text` };
    case "nudgeSteps":
      return { kind: "coalesce", key: `nudge:${command.moves.map((move) => move.step).join(",")}` };
    case "moveSteps":
      return { kind: "gesture" };
    case "placeSteps":
    case "saveVersion":
    case "deleteVersion":
      return { kind: "ignore" };
    case "addLane":
    case "renameLane":
    case "setLaneColor":
    case "moveLane":
    case "removeLane":
    case "addPhase":
    case "renamePhase":
    case "setPhaseColor":
    case "movePhase":
    case "removePhase":
    case "addStep":
    case "addConnectedStep":
    case "renameStep":
    case "setStepKind":
    case "setStepLane":
    case "setStepPhase":
    case "setStepSystems":
    case "moveStepsToLane":
    case "deleteSelection":
    case "paste":
    case "duplicateSteps":
    case "connectSteps":
    case "reconnectHandoff":
    case "addEdgeCase":
    case "setEdgeCaseSeverity":
    case "setEdgeCaseStatus":
    case "assignEdgeCaseOwner":
    case "voteEdgeCase":
    case "removeEdgeCase":
    case "applyAutoLayout":
    case "setHandoffIntegration":
    case "setNoKnownEdgeCases":
    case "addRequiredData":
    case "setRequiredDataAgreed":
    case "removeRequiredData":
    case "requiredDataToEdgeCase":
    case "setSlaUnit":
    case "setRuleLevel":
    case "restoreVersion":
    case "addPlanItems":
    case "addScenario":
    case "switchScenario":
    case "renameScenario":
    case "deleteScenario":
      return RECORD;
    default:
      return assertNever(command);
  }
}

/** The key a command coalesces on, or null: a field compares it with history.coalesceKey. */
export function coalesceKeyOf(command: Command): string | null {
  const policy = historyOf(command);
  return policy.kind === "coalesce" ? policy.key : null;
}
