/**
 * The editor's vocabulary of document edits: one named command per thing a person means to do.
 *
 * A command is a plain, serialisable value (`{ type: "addStep", id, lane, label }`): ids and
 * values only, no functions, no Maps, so it can be logged, sent to another person's editor,
 * replayed in a test, or shown in an audit trail. The ui never edits the map itself: it builds a
 * command and calls the store's `dispatch(command)`; `executeCommand` (execute-command.ts) is the
 * one function that turns a command into a new map, through the model's pure edits.
 *
 * Ids: a command that creates something carries the new id (`id`, or `ids` for a paste). The ui
 * may ask the store for one first (`newId("step")`) when it wants to select the new thing; when
 * left out, `dispatch` fills it in from the store's random source before executing (see
 * complete-command.ts) and returns the completed command, which is the one recorded: replaying
 * it gives the same map.
 *
 * History: every command type says once, in command-history.ts, how it enters undo history:
 * "record" (one undo entry), "coalesce" by a key (typing into one field is one entry), "gesture"
 * (a drag's moves: one entry for the whole drag, between beginGesture and endGesture), or
 * "ignore" (the layout writing down positions it chose; not undoable).
 *
 * How to add a command:
 *  1. Write the edit as a pure function (map, args) -> map in src/model (operations.ts or a file
 *     of its own), with its tests in tests/model; it throws EditError for what it refuses.
 *  2. Add an interface below with a `type` literal named for the intent (a verb: "renameLane",
 *     not "updateLane"), holding only ids and plain values, and add it to the `Command` union.
 *  3. Add its case to executeCommand's switch (TypeScript fails the build until you do: the
 *     switch ends in assertNever), its history in historyOf (command-history.ts), and, when it
 *     creates something, its ids in completeCommand (complete-command.ts).
 *  4. Add tests/store/commands/<area>.test.ts cases in given / when / then-undo / then-redo form
 *     through a store (tests/store/commands/command-harness.ts), and an arbitrary for it in the
 *     property test (tests/store/commands/commands.property.test.ts).
 *  5. Dispatch it from the ui: `store.getState().dispatch({ type: "renameLane", lane, name })`.
 *
 * @example
 * const id = store.getState().newId("step");
 * const done = store.getState().dispatch({ type: "addStep", id, lane: "sales", label: "Qualify" });
 * if (done.ok) store.getState().select({ steps: [id] });
 */
import type { MapFragment, PasteIds } from "../../model/clipboard";
import type { Integration, RuleLevel, SlaUnit } from "../../model/contract";
import type { PlanItem } from "../../model/diff/changes-to-plan";
import type { EdgeCaseStatus, Position, Severity, StepKind, VersionTrigger } from "../../model/types";

// ---------------------------------------------------------------------------------------------
// The map

/** Typing into the map's title or description. */
export interface SetMapField {
  type: "setMapField";
  field: "title" | "description";
  value: string;
}

// ---------------------------------------------------------------------------------------------
// Lanes

export interface AddLane {
  type: "addLane";
  /** Filled in by dispatch when left out. */
  id?: string;
  name: string;
  color?: string;
  /** Where it goes; at the bottom when left out. */
  index?: number;
}

/** A new name given in the lane's header (one undo entry). */
export interface RenameLane {
  type: "renameLane";
  lane: string;
  name: string;
}

/** A lane's color picked from its header menu; null goes back to the theme's color. */
export interface SetLaneColor {
  type: "setLaneColor";
  lane: string;
  color: string | null;
}

/** Typing into the lane inspector's fields (or dragging through its color picker). */
export type SetLaneField =
  | { type: "setLaneField"; lane: string; field: "name"; value: string }
  | { type: "setLaneField"; lane: string; field: "color"; value: string | null };

/** One place up (delta -1) or down (1); clamped at the ends. */
export interface MoveLane {
  type: "moveLane";
  lane: string;
  delta: number;
}

/** A lane that holds steps needs `moveStepsTo`: the lane that takes them. */
export interface RemoveLane {
  type: "removeLane";
  lane: string;
  moveStepsTo?: string;
}

