import { isRecord } from "../../model/map-issue";
import type { HandoffMap } from "../../model/types";

/**
 * Where maps live between visits, behind one small interface so the editor, the library and the
 * tests do not care whether it is IndexedDB, memory, or a store that fails on purpose.
 *
 * Invariants every implementation keeps:
 * - `write` stores the whole new version first and only then switches the map's pointer to it, so
 *   a failure part-way leaves the previous version readable;
 * - `write` refuses (result "stale") when the stored revision is not the one the new version was
 *   made from: a tab that is behind never writes over newer work;
 * - stored maps are text, re-read through parseMapText on every read: storage is untrusted input
 *   like any file, and a map that cannot be read keeps its raw text for download.
 */

export interface MapCounts {
  lanes: number;
  phases: number;
  steps: number;
  handoffs: number;
  edgeCases: number;
}

/** A map's pointer: what the library lists without reading the whole map. */
export interface MapEntry {
  id: string;
  title: string;
  /** Storage revision: 1 for the first version, +1 per saved version, across all tabs. */
  revision: number;
  createdAt: number;
  updatedAt: number;
  counts: MapCounts;
}

/** A pointer that could not be read; the library names it and never overwrites it. */
export interface BrokenEntry {
  id: string;
  problem: string;
}

export type MapRead =
  | { status: "ok"; entry: MapEntry; map: HandoffMap }
  | { status: "missing" }
  | { status: "corrupt"; id: string; title: string | null; raw: string; problems: string[] };

export type WriteResult =
  | { ok: true; entry: MapEntry }
  /** The stored revision moved on (another tab saved, or deleted the map: storedRevision 0). */
  | { ok: false; reason: "stale"; storedRevision: number };

/** The canvas's pan and zoom, in React Flow's terms (same shape as its Viewport); saved per map. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * What happened to the connection: closed under this tab (another tab deleted, cleared or
 * upgraded the database, or the browser cleared site data), then opened again. `recreated`: the
 * database was gone and is new and empty, so nothing this tab saved before is stored any more.
 */
export type StorageConnectionEvent =
  | { type: "closed"; cause: "versionchange" | "closed" }
  | { type: "reopened"; recreated: boolean };

export interface MapStorage {
  /** Storages with a connection that can close under the tab say when it does, and reopens. */
  subscribe?(listener: (event: StorageConnectionEvent) => void): () => void;
  /** Every stored map, readable or not. */
  list(): Promise<{ entries: MapEntry[]; broken: BrokenEntry[] }>;
  read(id: string): Promise<MapRead>;
  /**
   * Saves `map` as the version after `baseRevision` (0 for a map that does not exist yet).
   * Rejects on storage failure (quota, blocked); resolves "stale" when someone else saved first.
   */
  write(id: string, map: HandoffMap, baseRevision: number, now: number): Promise<WriteResult>;
  /** Removes the map and every version of it. */
  delete(id: string): Promise<void>;
  getLastMapId(): Promise<string | null>;
  setLastMapId(id: string): Promise<void>;
  /** Viewports are session state, kept beside the map (never in the document or its revision). */
  getViewport(id: string): Promise<Viewport | null>;
  setViewport(id: string, viewport: Viewport): Promise<void>;
  /** The map a share link made when it was first opened (key: the shared map's content hash). */
  getSharedMapId(key: string): Promise<string | null>;
  setSharedMapId(key: string, id: string): Promise<void>;
}

export function countMap(map: HandoffMap): MapCounts {
  let edgeCases = 0;
  for (const handoff of map.handoffs) edgeCases += handoff.edgeCases.length;
  return {
    lanes: map.lanes.length,
    phases: map.phases.length,
    steps: map.steps.length,
    handoffs: map.handoffs.length,
    edgeCases,
  };
}

/**
 * The library entry for a map saved as `revision` at `now`; `previous` is the entry it replaces
 * (its creation time is kept), null for a new map.
 */
export function nextEntry(
  id: string,
  map: HandoffMap,
  revision: number,
  previous: MapEntry | null,
  now: number,
): MapEntry {
  return {
    id,
    title: map.title,
    revision,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    counts: countMap(map),
  };
}

