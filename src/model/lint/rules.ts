import { hasSla } from "../contract";
import { systemCrossings } from "../system-crossings";
import type { Handoff, Step } from "../types";
import type { FindingSeverity } from "./finding";
import {
  edgeCasePath,
  handoffPath,
  isCrossLane,
  type LintContext,
  lanePath,
  nameHandoff,
  phasePath,
  quote,
  stepPath,
} from "./lint-context";

/** A finding before the map's rule settings apply; severity overrides the rule's default. */
export interface RuleFinding {
  message: string;
  path: string;
  ids: string[];
  severity?: FindingSeverity;
}

export interface HealthRule {
  /** Stable kebab-case id: maps name it in their `lint` section and CI scripts match on it. */
  id: string;
  severity: FindingSeverity;
  /** What it checks, for the help and docs/lint.md. */
  summary: string;
  check(context: LintContext): RuleFinding[];
}

function crossLaneHandoffs(context: LintContext): Handoff[] {
  return context.map.handoffs.filter((handoff) => isCrossLane(context, handoff));
}

function stepName(step: Step): string {
  return `Step ${quote(step.label)}`;
}

const handoffUnexamined: HealthRule = {
  id: "handoff-unexamined",
  severity: "warning",
  summary: 'A cross-lane handoff with no edge cases that the room has not marked "no known edge cases".',
  check: (context) =>
    crossLaneHandoffs(context)
      .filter((handoff) => handoff.edgeCases.length === 0 && handoff.noKnownEdgeCases !== true)
      .map((handoff) => ({
        message: `${nameHandoff(context, handoff)} has not been examined: no edge cases, and not marked "no known edge cases".`,
        path: handoffPath(context, handoff),
        ids: [handoff.id],
      })),
};

const handoffNoSla: HealthRule = {
  id: "handoff-no-sla",
  severity: "warning",
  summary: "A cross-lane handoff without an SLA.",
  check: (context) =>
    crossLaneHandoffs(context)
      .filter((handoff) => !hasSla(handoff.sla))
      .map((handoff) => ({
        message: `${nameHandoff(context, handoff)} has no SLA.`,
        path: handoffPath(context, handoff),
        ids: [handoff.id],
      })),
};

const handoffNoTrigger: HealthRule = {
  id: "handoff-no-trigger",
  severity: "warning",
  summary: "A cross-lane handoff without a trigger (what starts it).",
  check: (context) =>
    crossLaneHandoffs(context)
      .filter((handoff) => (handoff.trigger ?? "").trim() === "")
      .map((handoff) => ({
        message: `${nameHandoff(context, handoff)} has no trigger: nothing says what starts it.`,
        path: handoffPath(context, handoff),
        ids: [handoff.id],
      })),
};

const handoffNoOwners: HealthRule = {
  id: "handoff-no-owners",
  severity: "warning",
  summary: "A cross-lane handoff without an accountable sender or receiver.",
  check: (context) =>
    crossLaneHandoffs(context).flatMap((handoff) => {
      const missing = [
        (handoff.sender ?? "").trim() === "" ? "sender" : null,
        (handoff.receiver ?? "").trim() === "" ? "receiver" : null,
      ].filter((side) => side !== null);
      if (missing.length === 0) return [];
      return [
        {
          message: `${nameHandoff(context, handoff)} has no ${missing.join(" or ")}.`,
          path: handoffPath(context, handoff),
          ids: [handoff.id],
        },
      ];
    }),
};

const manualReentry: HealthRule = {
  id: "manual-reentry",
  severity: "warning",
  summary:
    "A system crossing (the two steps share no system) marked manual re-entry (info), or whose integration is still unknown (warning).",
  check: (context) =>
    systemCrossings(context.map)
      .filter((crossing) => crossing.integration !== "automated")
      .map(({ handoff, from, to, integration }) => {
        const systems = `${from.systems.join(", ")} → ${to.systems.join(", ")}`;
        return integration === "manual re-entry"
          ? {
              message: `${nameHandoff(context, handoff)} is re-keyed by hand (${systems}): a dark zone.`,
              path: handoffPath(context, handoff),
              ids: [handoff.id],
              severity: "info" as const,
            }
          : {
              message: `${nameHandoff(context, handoff)} crosses systems (${systems}) and nobody has said how the data moves.`,
              path: handoffPath(context, handoff),
              ids: [handoff.id],
            };
      }),
};