// ---------------------------------------------------------------------------------------------
// Phases

/** A new phase; the steps already drawn under its column join it (stepsUnderNewPhase). */
export interface AddPhase {
  type: "addPhase";
  id?: string;
  name: string;
  color?: string;
  index?: number;
}

export interface RenamePhase {
  type: "renamePhase";
  phase: string;
  name: string;
}

export interface SetPhaseColor {
  type: "setPhaseColor";
  phase: string;
  color: string | null;
}

export type SetPhaseField =
  | { type: "setPhaseField"; phase: string; field: "name"; value: string }
  | { type: "setPhaseField"; phase: string; field: "color"; value: string | null };

export interface MovePhase {
  type: "movePhase";
  phase: string;
  delta: number;
}

/** Its steps keep their lanes and simply have no phase any more. */
export interface RemovePhase {
  type: "removePhase";
  phase: string;
}

// ---------------------------------------------------------------------------------------------
// Steps

export interface NewStepArgs {
  /** Filled in by dispatch when left out. */
  id?: string;
  lane: string;
  phase?: string;
  label: string;
  /** File terms (relative to the lane's band); left out, the layout places it. */
  position?: Position;
}

export interface AddStep extends NewStepArgs {
  type: "addStep";
}

/**
 * A new step and a handoff to or from an existing one, as one edit: Tab after a step, or a
 * connection dragged out of a step and dropped on empty lane space.
 */
export interface AddConnectedStep extends NewStepArgs {
  type: "addConnectedStep";
  /** The new handoff's id; filled in by dispatch when left out. */
  handoff?: string;
  /** The existing step at the other end, and which way the handoff runs. */
  other: string;
  direction: "from" | "to";
}

/** The label typed into the step's box on the canvas (one undo entry). */
export interface RenameStep {
  type: "renameStep";
  step: string;
  label: string;
}

/** Typing into the step inspector's text fields. */
export interface SetStepField {
  type: "setStepField";
  step: string;
  field: "label" | "owner" | "description";
  value: string;
}

export interface SetStepKind {
  type: "setStepKind";
  step: string;
  kind: StepKind;
}

/** The inspector's lane picker: the step keeps its position, in the new lane's band. */
export interface SetStepLane {
  type: "setStepLane";
  step: string;
  lane: string;
}

/** null takes the step out of every phase. */
export interface SetStepPhase {
  type: "setStepPhase";
  step: string;
  phase: string | null;
}

export interface SetStepSystems {
  type: "setStepSystems";
  step: string;
  systems: string[];
}

/** Where one step goes: its lane, its phase and its position in file terms. */
export interface StepMove {
  step: string;
  lane: string;
  /** Left out: the step keeps its phase (dropped where no phase column is). */
  phase?: string;
  position: Position;
}

/** Steps dropped at the end of a drag (part of the drag's gesture). */
export interface MoveSteps {
  type: "moveSteps";
  moves: StepMove[];
}

/** Arrow keys on the selection: nudges of the same steps in a row are one undo entry. */
export interface NudgeSteps {
  type: "nudgeSteps";
  moves: StepMove[];
}

/** Alt+Up / Alt+Down: the selection goes to the lane above or below. */
export interface MoveStepsToLane {
  type: "moveStepsToLane";
  moves: StepMove[];
}

/** Delete: the steps (with every handoff touching them) and the handoffs, as one edit. */
export interface DeleteSelection {
  type: "deleteSelection";
  steps: string[];
  handoffs: string[];
}

/**
 * Clipboard steps added to the map with fresh ids. Pasted into the map they came from (any of
 * their steps still in it), they land a little below and right of the originals.
 */
export interface Paste {
  type: "paste";
  fragment: MapFragment;
  /** Filled in by dispatch when left out. */
  ids?: PasteIds;
}

/** Ctrl/Cmd+D: copies of the steps (and the handoffs between them) next to them. */
export interface DuplicateSteps {
  type: "duplicateSteps";
  steps: string[];
  ids?: PasteIds;
}