/** The stored form of a map: the same JSON a file export holds. */
export function serializeMap(map: HandoffMap): string {
  return JSON.stringify(map);
}

export function newMapId(): string {
  return `map-${crypto.randomUUID()}`;
}

const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0;

/** Reads a stored pointer (unknown until checked); null when it is not one. */
export function readEntry(value: unknown): MapEntry | null {
  if (!isRecord(value)) return null;
  const { id, title, revision, createdAt, updatedAt, counts } = value;
  if (typeof id !== "string" || typeof title !== "string") return null;
  if (!isCount(revision) || revision < 1) return null;
  if (typeof createdAt !== "number" || typeof updatedAt !== "number") return null;
  if (!isRecord(counts)) return null;
  const { lanes, phases, steps, handoffs, edgeCases } = counts;
  if (!isCount(lanes) || !isCount(phases) || !isCount(steps) || !isCount(handoffs) || !isCount(edgeCases))
    return null;
  return {
    id,
    title,
    revision,
    createdAt,
    updatedAt,
    counts: { lanes, phases, steps, handoffs, edgeCases },
  };
}

/**
 * Reads the pointer stored under `key`. The key is the map's id: a pointer whose own id differs
 * (edited by hand, an old bug) is repaired to the key, which every read and write goes by; the
 * next save stores the repaired pointer. Taking the inner id would write under an id that does
 * not exist, and the tab would report the map "deleted in another tab".
 */
export function readEntryAt(key: string, value: unknown): MapEntry | null {
  const entry = readEntry(value);
  if (entry === null || entry.id === key) return entry;
  return { ...entry, id: key };
}

export function readViewport(value: unknown): Viewport | null {
  if (!isRecord(value)) return null;
  const { x, y, zoom } = value;
  if (typeof x !== "number" || typeof y !== "number" || typeof zoom !== "number") return null;
  if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(zoom) || zoom <= 0) return null;
  return { x, y, zoom };
}

/** Anything as text for a download of unreadable content; never throws. */
export function rawText(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A storage failure in plain words, for "Not saved: …". */
export function describeStorageError(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  if (name === "QuotaExceededError")
    return "the browser's storage for this site is full. Export the map as a file, or delete maps you no longer need";
  if (name === "InvalidStateError" || name === "SecurityError" || name === "UnknownError")
    return "this browser is not letting Handoff store data (a private window or blocked site data?). Export the map as a file to keep it";
  if (error instanceof StorageUnavailableError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `storage failed (${message}). Export the map as a file to keep it`;
}

/** Storage could not be opened at all; every operation rejects with this. */
export class StorageUnavailableError extends Error {
  override name = "StorageUnavailableError";
}

/** Where a version record lives: one key per map and revision. */
export function versionKey(id: string, revision: number): string {
  return `${id}#${revision}`;
}

/**
 * Turns a stored pointer and version record (both unknown) into a read result: the map only
 * after parseMapText has read it, otherwise "corrupt" with the raw text and what was wrong.
 */
export function readStored(
  id: string,
  pointer: unknown,
  version: unknown,
  parse: (text: string) => { ok: true; map: HandoffMap } | { ok: false; problems: string[] },
): MapRead {
  if (pointer === undefined) return { status: "missing" };
  const entry = readEntryAt(id, pointer);
  const title =
    entry?.title ?? (isRecord(pointer) && typeof pointer.title === "string" ? pointer.title : null);
  const corrupt = (raw: string, problems: string[]): MapRead => ({
    status: "corrupt",
    id,
    title,
    raw,
    problems,
  });
  if (entry === null) return corrupt(rawText(pointer), ["the library entry of this map is damaged"]);
  if (version === undefined)
    return corrupt(rawText(pointer), [`the saved version ${entry.revision} of this map is missing`]);
  const text = isRecord(version) ? version.text : undefined;
  if (typeof text !== "string") return corrupt(rawText(version), ["the saved version is not map text"]);
  const parsed = parse(text);
  if (!parsed.ok) return corrupt(text, parsed.problems);
  return { status: "ok", entry, map: parsed.map };
}
