import * as Y from "yjs";
import type { HandoffMap } from "../../model/types";

/**
 * Dot votes in a live room: each person has a budget of dots (the facilitator sets it, default 3)
 * to put on edge cases, several on one if they like. They live in the room's document, beside
 * the map, so they merge like any edit and survive the network dropping:
 *
 * - `dotVotes`: a Y.Map of person id -> a nested Y.Map of edge case id -> that person's dots.
 *   One person's entries are written only by that person, so concurrent votes never conflict.
 * - `voteBase`: edge case id -> the votes it had when the session started (the map's `votes`),
 *   so votes from earlier workshops still count.
 * - `voteSettings`: `budget` (dots per person) and `revealed` (whether who voted what is shown).
 *
 * An edge case's tally is its base plus everyone's dots; the editor's map shows the tally in its
 * `votes` field, so the register, the presenter card and every export rank by it. Anonymous
 * until revealed means the editor shows totals and your own dots only, until the facilitator
 * reveals: everyone in the room has the document, so it is a courtesy of the interface, not a
 * secret (say so when asked).
 */

export const DOT_VOTES_KEY = "dotVotes";
export const VOTE_BASE_KEY = "voteBase";
export const VOTE_SETTINGS_KEY = "voteSettings";
export const DEFAULT_BUDGET = 3;
export const MAX_BUDGET = 99;

export interface VoteSettings {
  budget: number;
  revealed: boolean;
}

/** The shared types dot votes use: in the per-person undo scope, so Ctrl+Z takes back a dot. */
export function dotVoteTypes(doc: Y.Doc): Y.AbstractType<unknown>[] {
  return [doc.getMap(DOT_VOTES_KEY), doc.getMap(VOTE_BASE_KEY)] as Y.AbstractType<unknown>[];
}

const count = (value: unknown): number =>
  typeof value === "number" && Number.isFinite(value)
    ? Math.max(0, Math.min(MAX_BUDGET, Math.trunc(value)))
    : 0;

export function readSettings(doc: Y.Doc): VoteSettings {
  const settings = doc.getMap(VOTE_SETTINGS_KEY);
  const budget = settings.get("budget");
  return {
    budget:
      typeof budget === "number" && Number.isFinite(budget)
        ? Math.max(0, Math.min(MAX_BUDGET, Math.trunc(budget)))
        : DEFAULT_BUDGET,
    revealed: settings.get("revealed") === true,
  };
}

/** Each person's dots, person id -> edge case id -> dots (malformed entries read as none). */
export function readDots(doc: Y.Doc): Map<string, Map<string, number>> {
  const people = new Map<string, Map<string, number>>();
  for (const [personId, value] of doc.getMap(DOT_VOTES_KEY).entries()) {
    if (!(value instanceof Y.Map)) continue;
    const dots = new Map<string, number>();
    for (const [edgeCaseId, n] of value.entries()) if (count(n) > 0) dots.set(edgeCaseId, count(n));
    if (dots.size > 0) people.set(personId, dots);
  }
  return people;
}

/** Tallies: edge case id -> base + everyone's dots, for every edge case with a base or a dot. */
export function tallies(doc: Y.Doc): Map<string, number> {
  const totals = new Map<string, number>();
  for (const [id, base] of doc.getMap(VOTE_BASE_KEY).entries())
    if (typeof base === "number" && Number.isFinite(base) && base > 0) totals.set(id, Math.trunc(base));
  for (const dots of readDots(doc).values())
    for (const [id, n] of dots) totals.set(id, (totals.get(id) ?? 0) + n);
  return totals;
}

/** The facilitator records the votes the map has when the session starts (not undoable). */
export function recordVoteBase(doc: Y.Doc, map: HandoffMap, origin: unknown): void {
  doc.transact(() => {
    const base = doc.getMap(VOTE_BASE_KEY);
    for (const handoff of map.handoffs)
      for (const edgeCase of handoff.edgeCases) if (edgeCase.votes > 0) base.set(edgeCase.id, edgeCase.votes);
  }, origin);
}

/** The map with each edge case's `votes` set to its tally (edge cases without votes keep theirs). */
export function withTallies(map: HandoffMap, totals: ReadonlyMap<string, number>): HandoffMap {
  if (totals.size === 0) return map;
  let changed = false;
  const handoffs = map.handoffs.map((handoff) => {
    let own = false;
    const edgeCases = handoff.edgeCases.map((edgeCase) => {
      const tally = totals.get(edgeCase.id);
      if (tally === undefined || tally === edgeCase.votes) return edgeCase;
      own = true;
      return { ...edgeCase, votes: tally };
    });
    if (!own) return handoff;
    changed = true;
    return { ...handoff, edgeCases };
  });
  return changed ? { ...map, handoffs } : map;
}

/** How each edge case's votes moved between two maps (only those that moved). */
export function voteChanges(before: HandoffMap, after: HandoffMap): Map<string, number> {
  const old = new Map<string, number>();
  for (const handoff of before.handoffs) for (const e of handoff.edgeCases) old.set(e.id, e.votes);
  const changes = new Map<string, number>();
  for (const handoff of after.handoffs)
    for (const e of handoff.edgeCases) {
      const was = old.get(e.id);
      if (was !== undefined && was !== e.votes) changes.set(e.id, e.votes - was);
    }
  return changes;
}

export type CastResult = { ok: true } | { ok: false; reason: string };

/**
 * Puts one person's dots on (positive) or takes them off (negative) edge cases, within their
 * budget and never below zero of their own: all or nothing, in the caller's transaction.
 */
export function castDots(doc: Y.Doc, personId: string, changes: ReadonlyMap<string, number>): CastResult {
  const { budget } = readSettings(doc);
  const mine = readDots(doc).get(personId) ?? new Map<string, number>();
  const next = new Map(mine);
  for (const [id, delta] of changes) {
    const dots = (next.get(id) ?? 0) + delta;
    if (dots < 0)
      return { ok: false, reason: "That vote is not yours to take back: you can remove only your own dots." };
    next.set(id, dots);
  }
  const used = [...next.values()].reduce((a, b) => a + b, 0);
  if (used > budget)
    return {
      ok: false,
      reason: `You have used all ${budget} of your votes: take one back to vote elsewhere.`,
    };
  const people = doc.getMap(DOT_VOTES_KEY);
  let own = people.get(personId);
  if (!(own instanceof Y.Map)) {
    own = new Y.Map<number>();
    people.set(personId, own);
  }
  const ownMap = own as Y.Map<number>;
  for (const [id, dots] of next) {
    if (dots === (mine.get(id) ?? 0)) continue;
    if (dots === 0) ownMap.delete(id);
    else ownMap.set(id, dots);
  }
  return { ok: true };
}

export function setVoteSettings(doc: Y.Doc, patch: Partial<VoteSettings>, origin: unknown): void {
  doc.transact(() => {
    const settings = doc.getMap(VOTE_SETTINGS_KEY);
    if (patch.budget !== undefined)
      settings.set("budget", Math.max(0, Math.min(MAX_BUDGET, Math.trunc(patch.budget))));
    if (patch.revealed !== undefined) settings.set("revealed", patch.revealed);
  }, origin);
}