// ---------------------------------------------------------------------------------------------
// Handoffs

/** A handoff from one step to another. */
export interface ConnectSteps {
  type: "connectSteps";
  id?: string;
  from: string;
  to: string;
}

/** One end (or both) of a handoff dragged to another step. */
export interface ReconnectHandoff {
  type: "reconnectHandoff";
  handoff: string;
  from?: string;
  to?: string;
}

/** Typing into the handoff inspector's label field. */
export interface SetHandoffField {
  type: "setHandoffField";
  handoff: string;
  field: "label";
  value: string;
}

// ---------------------------------------------------------------------------------------------
// Edge cases

export interface AddEdgeCase {
  type: "addEdgeCase";
  id?: string;
  handoff: string;
  title: string;
  severity?: Severity;
}

/** Typing into an edge case's text fields (the due date too: "" clears it). */
export interface SetEdgeCaseField {
  type: "setEdgeCaseField";
  edgeCase: string;
  field: "title" | "description" | "owner" | "mitigation" | "due";
  value: string;
}

export interface SetEdgeCaseSeverity {
  type: "setEdgeCaseSeverity";
  edgeCase: string;
  severity: Severity;
}

export interface SetEdgeCaseStatus {
  type: "setEdgeCaseStatus";
  edgeCase: string;
  status: EdgeCaseStatus;
}

/** The change plan's owner field: one owner chosen, one undo entry. */
export interface AssignEdgeCaseOwner {
  type: "assignEdgeCaseOwner";
  edgeCase: string;
  owner: string;
}

/** A vote up (1) or taken back (-1), wherever it is cast; never below zero. */
export interface VoteEdgeCase {
  type: "voteEdgeCase";
  edgeCase: string;
  delta: 1 | -1;
}

export interface RemoveEdgeCase {
  type: "removeEdgeCase";
  edgeCase: string;
}

// ---------------------------------------------------------------------------------------------
// Layout

export interface StepPosition {
  step: string;
  position: Position;
}

/**
 * Auto layout's result written into the map: every step's position, and the phase each step
 * without one was drawn in.
 */
export interface ApplyAutoLayout {
  type: "applyAutoLayout";
  positions: StepPosition[];
  phases: { step: string; phase: string }[];
}

/** The keep layout writing down where it put steps that had no position (not undoable). */
export interface PlaceSteps {
  type: "placeSteps";
  positions: StepPosition[];
}

// ---------------------------------------------------------------------------------------------
// Handoff contracts and health settings

/** The contract's free-text fields, typed into the inspector or the presenter card. */
export type ContractTextField = "trigger" | "sender" | "receiver" | "systemOfRecord" | "acceptance";

/** Typing into one of a handoff contract's text fields ("" removes it). */
export interface SetContractText {
  type: "setContractText";
  handoff: string;
  field: ContractTextField;
  value: string;
}

/** How data moves on a system crossing; null goes back to unknown. */
export interface SetHandoffIntegration {
  type: "setHandoffIntegration";
  handoff: string;
  integration: Integration | null;
}

/** "No known edge cases": the room examined the handoff and found none. */
export interface SetNoKnownEdgeCases {
  type: "setNoKnownEdgeCases";
  handoff: string;
  value: boolean;
}

/** A new item of required data (what must travel with the handoff), not yet agreed. */
export interface AddRequiredData {
  type: "addRequiredData";
  handoff: string;
  item: string;
}

/** An item of required data ticked (or unticked) as agreed in the room. */
export interface SetRequiredDataAgreed {
  type: "setRequiredDataAgreed";
  handoff: string;
  index: number;
  agreed: boolean;
}

export interface RemoveRequiredData {
  type: "removeRequiredData";
  handoff: string;
  index: number;
}

/** An unagreed item of required data recorded as an open edge case on the same handoff. */
export interface RequiredDataToEdgeCase {
  type: "requiredDataToEdgeCase";
  handoff: string;
  index: number;
  /** The new edge case's id; filled in by dispatch when left out. */
  id?: string;
}

