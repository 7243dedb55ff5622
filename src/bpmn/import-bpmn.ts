/**
 * BPMN 2.0 XML -> a Handoff map. Read with bpmn-moddle, the parser bpmn.io uses (no DTDs, so
 * external entities are never resolved), then through parseMap like every other map, so the
 * result is a valid, normalised map or a list of errors. Never throws. docs/bpmn.md has the rules:
 *
 * - every participant with a process is imported; its lanes become lanes ("Pool / Lane" when the
 *   file has several pools, nested lanes "Parent / Child"); a pool without lanes is one lane; flow
 *   nodes in no lane go to an "Unassigned" lane of their pool; a black-box pool is a lane with one
 *   step standing for the pool, which its message flows go to or from;
 * - events, activities of every type (sub-processes and call activities as one step, their content
 *   not expanded) and gateways become steps; sequence and message flows between them handoffs;
 *   text annotations joined to flows edge cases; groups phases where they enclose steps;
 * - positions from the diagram (lane-relative) when it has them, else none: Handoff's lane-aware
 *   layout places the steps;
 * - Handoff's own extension elements (handoff-moddle-package.ts) restore a Handoff map exactly;
 * - everything else is named in a warning with its id, never dropped without a word.
 */
import { BpmnModdle, type ModdleElement } from "bpmn-moddle";
import { decodeUtf8 } from "../model/decode-utf8";
import type { MapIssue } from "../model/map-issue";
import { isRecord } from "../model/map-issue";
import { parseMap } from "../model/parse-map";
import type { HandoffMap } from "../model/types";
import { CURRENT_VERSION, LIMITS, MAP_FORMAT, SEVERITIES, STEP_KINDS, type StepKind } from "../model/types";
import { HANDOFF_MODDLE_PACKAGE } from "./handoff-moddle-package";
import { decodeExtensionText, visibleText } from "./xml-text";

export type BpmnImportResult =
  | { ok: true; map: HandoffMap; warnings: MapIssue[] }
  | { ok: false; errors: MapIssue[] };

/** How a BPMN shape's centre maps to a Handoff box: Handoff's boxes are wider than BPMN's tasks. */
const X_SCALE = 1.6;
const Y_SCALE = 1;
/** Half of Handoff's typical step box, to turn a centre into a top-left position. */
const HALF_BOX = { width: 80, height: 24 };
/** The name band on the left of a BPMN lane or pool. */
const NAME_BAND = 30;

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface RawLane {
  id: string;
  name: string;
  color?: string;
  /** Where its band starts in the diagram, for the steps' lane-relative positions. */
  bounds?: Bounds;
  order: number;
}

interface RawStep {
  id: string;
  lane: string;
  phase?: string;
  label: string;
  kind: StepKind;
  description: string;
  owner: string;
  systems: string[];
  position?: { x: number; y: number };
  /** The diagram shape, for groups and positions; not written. */
  bounds?: Bounds;
}

interface RawEdgeCase {
  id: string;
  number?: number;
  title: string;
  severity: string;
  status: string;
  owner: string;
  mitigation: string;
  description: string;
  votes: number;
  due?: string;
}

interface RawHandoff {
  id: string;
  from: string;
  to: string;
  label: string;
  edgeCases: RawEdgeCase[];
  /** The contract fields from Handoff's own extension, checked by parseMap like any file's. */
  [contractField: string]: unknown;
}

/** Reads a .bpmn file's bytes: the size limit, UTF-8, then importBpmn. Never throws. */
export async function importBpmnBytes(bytes: Uint8Array): Promise<BpmnImportResult> {
  if (bytes.byteLength > LIMITS.fileBytes)
    return fail(`the file is larger than the ${LIMITS.fileBytes / 1024 / 1024} MB limit`);
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return fail(decoded.message);
  return importBpmn(decoded.text);
}

/**
 * Reads BPMN 2.0 XML as a Handoff map. Never throws.
 *
 * @example
 * const result = await importBpmn(xml);
 * if (result.ok) open(result.map); else show(result.errors);
 */
