import type { HandoffMap } from "../../model/types";
import type { BrokenEntry, MapEntry } from "./map-storage";
import type { RecoveredEdit } from "./recover-pending";

/** What a map session shows: the open map's save status and the library around it. */

export type SaveStatus =
  | { kind: "saved" }
  | { kind: "saving" }
  | { kind: "failed"; reason: string }
  | { kind: "conflict"; cause: "newer" | "deleted" };

/** A map that could not be read: named, offered for download, never written over. */
export interface UnreadableMap {
  id: string;
  title: string | null;
  raw: string;
  problems: string[];
}

export interface DeletedMap {
  entry: MapEntry;
  map: HandoffMap;
}

export interface SessionState {
  mapId: string;
  /** The storage revision the editor's map was loaded from or last saved as. */
  revision: number;
  status: SaveStatus;
  library: { entries: MapEntry[]; broken: BrokenEntry[] };
  unreadable: UnreadableMap[];
  /** The last deleted map, restorable until the tab closes. */
  deleted: DeletedMap | null;
  /** Edits left by closed tabs that could not be replayed (the map changed or went since). */
  recovered: RecoveredEdit[];
  /**
   * Whether every change is also kept in the write-ahead record: "too-large" when the map does
   * not fit, "full" when records of other tabs or maps take up the room (the editor says to wait
   * for "Saved" before closing), "off" without one.
   */
  backup: "on" | "too-large" | "full" | "off";
}

export interface OpenedMap {
  entry: MapEntry;
  map: HandoffMap;
}

/** The entries with `entry` in place of its older version, most recently changed first. */
export function upsertEntry(entries: readonly MapEntry[], entry: MapEntry): MapEntry[] {
  const rest = entries.filter((e) => e.id !== entry.id);
  return [entry, ...rest].sort((a, b) => b.updatedAt - a.updatedAt);
}
