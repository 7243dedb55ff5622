import { highestEdgeCaseNumber } from "./edge-case-numbers";
import { contentOf } from "./map-sections";
import { EditError } from "./operations";
import { activeScenarioName } from "./scenarios";
import type { HandoffMap, MapVersion, VersionTrigger } from "./types";

/**
 * Saved versions: named snapshots of the scenario on screen, kept in the map (`versions`, oldest
 * first) so they are stored with it and travel in its file.
 *
 * Invariants: a version never changes once saved (it can only be deleted); restoring one first
 * saves what is on screen as a version ("Before restoring …"), so history is never rewritten and
 * nothing on screen is ever lost; versions are not part of undo (keepVersions).
 */

/** Names of the automatic versions, by trigger. */
export const AUTO_VERSION_NAMES: Record<Exclude<VersionTrigger, "manual" | "before-restore">, string> = {
  "walkthrough-end": "Walkthrough finished",
  "voting-revealed": "Votes revealed",
};

export interface NewVersion {
  id: string;
  name: string;
  note?: string;
  /** ISO date and time, from the caller's clock (the model has none). */
  savedAt: string;
  trigger?: VersionTrigger;
}

export function saveVersion(map: HandoffMap, version: NewVersion): HandoffMap {
  const name = version.name.trim();
  if (name === "") throw new EditError("A version needs a name.");
  if (map.versions?.some((v) => v.id === version.id))
    throw new EditError(`A version with id “${version.id}” exists.`);
  const saved: MapVersion = {
    id: version.id,
    name,
    note: version.note?.trim() ?? "",
    savedAt: version.savedAt,
    trigger: version.trigger ?? "manual",
    scenario: activeScenarioName(map),
    title: map.title,
    content: contentOf(map),
  };
  return { ...map, versions: [...(map.versions ?? []), saved] };
}

export function deleteVersion(map: HandoffMap, id: string): HandoffMap {
  if (map.versions === undefined || !map.versions.some((v) => v.id === id)) return map;
  const versions = map.versions.filter((v) => v.id !== id);
  if (versions.length > 0) return { ...map, versions };
  const { versions: _gone, ...rest } = map;
  return rest;
}

/**
 * Puts a version's content back on top (the scenario on screen), after saving what was there as
 * the version `before` ("Before restoring “name”").
 */
export function restoreVersion(
  map: HandoffMap,
  id: string,
  before: { id: string; savedAt: string },
): HandoffMap {
  const version = map.versions?.find((v) => v.id === id);
  if (version === undefined) throw new EditError("That version is no longer in this map.");
  const saved = saveVersion(map, {
    id: before.id,
    name: `Before restoring “${version.name}”`,
    savedAt: before.savedAt,
    trigger: "before-restore",
  });
  const { lanes, phases, steps, handoffs } = version.content;
  // Numbers given since the version was saved are never given again (edge-case-numbers.ts).
  const highest = Math.max(highestEdgeCaseNumber(map), version.content.lastEdgeCaseNumber ?? 0);
  return {
    ...saved,
    lanes,
    phases,
    steps,
    handoffs,
    ...(highest > 0 ? { lastEdgeCaseNumber: highest } : {}),
  };
}

/**
 * `map` with the versions of `current`: undo and redo move the drawing, never the saved
 * versions (undoing an edit made before a save must not take the version away).
 */
export function keepVersions(map: HandoffMap, current: HandoffMap): HandoffMap {
  if (map.versions === current.versions) return map;
  if (current.versions === undefined) {
    const { versions: _gone, ...rest } = map;
    return rest;
  }
  return { ...map, versions: current.versions };
}