export async function importBpmn(text: string): Promise<BpmnImportResult> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") return fail("the file is empty");
  if (!body.trimStart().startsWith("<"))
    return fail("not BPMN: a BPMN file is XML and starts with <, this file does not");
  let parsed: Awaited<ReturnType<BpmnModdle["fromXML"]>>;
  try {
    parsed = await new BpmnModdle({ handoff: HANDOFF_MODDLE_PACKAGE }).fromXML(body, "bpmn:Definitions");
  } catch (error) {
    return fail(describeParseError(error));
  }
  try {
    return new Importer(
      parsed.rootElement,
      parsed.warnings.map((w) => describeModdleWarning(w.message)),
    ).run();
  } catch (error) {
    // A guard, not a path: the importer checks what it reads. Hostile nesting lands here.
    return fail(`could not read the BPMN: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function fail(message: string, path = ""): { ok: false; errors: MapIssue[] } {
  return { ok: false, errors: [{ path, message }] };
}

/** moddle's "unparsable content <x> detected\n\tline: 0\n\tcolumn: 3\n\tnested error: why" in one line. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith("failed to parse document as <bpmn:Definitions>"))
    return "not BPMN: the file's root element is not <bpmn:definitions> in the BPMN 2.0 namespace";
  return `not valid XML: ${describeModdleWarning(message)}`;
}

function describeModdleWarning(message: string): string {
  const [first = message, ...rest] = message.split("\n").map((l) => l.trim());
  const field = (name: string) =>
    rest
      .find((l) => l.startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim();
  const line = field("line");
  const column = field("column");
  const nested = field("nested error");
  const where = line === undefined ? "" : ` at line ${Number(line) + 1}, column ${Number(column ?? 0) + 1}`;
  return `${first}${where}${nested === undefined ? "" : ` (${nested})`}`;
}

// --- reading moddle elements ---------------------------------------------------------------------

function list(element: ModdleElement | undefined, property: string): ModdleElement[] {
  const value = element?.[property];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

function ref(element: ModdleElement | undefined, property: string): ModdleElement | undefined {
  const value = element?.[property];
  return typeof value === "object" && value !== null && "$type" in value
    ? (value as ModdleElement)
    : undefined;
}

function text(element: ModdleElement | undefined, property: string): string | undefined {
  const value = element?.[property];
  return typeof value === "string" ? value : undefined;
}

function is(element: ModdleElement | undefined, type: string): boolean {
  const check = element?.$instanceOf;
  return typeof check === "function" && (check as (t: string) => boolean).call(element, type);
}

/** The handoff:* extension element of `type` (a type name: "Step") on `element`, if any. */
function extension(element: ModdleElement | undefined, type: string): ModdleElement | undefined {
  return list(ref(element, "extensionElements"), "values").find((v) => v.$type === `handoff:${type}`);
}

/** An extension attribute's text, decoded (xml-text.ts encodeExtensionText). */
function extText(ext: ModdleElement | undefined, property: string): string | undefined {
  const value = text(ext, property);
  return value === undefined ? undefined : decodeExtensionText(value);
}

/**
 * A JSON object Handoff wrote into an extension attribute (a contract, lint settings); undefined
 * for none or for anything else. Only a plain object passes: parseMap then checks its fields.
 */
function jsonObject(value: string | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function extNumber(ext: ModdleElement | undefined, property: string): number | undefined {
  const value = ext?.[property];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * The exact text Handoff wrote, unless someone changed the BPMN-side text since (in another tool):
 * then theirs. Handoff wrote `visibleText(exact)` there.
 */
function kept(
  exact: string | undefined,
  visible: string | undefined,
  written: (exact: string) => string = visibleText,
): string | undefined {
  if (exact === undefined) return visible;
  return (visible ?? "") === written(exact) ? exact : visible;
}

/** A name as shown, or undefined when blank. */
function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** Handoff writes `documentation` only for text that is not blank. */
const writtenDocumentation = (exact: string) => (exact.trim() === "" ? "" : visibleText(exact));

function documentation(element: ModdleElement): string {
  return list(element, "documentation")
    .map((d) => text(d, "text") ?? "")
    .filter((t) => t.trim() !== "")
    .join("\n\n");
}

function clip(value: string, limit: number): string {
  return value.length > limit ? `${value.slice(0, limit - 1)}…` : value;
}

/** "Sales", "Sales and Billing", "Sales, Billing and Support". */
function listed(names: string[]): string | undefined {
  if (names.length === 0) return undefined;
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** "bpmn:UserTask" -> "User task", "bpmn:SubProcess" -> "Sub-process". */
function typeName(element: ModdleElement): string {
  const bare = element.$type.replace(/^bpmn:/, "");
  const words = bare
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/^sub process/, "sub-process");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describe(element: ModdleElement): string {
  const name = text(element, "name")?.trim();
  return `${typeName(element).toLowerCase()}${name ? ` ${JSON.stringify(clip(name, 60))}` : ""}`;
}

function kindOf(element: ModdleElement): StepKind {
  if (is(element, "bpmn:StartEvent")) return "start";
  if (is(element, "bpmn:EndEvent")) return "end";
  if (is(element, "bpmn:Gateway")) return "decision";
  return "task";
}

function center(b: Bounds): { x: number; y: number } {
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

function contains(outer: Bounds, p: { x: number; y: number }): boolean {
  return p.x >= outer.x && p.x <= outer.x + outer.width && p.y >= outer.y && p.y <= outer.y + outer.height;
}

// --- the importer --------------------------------------------------------------------------------

interface Pool {
  name: string;
  participant?: ModdleElement;
  process?: ModdleElement;
  bounds?: Bounds;
}

class Importer {
  private readonly warnings: MapIssue[];
  private readonly bounds = new Map<ModdleElement, Bounds>();
  private readonly lanes: RawLane[] = [];
  private readonly laneIds = new Set<string>();
  private readonly steps: RawStep[] = [];
  private readonly stepIds = new Set<string>();
  /** BPMN flow node (or black-box participant) -> step id. */
  private readonly stepOf = new Map<ModdleElement, string>();
  private readonly handoffs: RawHandoff[] = [];
  private readonly handoffIds = new Set<string>();
  /** BPMN sequence or message flow -> handoff. */
  private readonly handoffOf = new Map<ModdleElement, RawHandoff>();
  private readonly edgeCaseIds = new Set<string>();
  private readonly phases: { id: string; name: string; color?: string; x: number; fromExtension: boolean }[] =
    [];
  /** The lane of each black-box pool. */
  private readonly poolLane = new Map<Pool, RawLane>();
  private readonly phaseIds = new Set<string>();
  private readonly generated = new Set<ModdleElement>();

  constructor(
    private readonly definitions: ModdleElement,
    moddleWarnings: string[],
  ) {
    this.warnings = moddleWarnings.map((message) => ({ path: "", message }));
  }

  private warn(element: ModdleElement | undefined, message: string): void {
    this.warnings.push({ path: element?.id ?? "", message });
  }

  run(): BpmnImportResult {
    this.readDiagram();
    const pools = this.pools();
    if (!pools.some((p) => p.process !== undefined))
      return fail(
        "the file has no process: there is nothing to import (is it a choreography or conversation?)",
      );
    for (const root of list(this.definitions, "rootElements"))
      if (is(root, "bpmn:Choreography") || is(root, "bpmn:GlobalConversation"))
        this.warn(root, `${describe(root)} is not imported: Handoff maps have no choreographies`);

    const several = pools.length > 1;
    for (const pool of pools) this.readPool(pool, several);
    for (const pool of pools) if (pool.process !== undefined) this.readSequenceFlows(pool.process);
    for (const collaboration of this.collaborations()) this.readMessageFlows(collaboration, pools);
    const processes = pools.flatMap((p) => (p.process === undefined ? [] : [p.process]));
    const artifacts = [...processes, ...this.collaborations()].flatMap((owner) => list(owner, "artifacts"));
    this.readGroups(artifacts);
    this.readAnnotations(artifacts);
    this.placeSteps(processes.some((p) => extension(p, "Map") !== undefined));
    return this.finish(pools);
  }

  private collaborations(): ModdleElement[] {
    return list(this.definitions, "rootElements").filter((r) => is(r, "bpmn:Collaboration"));
  }

  private readDiagram(): void {
    for (const diagram of list(this.definitions, "diagrams"))
      for (const element of list(ref(diagram, "plane"), "planeElement")) {
        const target = ref(element, "bpmnElement");
        const b = ref(element, "bounds");
        if (target === undefined || b === undefined) continue;
        const box = {
          x: Number(b.x),
          y: Number(b.y),
          width: Number(b.width),
          height: Number(b.height),
        };
        if (Object.values(box).every(Number.isFinite)) this.bounds.set(target, box);
      }
  }

  /** Participants in the order of the diagram (top to bottom), else of the file; then lone processes. */
  private pools(): Pool[] {
    const pools: Pool[] = [];
    const seen = new Set<ModdleElement>();
    for (const collaboration of this.collaborations())
      for (const participant of list(collaboration, "participants")) {
        const process = ref(participant, "processRef");
        if (process !== undefined) seen.add(process);
        pools.push({
          name:
            text(participant, "name")?.trim() || text(process, "name")?.trim() || participant.id || "Pool",
          participant,
          process,
          bounds: this.bounds.get(participant),
        });
      }
    for (const root of list(this.definitions, "rootElements"))
      if (is(root, "bpmn:Process") && !seen.has(root))
        pools.push({ name: text(root, "name")?.trim() || "Process", process: root });
    return stableSortBy(pools, (p) => p.bounds?.y);
  }

  private freshId(taken: Set<string>, wanted: string | undefined, fallback: string): string {
    const base = (wanted === undefined || wanted.trim() === "" ? fallback : wanted).slice(
      0,
      LIMITS.idLength - 4,
    );
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  }

  private addLane(
    name: string,
    id: string | undefined,
    fallbackId: string,
    bounds?: Bounds,
    color?: string,
  ): RawLane {
    const lane: RawLane = {
      id: this.freshId(this.laneIds, id, fallbackId),
      name: clip(name, LIMITS.textLength),
      ...(color === undefined ? {} : { color }),
      ...(bounds === undefined ? {} : { bounds }),
      order: this.lanes.length,
    };
    this.lanes.push(lane);
    return lane;
  }

  private readPool(pool: Pool, several: boolean): void {
    const prefix = several ? `${pool.name} / ` : "";
    const process = pool.process;
    if (process === undefined) {
      // A black-box pool: one lane, and a step for it once a message flow needs one.
      this.poolLane.set(pool, this.addLane(pool.name, pool.participant?.id, "pool", pool.bounds));
      return;
    }
    const laneOfNode = new Map<ModdleElement, RawLane>();
    const poolLanes: RawLane[] = [];
    const visit = (lane: ModdleElement, parentName: string) => {
      const ext = extension(lane, "Lane");
      const ownName = nonBlank(kept(extText(ext, "name"), text(lane, "name"))) ?? "Unnamed lane";
      const name = ext === undefined ? `${parentName}${ownName}` : ownName;
      const children = list(ref(lane, "childLaneSet"), "lanes");
      const refs = list(lane, "flowNodeRef");
      if (children.length === 0) {
        const raw = this.addLane(
          name,
          extText(ext, "id") ?? lane.id,
          "lane",
          this.bounds.get(lane),
          extText(ext, "color"),
        );
        poolLanes.push(raw);
        for (const node of refs) if (!laneOfNode.has(node)) laneOfNode.set(node, raw);
        return;
      }
      for (const child of stableSortBy(children, (c) => this.bounds.get(c)?.y)) visit(child, `${name} / `);
      // Nodes the parent lists but no child does stay in a lane named after the parent.
      const orphans = refs.filter((node) => !laneOfNode.has(node));
      if (orphans.length > 0) {
        const raw = this.addLane(name, lane.id, "lane", this.bounds.get(lane));
        poolLanes.push(raw);
        for (const node of orphans) laneOfNode.set(node, raw);
      }
    };
    for (const laneSet of list(process, "laneSets"))
      for (const lane of stableSortBy(list(laneSet, "lanes"), (l) => this.bounds.get(l)?.y))
        visit(lane, prefix);
    const poolBounds = pool.bounds;
    const lanesArea =
      poolBounds === undefined
        ? undefined
        : { ...poolBounds, x: poolBounds.x + NAME_BAND, width: poolBounds.width - NAME_BAND };
    let unassigned: RawLane | undefined;
    const laneFor = (node: ModdleElement): RawLane => {
      const own = laneOfNode.get(node);
      if (own !== undefined) return own;
      // A boundary event sits in its host's lane.
      const host = ref(node, "attachedToRef");
      const hostLane = host === undefined ? undefined : laneOfNode.get(host);
      if (hostLane !== undefined) return hostLane;
      if (poolLanes.length === 0) {
        unassigned ??= this.addLane(pool.name, pool.participant?.id ?? process.id, "pool", lanesArea);
      } else {
        unassigned ??= this.addLane(
          `${prefix}Unassigned`,
          `${process.id ?? "process"}-unassigned`,
          "unassigned",
        );
      }
      return unassigned;
    };
    if (poolLanes.length === 0) laneFor(process); // a pool without lanes is one lane, even empty

    for (const element of list(process, "flowElements")) {
      if (is(element, "bpmn:SequenceFlow")) continue;
      if (!is(element, "bpmn:FlowNode")) {
        this.warn(
          element,
          `${describe(element)} is not imported: Handoff maps have no ${typeName(element).toLowerCase()}s`,
        );
        continue;
      }
      if (extension(element, "Generated") !== undefined) {
        this.generated.add(element);
        continue;
      }
      this.readFlowNode(element, laneFor(element));
    }
  }

  private readFlowNode(element: ModdleElement, lane: RawLane): void {
    if (is(element, "bpmn:SubProcess")) {
      const inner = list(element, "flowElements").filter((e) => is(e, "bpmn:FlowNode")).length;
      if (inner > 0)
        this.warn(
          element,
          `${describe(element)} is imported as one step; its ${inner} inner element${inner === 1 ? " is" : "s are"} not shown`,
        );
    }
    const host = ref(element, "attachedToRef");
    if (host !== undefined)
      this.warn(
        element,
        `${describe(element)} is imported as a step; its attachment to ${host.id ?? "an activity"} is not kept`,
      );

    const ext = extension(element, "Step");
    const kind = extText(ext, "kind");
    const label = nonBlank(kept(extText(ext, "label"), text(element, "name")));
    const x = extNumber(ext, "x");
    const y = extNumber(ext, "y");
    const step: RawStep = {
      id: this.freshId(this.stepIds, extText(ext, "id") ?? element.id, "step"),
      lane: lane.id,
      label: clip(label ?? typeName(element), LIMITS.textLength),
      kind:
        kind !== undefined && (STEP_KINDS as readonly string[]).includes(kind)
          ? (kind as StepKind)
          : kindOf(element),
      description: clip(
        kept(extText(ext, "description"), documentation(element), writtenDocumentation) ?? "",
        LIMITS.longTextLength,
      ),
      owner: extText(ext, "owner") ?? "",
      systems: list(ext, "systems").flatMap((s) => {
        const name = extText(s, "name");
        return name === undefined ? [] : [name];
      }),
    };
    const extLane = extText(ext, "lane");
    if (extLane !== undefined && this.lanes.some((l) => l.id === extLane)) step.lane = extLane;
    const phase = extText(ext, "phase");
    if (phase !== undefined) step.phase = phase;
    if (ext !== undefined) {
      if (x !== undefined && y !== undefined) step.position = { x, y };
    }
    const shape = this.bounds.get(element);
    if (shape !== undefined) step.bounds = shape;
    this.steps.push(step);
    this.stepOf.set(element, step.id);
    // Extension-restored steps keep their exact position (or none); the diagram places the rest.
    if (ext !== undefined) this.fromExtension.add(step);
  }

  private readonly fromExtension = new Set<RawStep>();
  private readonly poolSteps = new Set<RawStep>();

  /** The step a flow end stands for, looking through the gateways Handoff adds. */
  private endpoint(element: ModdleElement | undefined, side: "source" | "target"): string | undefined {
    if (element === undefined) return undefined;
    if (this.generated.has(element)) {
      const flows = list(element, side === "source" ? "incoming" : "outgoing");
      const next = ref(flows[0], side === "source" ? "sourceRef" : "targetRef");
      return next === undefined || this.generated.has(next) ? undefined : this.stepOf.get(next);
    }
    return this.stepOf.get(element);
  }

  private addHandoff(flow: ModdleElement, from: string, to: string): void {
    const ext = extension(flow, "Handoff");
    if (from === to) {
      this.warn(
        flow,
        `${describe(flow)} goes from a step to itself, which a Handoff map cannot hold; not imported`,
      );
      return;
    }
    const handoff: RawHandoff = {
      id: this.freshId(this.handoffIds, extText(ext, "id") ?? flow.id, "handoff"),
      from,
      to,
      label: clip(kept(extText(ext, "label"), text(flow, "name")) ?? "", LIMITS.textLength),
      edgeCases: [],
      ...jsonObject(extText(ext, "contract")),
    };
    this.handoffs.push(handoff);
    this.handoffOf.set(flow, handoff);
  }

  private readSequenceFlows(process: ModdleElement): void {
    for (const flow of list(process, "flowElements")) {
      if (!is(flow, "bpmn:SequenceFlow") || extension(flow, "Generated") !== undefined) continue;
      const from = this.endpoint(ref(flow, "sourceRef"), "source");
      const to = this.endpoint(ref(flow, "targetRef"), "target");
      if (from === undefined || to === undefined) {
        this.warn(flow, `${describe(flow)} does not join two imported steps; not imported`);
        continue;
      }
      this.addHandoff(flow, from, to);
    }
  }

  private readMessageFlows(collaboration: ModdleElement, pools: Pool[]): void {
    for (const flow of list(collaboration, "messageFlows")) {
      const ends = (["sourceRef", "targetRef"] as const).map((side) => {
        const end = ref(flow, side);
        if (end === undefined) return undefined;
        const step = this.stepOf.get(end);
        if (step !== undefined) return step;
        const pool = pools.find((p) => p.participant === end);
        if (pool === undefined || pool.process !== undefined) return undefined;
        return this.blackBoxStep(pool);
      });
      const [from, to] = ends;
      if (from === undefined || to === undefined) {
        this.warn(
          flow,
          `${describe(flow)} does not join two steps (it ends on a pool with a process); not imported`,
        );
        continue;
      }
      this.addHandoff(flow, from, to);
    }
  }

  /** The step standing for a pool without a process, made the first time a message flow needs it. */
  private blackBoxStep(pool: Pool): string {
    const participant = pool.participant as ModdleElement;
    const existing = this.stepOf.get(participant);
    if (existing !== undefined) return existing;
    const lane = this.poolLane.get(pool) ?? this.addLane(pool.name, participant.id, "pool");
    const step: RawStep = {
      id: this.freshId(this.stepIds, participant.id, "pool"),
      lane: lane.id,
      label: clip(pool.name, LIMITS.textLength),
      kind: "task",
      description: "",
      owner: "",
      systems: [],
    };
    this.steps.push(step);
    this.poolSteps.add(step);
    this.stepOf.set(participant, step.id);
    return step.id;
  }

  private readGroups(artifacts: ModdleElement[]): void {
    for (const group of artifacts.filter((a) => is(a, "bpmn:Group"))) {
      const ext = extension(group, "Phase");
      const shape = this.bounds.get(group);
      const valueName = text(ref(group, "categoryValueRef"), "value") ?? text(group, "name");
      if (ext !== undefined) {
        this.phases.push({
          id: this.freshId(this.phaseIds, extText(ext, "id"), "phase"),
          name: clip(nonBlank(kept(extText(ext, "name"), valueName)) ?? "Phase", LIMITS.textLength),
          ...(extText(ext, "color") === undefined ? {} : { color: extText(ext, "color") }),
          x: shape?.x ?? 0,
          fromExtension: true,
        });
        continue;
      }
      if (shape === undefined) {
        this.warn(group, `${describe(group)} is not imported: without diagram data it encloses no steps`);
        continue;
      }
      const enclosed = this.steps.filter(
        (s) =>
          s.phase === undefined &&
          !this.fromExtension.has(s) &&
          s.bounds !== undefined &&
          contains(shape, center(s.bounds)),
      );
      if (enclosed.length === 0) {
        this.warn(group, `${describe(group)} is not imported: it encloses no steps`);
        continue;
      }
      const id = this.freshId(this.phaseIds, group.id, "phase");
      this.phases.push({
        id,
        name: clip(valueName?.trim() || `Phase ${this.phases.length + 1}`, LIMITS.textLength),
        x: shape.x,
        fromExtension: false,
      });
      for (const step of enclosed) step.phase = id;
    }
  }

  private readAnnotations(artifacts: ModdleElement[]): void {
    const joined = new Set<ModdleElement>();
    for (const association of artifacts.filter((a) => is(a, "bpmn:Association"))) {
      const source = ref(association, "sourceRef");
      const target = ref(association, "targetRef");
      const annotation = is(source, "bpmn:TextAnnotation")
        ? source
        : is(target, "bpmn:TextAnnotation")
          ? target
          : undefined;
      if (annotation === undefined) continue;
      const other = annotation === source ? target : source;
      joined.add(annotation);
      const handoff = other === undefined ? undefined : this.handoffOf.get(other);
      if (handoff === undefined) {
        this.warn(
          annotation,
          `text annotation on ${other === undefined ? "nothing" : `${describe(other)} (${other.id})`} is not imported: Handoff keeps edge cases on handoffs`,
        );
        continue;
      }
      handoff.edgeCases.push(this.edgeCase(annotation));
    }
    for (const annotation of artifacts.filter((a) => is(a, "bpmn:TextAnnotation")))
      if (!joined.has(annotation))
        this.warn(annotation, "text annotation is not joined to a flow; not imported");
  }

  private edgeCase(annotation: ModdleElement): RawEdgeCase {
    const ext = extension(annotation, "EdgeCase");
    const body = text(annotation, "text") ?? "";
    if (ext !== undefined) {
      const number = extNumber(ext, "number");
      const due = extText(ext, "due");
      return {
        id: this.freshId(this.edgeCaseIds, extText(ext, "id"), "edge-case"),
        ...(number === undefined ? {} : { number }),
        title: extText(ext, "title") ?? "Edge case",
        severity: extText(ext, "severity") ?? "medium",
        status: extText(ext, "status") ?? "open",
        owner: extText(ext, "owner") ?? "",
        mitigation: extText(ext, "mitigation") ?? "",
        description: extText(ext, "description") ?? "",
        votes: extNumber(ext, "votes") ?? 0,
        ...(due === undefined ? {} : { due }),
      };
    }
    // "EC-3 [HIGH] Title — mitigation" as Handoff writes it; any other text is the title.
    const [firstLine = "", ...rest] = body.trim().split(/\r?\n/);
    const match = /^(?:EC-\d+\s+)?\[(LOW|MEDIUM|HIGH|CRITICAL)\]\s+(.*)$/i.exec(firstLine.trim());
    const severity = match?.[1]?.toLowerCase() ?? "medium";
    const [title = "", mitigation = ""] = (match?.[2] ?? firstLine).split(" — ");
    return {
      id: this.freshId(this.edgeCaseIds, annotation.id, "edge-case"),
      title: clip(title.trim() || "Edge case", LIMITS.textLength),
      severity: (SEVERITIES as readonly string[]).includes(severity) ? severity : "medium",
      status: "open",
      owner: "",
      mitigation: clip(mitigation.trim(), LIMITS.longTextLength),
      description: clip(rest.join("\n").trim(), LIMITS.longTextLength),
      votes: 0,
    };
  }

  /**
   * Positions from the diagram, relative to the step's lane (x from the lane's name band, y from
   * its top), scaled to Handoff's larger boxes. Only when every imported step has a shape: a half
   * drawn diagram is laid out by Handoff instead, all of it. In a file Handoff wrote (steps added
   * to it in another tool), the diagram is Handoff's own layout: box corners map back 1:1.
   */
  private placeSteps(handoffMade: boolean): void {
    // Steps standing for black-box pools have no shape of their own; Handoff places them.
    const drawn = this.steps.filter((s) => !this.fromExtension.has(s) && !this.poolSteps.has(s));
    if (drawn.length === 0 || drawn.some((s) => s.bounds === undefined)) return;
    const laneById = new Map(this.lanes.map((l) => [l.id, l]));
    // A lane the diagram does not draw (a process without a pool, "Unassigned") starts a little
    // above and left of its topmost and leftmost step.
    const frame = new Map<string, Bounds>();
    for (const step of drawn) {
      const shape = step.bounds as Bounds;
      const lane = laneById.get(step.lane);
      if (lane === undefined || lane.bounds !== undefined) continue;
      const seen = frame.get(lane.id);
      frame.set(lane.id, {
        x: Math.min(seen?.x ?? Infinity, shape.x - NAME_BAND - 40),
        y: Math.min(seen?.y ?? Infinity, shape.y - 24),
        width: 0,
        height: 0,
      });
    }
    for (const step of drawn) {
      const shape = step.bounds as Bounds;
      const lane = laneById.get(step.lane)?.bounds ?? frame.get(step.lane);
      if (lane === undefined) continue;
      if (handoffMade) {
        step.position = {
          x: Math.round(shape.x - (lane.x + NAME_BAND)),
          y: Math.round(Math.max(0, shape.y - lane.y)),
        };
        continue;
      }
      const c = center(shape);
      step.position = {
        x: Math.round((c.x - (lane.x + NAME_BAND)) * X_SCALE - HALF_BOX.width),
        y: Math.round(Math.max(0, (c.y - lane.y) * Y_SCALE - HALF_BOX.height)),
      };
    }
  }

  private finish(pools: Pool[]): BpmnImportResult {
    const mapExt = pools
      .map((p) => (p.process === undefined ? undefined : extension(p.process, "Map")))
      .find((e) => e !== undefined);
    const single = pools.length === 1 ? pools[0] : undefined;
    const collaborationName = this.collaborations()
      .map((c) => text(c, "name")?.trim())
      .find((n) => n);
    const visibleTitle =
      (single === undefined
        ? collaborationName
        : nonBlank(text(single.participant ?? single.process, "name"))) ??
      nonBlank(text(this.definitions, "name")) ??
      single?.name;
    const title =
      nonBlank(kept(extText(mapExt, "title"), visibleTitle)) ??
      (pools.length > 1
        ? listed(pools.filter((p) => p.process !== undefined).map((p) => p.name))
        : undefined) ??
      "Imported BPMN process";
    const processDocs = single?.process === undefined ? "" : documentation(single.process);
    const lastEdgeCaseNumber = extNumber(mapExt, "lastEdgeCaseNumber");
    const lint = jsonObject(extText(mapExt, "lint"));
    // Phases from Handoff's own extension keep their order; groups from other tools go left to right.
    const phases = this.phases.every((p) => p.fromExtension)
      ? this.phases
      : stableSortBy(this.phases, (p) => p.x);
    const raw = {
      format: MAP_FORMAT,
      version: CURRENT_VERSION,
      title: clip(title, LIMITS.textLength),
      description: clip(
        kept(extText(mapExt, "description"), processDocs, writtenDocumentation) ?? "",
        LIMITS.longTextLength,
      ),
      lanes: this.lanes.map(({ id, name, color }) => ({
        id,
        name,
        ...(color === undefined ? {} : { color }),
      })),
      phases: phases.map(({ id, name, color }) => ({ id, name, ...(color === undefined ? {} : { color }) })),
      steps: this.steps.map(({ bounds: _bounds, ...step }) => step),
      handoffs: this.handoffs,
      ...(lastEdgeCaseNumber === undefined ? {} : { lastEdgeCaseNumber }),
      ...(lint === undefined ? {} : { lint }),
    };
    const result = parseMap(raw);
    if (!result.ok) return result;
    return { ok: true, map: result.map, warnings: [...this.warnings, ...result.warnings] };
  }
}

/** Sorted by key where every item has one; otherwise the order given. */
function stableSortBy<T>(items: readonly T[], key: (item: T) => number | undefined): T[] {
  const keys = items.map(key);
  if (keys.some((k) => k === undefined)) return [...items];
  return items
    .map((item, index) => ({ item, index, k: keys[index] as number }))
    .sort((a, b) => a.k - b.k || a.index - b.index)
    .map((e) => e.item);
}