const edgeCaseUnowned: HealthRule = {
  id: "edge-case-unowned",
  severity: "error",
  summary: "A high or critical open edge case without an owner or without a mitigation.",
  check: (context) =>
    context.map.handoffs.flatMap((handoff) =>
      handoff.edgeCases
        .filter(
          (edgeCase) =>
            edgeCase.status === "open" &&
            (edgeCase.severity === "high" || edgeCase.severity === "critical") &&
            (edgeCase.owner.trim() === "" || edgeCase.mitigation.trim() === ""),
        )
        .map((edgeCase) => {
          const missing = [
            edgeCase.owner.trim() === "" ? "owner" : null,
            edgeCase.mitigation.trim() === "" ? "mitigation" : null,
          ].filter((part) => part !== null);
          const number = edgeCase.number === undefined ? "" : `EC-${edgeCase.number} `;
          return {
            message: `${edgeCase.severity === "critical" ? "Critical" : "High"} edge case ${number}${quote(edgeCase.title)} has no ${missing.join(" and no ")}.`,
            path: edgeCasePath(context, handoff, edgeCase),
            ids: [edgeCase.id, handoff.id],
          };
        }),
    ),
};

const edgeCaseOverdue: HealthRule = {
  id: "edge-case-overdue",
  severity: "error",
  summary: "An open edge case past its due date (today's date is an input: --today).",
  check: (context) =>
    context.map.handoffs.flatMap((handoff) =>
      handoff.edgeCases
        .filter(
          (edgeCase) =>
            edgeCase.status === "open" && edgeCase.due !== undefined && edgeCase.due < context.today,
        )
        .map((edgeCase) => {
          const number = edgeCase.number === undefined ? "" : `EC-${edgeCase.number} `;
          return {
            message: `Edge case ${number}${quote(edgeCase.title)} was due ${edgeCase.due} and is still open.`,
            path: edgeCasePath(context, handoff, edgeCase),
            ids: [edgeCase.id, handoff.id],
          };
        }),
    ),
};

const decisionOneBranch: HealthRule = {
  id: "decision-one-branch",
  severity: "warning",
  summary: "A decision step with fewer than two outgoing handoffs.",
  check: (context) =>
    context.map.steps
      .filter((step) => step.kind === "decision" && (context.outgoing.get(step.id)?.length ?? 0) < 2)
      .map((step) => {
        const count = context.outgoing.get(step.id)?.length ?? 0;
        return {
          message: `Decision ${quote(step.label)} has ${count === 0 ? "no way out" : "only one way out"}: a decision needs two or more.`,
          path: stepPath(context, step),
          ids: [step.id],
        };
      }),
};

const unreachableStep: HealthRule = {
  id: "unreachable-step",
  severity: "error",
  summary: "A step that no start step reaches (silent when the map has no start step).",
  check: (context) => {
    const starts = context.map.steps.filter((step) => step.kind === "start");
    if (starts.length === 0) return [];
    const reached = new Set(starts.map((step) => step.id));
    const queue = starts.map((step) => step.id);
    for (let next = queue.pop(); next !== undefined; next = queue.pop())
      for (const handoff of context.outgoing.get(next) ?? [])
        if (!reached.has(handoff.to)) {
          reached.add(handoff.to);
          queue.push(handoff.to);
        }
    return context.map.steps
      .filter((step) => !reached.has(step.id))
      .map((step) => ({
        message: `${stepName(step)} cannot be reached from any start step.`,
        path: stepPath(context, step),
        ids: [step.id],
      }));
  },
};

const deadEndStep: HealthRule = {
  id: "dead-end-step",
  severity: "error",
  summary: "A step with no outgoing handoff that is not an end step.",
  check: (context) =>
    context.map.steps
      .filter((step) => step.kind !== "end" && (context.outgoing.get(step.id)?.length ?? 0) === 0)
      .map((step) => ({
        message: `${stepName(step)} is a dead end: no handoff leaves it and it is not an end step.`,
        path: stepPath(context, step),
        ids: [step.id],
      })),
};

