import { addEdgeCase, EditError } from "../operations";
import type { Handoff, HandoffMap, Step } from "../types";
import { type EntityChange, handoffTitle, type MapDiff } from "./diff-maps";

/**
 * "Changes to plan": the compare turned into change-plan items. The change plan is made of open
 * edge cases (model/change-plan.ts), so each item is a new open edge case titled "Change: …",
 * owned by who will carry it out, on the handoff where the change happens in the newer map:
 *
 * - a new step: owner the step's owner (else its lane's name), on a handoff into or out of it;
 * - a step that moved lanes or changed owner: the new owner (else the new lane), same place;
 * - a new handoff: the receiving step's owner (else its lane), on that handoff;
 * - a removed handoff: the sending step's owner (else its lane), on a handoff that leaves its
 *   old sender or reaches its old receiver.
 *
 * A change with no handoff to hang on (a new step not yet connected) is skipped and named, and
 * an item already on the plan (same title on the same handoff) is not added twice, so pressing
 * the button again adds nothing.
 */

export interface PlanItem {
  handoff: string;
  title: string;
  owner: string;
  description: string;
}

export interface ChangesToPlan {
  map: HandoffMap;
  added: PlanItem[];
  /** Changes that could not become an item, in words. */
  skipped: string[];
}

/** Labels inside a title are cut so the title stays within the format's text limit. */
function short(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > 120 ? `${one.slice(0, 119)}…` : one;
}

function touching(map: HandoffMap, stepId: string): Handoff | undefined {
  return map.handoffs.find((h) => h.to === stepId) ?? map.handoffs.find((h) => h.from === stepId);
}

function ownerOf(step: Step | undefined, map: HandoffMap): string {
  if (step === undefined) return "";
  if (step.owner.trim() !== "") return step.owner.trim();
  return map.lanes.find((l) => l.id === step.lane)?.name ?? "";
}

/** The items the diff's changes become, and the changes that cannot become one. */
export function planItems(
  before: HandoffMap,
  after: HandoffMap,
  diff: MapDiff,
  context: string,
): { items: PlanItem[]; skipped: string[] } {
  const items: PlanItem[] = [];
  const skipped: string[] = [];
  const stepsAfter = new Map(after.steps.map((s) => [s.id, s]));
  const stepsBefore = new Map(before.steps.map((s) => [s.id, s]));
  const laneName = (map: HandoffMap, id: string) => map.lanes.find((l) => l.id === id)?.name ?? id;
  const onStep = (change: EntityChange, title: string) => {
    const handoff = touching(after, change.id);
    if (handoff === undefined) {
      skipped.push(`${title} (no handoff into or out of it yet)`);
      return;
    }
    items.push({
      handoff: handoff.id,
      title,
      owner: ownerOf(stepsAfter.get(change.id), after),
      description: context,
    });
  };
  for (const change of diff.changes) {
    if (change.kind === "step" && change.change === "added")
      onStep(change, `Change: new step “${short(change.label)}”`);
    if (change.kind === "step" && change.change === "changed") {
      const lane = change.fields.find((f) => f.field === "lane");
      const owner = change.fields.find((f) => f.field === "owner");
      if (lane !== undefined)
        onStep(
          change,
          `Change: “${short(change.label)}” moves from ${short(lane.beforeText)} to ${short(lane.afterText)}`,
        );
      if (owner !== undefined)
        onStep(
          change,
          `Change: “${short(change.label)}” owner ${short(owner.beforeText)} → ${short(owner.afterText)}`,
        );
    }
    if (change.kind === "handoff" && change.change === "added") {
      const handoff = after.handoffs.find((h) => h.id === change.id);
      if (handoff !== undefined)
        items.push({
          handoff: handoff.id,
          title: `Change: new handoff “${short(change.label)}”`,
          owner: ownerOf(stepsAfter.get(handoff.to), after),
          description: context,
        });
    }
    if (change.kind === "handoff" && change.change === "removed") {
      const old = before.handoffs.find((h) => h.id === change.id);
      if (old === undefined) continue;
      const title = `Change: handoff “${short(handoffTitle(old, stepsBefore))}” is removed`;
      const host =
        after.handoffs.find((h) => h.from === old.from) ??
        after.handoffs.find((h) => h.to === old.to) ??
        after.handoffs.find((h) => h.from === old.to || h.to === old.from);
      if (host === undefined) {
        skipped.push(`${title} (its steps have no handoff left)`);
        continue;
      }
      const sender = stepsAfter.get(old.from) ?? stepsBefore.get(old.from);
      items.push({
        handoff: host.id,
        title,
        owner:
          sender === undefined
            ? ""
            : sender.owner.trim() ||
              laneName(after.lanes.some((l) => l.id === sender.lane) ? after : before, sender.lane),
        description: context,
      });
    }
  }
  return { items, skipped };
}

/**
 * The items not on the plan yet: on a handoff of the map, and no edge case of the same title on
 * it (nor an earlier item of the list), so adding them twice adds nothing the second time.
 */
export function newPlanItems(map: HandoffMap, items: readonly PlanItem[]): PlanItem[] {
  const titles = new Map(map.handoffs.map((h) => [h.id, new Set(h.edgeCases.map((e) => e.title))]));
  const fresh: PlanItem[] = [];
  for (const item of items) {
    const taken = titles.get(item.handoff);
    if (taken === undefined || taken.has(item.title)) continue;
    taken.add(item.title);
    fresh.push(item);
  }
  return fresh;
}

/**
 * Appends the items (those newPlanItems keeps) as open edge cases of medium severity; `ids[i]`
 * is the id of the i-th item kept.
 */
export function addPlanItems(
  map: HandoffMap,
  items: readonly PlanItem[],
  ids: readonly string[],
): HandoffMap {
  let next = map;
  newPlanItems(map, items).forEach((item, index) => {
    const id = ids[index];
    if (id === undefined) throw new EditError(`addPlanItems: no id for item ${index + 1} (“${item.title}”)`);
    next = addEdgeCase(next, item.handoff, {
      id,
      title: item.title,
      severity: "medium",
      owner: item.owner,
      description: item.description,
    });
  });
  return next;
}

/** Appends the items to the map as open edge cases; `newId` gives each a fresh id. */
export function changesToPlan(
  before: HandoffMap,
  after: HandoffMap,
  diff: MapDiff,
  options: { context: string; newId: () => string },
): ChangesToPlan {
  const { items, skipped } = planItems(before, after, diff, options.context);
  const added = newPlanItems(after, items);
  const map = addPlanItems(
    after,
    added,
    added.map(() => options.newId()),
  );
  return { map, added, skipped };
}