/** Typing the SLA's number ("" clears it); `unit` is used when the SLA had none yet. */
export interface SetSlaValue {
  type: "setSlaValue";
  handoff: string;
  typed: string;
  unit: SlaUnit;
}

export interface SetSlaUnit {
  type: "setSlaUnit";
  handoff: string;
  unit: SlaUnit;
}

/** Typing the SLA's free-text note. */
export interface SetSlaText {
  type: "setSlaText";
  handoff: string;
  text: string;
}

/** A health rule's level for this map; null goes back to the rule's default. */
export interface SetRuleLevel {
  type: "setRuleLevel";
  rule: string;
  level: RuleLevel | null;
}

// ---------------------------------------------------------------------------------------------
// Versions and scenarios (src/model/versions.ts, src/model/scenarios.ts)

/** A named snapshot saved (by hand or at a workshop milestone); outside undo history. */
export interface SaveVersion {
  type: "saveVersion";
  /** Filled in by dispatch when left out. */
  id?: string;
  name: string;
  note: string;
  /** ISO time stamp, given by the caller so a replay makes the same map. */
  savedAt: string;
  trigger: VersionTrigger;
}

/** A saved version thrown away; outside undo history (like saving one). */
export interface DeleteVersion {
  type: "deleteVersion";
  version: string;
}

/** The map put back to a saved version, after saving the current one (one undo entry). */
export interface RestoreVersion {
  type: "restoreVersion";
  version: string;
  /** The "before restore" version's id; filled in by dispatch when left out. */
  id?: string;
  savedAt: string;
}

/** A new scenario forked from the active one, and shown. */
export interface AddScenario {
  type: "addScenario";
  /** Filled in by dispatch when left out. */
  id?: string;
  name: string;
}

export interface SwitchScenario {
  type: "switchScenario";
  scenario: string;
}

export interface RenameScenario {
  type: "renameScenario";
  scenario: string;
  name: string;
}

export interface DeleteScenario {
  type: "deleteScenario";
  scenario: string;
}

/**
 * "Changes to plan": the compare's changes (model/diff/changes-to-plan.ts planItems) added to the
 * change plan as open edge cases, one undo entry; items already on the plan are left out.
 */
export interface AddPlanItems {
  type: "addPlanItems";
  items: PlanItem[];
  /** One id per item not yet on the plan (newPlanItems), in order; filled in by dispatch. */
  ids?: string[];
}

export type Command =
  | AddPlanItems
  | SaveVersion
  | DeleteVersion
  | RestoreVersion
  | AddScenario
  | SwitchScenario
  | RenameScenario
  | DeleteScenario
  | SetMapField
  | AddLane
  | RenameLane
  | SetLaneColor
  | SetLaneField
  | MoveLane
  | RemoveLane
  | AddPhase
  | RenamePhase
  | SetPhaseColor
  | SetPhaseField
  | MovePhase
  | RemovePhase
  | AddStep
  | AddConnectedStep
  | RenameStep
  | SetStepField
  | SetStepKind
  | SetStepLane
  | SetStepPhase
  | SetStepSystems
  | MoveSteps
  | NudgeSteps
  | MoveStepsToLane
  | DeleteSelection
  | Paste
  | DuplicateSteps
  | ConnectSteps
  | ReconnectHandoff
  | SetHandoffField
  | AddEdgeCase
  | SetEdgeCaseField
  | SetEdgeCaseSeverity
  | SetEdgeCaseStatus
  | AssignEdgeCaseOwner
  | VoteEdgeCase
  | RemoveEdgeCase
  | ApplyAutoLayout
  | PlaceSteps
  | SetContractText
  | SetHandoffIntegration
  | SetNoKnownEdgeCases
  | AddRequiredData
  | SetRequiredDataAgreed
  | RemoveRequiredData
  | RequiredDataToEdgeCase
  | SetSlaValue
  | SetSlaUnit
  | SetSlaText
  | SetRuleLevel;

export type CommandType = Command["type"];
