import { createTemplate } from "../../model/templates";
import type { HandoffMap } from "../../model/types";
import type { OpenedMap, UnreadableMap } from "./map-session";
import {
  countMap,
  describeStorageError,
  type MapEntry,
  type MapStorage,
  newMapId,
  type Viewport,
} from "./map-storage";

export interface InitialMap {
  opened: OpenedMap;
  viewport: Viewport | null;
  /** Maps met on the way that could not be read (the last one opened, typically). */
  unreadable: UnreadableMap[];
  /** Set when the opened map could not be stored: the editor works in memory and says so. */
  notStored?: string;
}

/**
 * What the editor opens on start: the last map, else the most recently changed readable one,
 * else a new map from the RevOps template (a first visit). A map that cannot be read is
 * reported and left exactly as it is stored.
 */
export async function openInitialMap(storage: MapStorage, now: number = Date.now()): Promise<InitialMap> {
  const unreadable: UnreadableMap[] = [];
  const tried = new Set<string>();
  const tryOpen = async (id: string): Promise<InitialMap | null> => {
    tried.add(id);
    const read = await storage.read(id).catch(() => null);
    if (read === null || read.status === "missing") return null;
    if (read.status === "corrupt") {
      unreadable.push({ id: read.id, title: read.title, raw: read.raw, problems: read.problems });
      return null;
    }
    const viewport = await storage.getViewport(id).catch(() => null);
    return { opened: { entry: read.entry, map: read.map }, viewport, unreadable };
  };

  const lastId = await storage.getLastMapId().catch(() => null);
  if (lastId !== null) {
    const last = await tryOpen(lastId);
    if (last !== null) return last;
  }
  const library = await storage.list().catch(() => ({ entries: [] as MapEntry[] }));
  const recent = [...library.entries].sort((a, b) => b.updatedAt - a.updatedAt);
  for (const entry of recent) {
    if (tried.has(entry.id)) continue;
    const opened = await tryOpen(entry.id);
    if (opened !== null) {
      await storage.setLastMapId(entry.id).catch(() => undefined);
      return opened;
    }
  }

  const map = createTemplate("revops");
  const id = newMapId();
  try {
    const result = await storage.write(id, map, 0, now);
    if (result.ok) {
      await storage.setLastMapId(id).catch(() => undefined);
      return { opened: { entry: result.entry, map }, viewport: null, unreadable };
    }
  } catch (error) {
    return {
      opened: unstored(id, map, now),
      viewport: null,
      unreadable,
      notStored: describeStorageError(error),
    };
  }
  return {
    opened: unstored(id, map, now),
    viewport: null,
    unreadable,
    notStored: "storage refused the new map",
  };
}

function unstored(id: string, map: HandoffMap, now: number): OpenedMap {
  return {
    entry: { id, title: map.title, revision: 0, createdAt: now, updatedAt: now, counts: countMap(map) },
    map,
  };
}