const pingPong: HealthRule = {
  id: "ping-pong",
  severity: "warning",
  summary: "Work going back and forth between the same two lanes more than once in a row (A → B → A → B).",
  check: (context) => {
    const laneOf = (stepId: string) => context.steps.get(stepId)?.lane;
    const laneName = (laneId: string | undefined) => context.lanes.get(laneId ?? "")?.name ?? laneId ?? "";
    const findings: RuleFinding[] = [];
    const seen = new Set<string>();
    // The middle handoff (B → A) with a crossing A → B before it and another A → B after it.
    for (const middle of context.map.handoffs) {
      const a = laneOf(middle.to);
      const b = laneOf(middle.from);
      if (a === undefined || b === undefined || a === b) continue;
      const crossesAtoB = (h: Handoff) => h !== middle && laneOf(h.from) === a && laneOf(h.to) === b;
      const before = (context.incoming.get(middle.from) ?? []).find(crossesAtoB);
      // Three different handoffs: a two-step rework loop (A → B, B → A) is not ping-pong.
      const after = (context.outgoing.get(middle.to) ?? []).find((h) => crossesAtoB(h) && h !== before);
      if (before === undefined || after === undefined) continue;
      const key = [before.id, middle.id, after.id].join("\u0000");
      if (seen.has(key)) continue;
      seen.add(key);
      const chain = [before.from, before.to, after.from, after.to]
        .map((id) => quote(context.steps.get(id)?.label ?? id))
        .join(" → ");
      findings.push({
        message: `Work goes back and forth between ${laneName(a)} and ${laneName(b)}: ${chain}.`,
        path: handoffPath(context, middle),
        ids: [middle.id, before.id, after.id],
      });
    }
    return findings;
  },
};

const emptyLane: HealthRule = {
  id: "empty-lane",
  severity: "info",
  summary: "A lane with no steps.",
  check: (context) => {
    const used = new Set(context.map.steps.map((step) => step.lane));
    return context.map.lanes
      .filter((lane) => !used.has(lane.id))
      .map((lane) => ({
        message: `Lane ${quote(lane.name)} has no steps.`,
        path: lanePath(context, lane),
        ids: [lane.id],
      }));
  },
};

const emptyPhase: HealthRule = {
  id: "empty-phase",
  severity: "info",
  summary: "A phase with no steps.",
  check: (context) => {
    const used = new Set(context.map.steps.map((step) => step.phase));
    return context.map.phases
      .filter((phase) => !used.has(phase.id))
      .map((phase) => ({
        message: `Phase ${quote(phase.name)} has no steps.`,
        path: phasePath(context, phase),
        ids: [phase.id],
      }));
  },
};

function labelKey(label: string): string {
  return label.trim().replace(/\s+/g, " ").toLowerCase();
}

const duplicateLabel: HealthRule = {
  id: "duplicate-label",
  severity: "warning",
  summary: "Two or more steps (or lanes, or phases) with the same name, ignoring case and spacing.",
  check: (context) => {
    const findings: RuleFinding[] = [];
    /** One finding per group of `items` whose names are the same, ignoring case and spacing. */
    const report = <T extends { id: string }>(
      items: readonly T[],
      name: (item: T) => string,
      plural: string,
      path: (item: T) => string,
    ) => {
      const byKey = new Map<string, T[]>();
      for (const item of items) {
        const key = labelKey(name(item));
        const group = byKey.get(key);
        if (group) group.push(item);
        else byKey.set(key, [item]);
      }
      for (const [first, ...rest] of byKey.values()) {
        if (first === undefined || rest.length === 0) continue;
        findings.push({
          message: `${rest.length + 1} ${plural} are called ${quote(name(first))}.`,
          path: path(first),
          ids: [first.id, ...rest.map((item) => item.id)],
        });
      }
    };
    report(
      context.map.steps,
      (step) => step.label,
      "steps",
      (step) => stepPath(context, step),
    );
    report(
      context.map.lanes,
      (lane) => lane.name,
      "lanes",
      (lane) => lanePath(context, lane),
    );
    report(
      context.map.phases,
      (phase) => phase.name,
      "phases",
      (phase) => phasePath(context, phase),
    );
    return findings;
  },
};

/** Every health rule, in the order docs/lint.md lists them. */
export const HEALTH_RULES: readonly HealthRule[] = [
  handoffUnexamined,
  handoffNoSla,
  handoffNoTrigger,
  handoffNoOwners,
  manualReentry,
  edgeCaseUnowned,
  edgeCaseOverdue,
  decisionOneBranch,
  unreachableStep,
  deadEndStep,
  pingPong,
  emptyLane,
  emptyPhase,
  duplicateLabel,
];

export const RULE_IDS: ReadonlySet<string> = new Set(HEALTH_RULES.map((rule) => rule.id));
