import type { HandoffMap } from "../../model/types";
import { UnavailableStorage } from "./indexeddb-storage";
import type { MapStorage } from "./map-storage";
import { parseStoredText } from "./parse-stored";
import { contentHash, type PendingEdits, type PendingRecord } from "./pending-edits";
import type { TabChannel } from "./tab-channel";
import type { TabLiveness } from "./tab-liveness";

/** An edit left by a closed tab that could not be replayed: the user keeps or drops it. */
export interface RecoveredEdit {
  /** "<tab id>:<map id>": the record's identity. */
  key: string;
  tabId: string;
  mapId: string;
  title: string;
  at: number;
  map: HandoffMap;
  text: string;
  /** Why it was not replayed: the map changed since (another tab saved), or is gone. */
  cause: "changed" | "deleted";
}

export interface Recovery {
  /** Titles of maps whose last edit was replayed into storage. */
  applied: string[];
  recovered: RecoveredEdit[];
}

/**
 * Replays the pending edits of tabs that are gone, newest first, before the editor opens anything.
 * A record is written only onto the revision of the stored map it was made on (revision and
 * createdAt, see pending-edits.ts) or the one its landed save created, through the same stale
 * check as any save, so it never writes over newer work; otherwise it is offered back.
 * A record that cannot be replayed because storage failed stays for the next start, and so does
 * every record when storage could not be opened at all: its reads find no map, and every edit
 * would be offered back as "deleted" (and perhaps discarded) while its map is safe on disk.
 * Each replay is announced on `channel`, so an open tab showing that map follows it.
 */
export async function recoverPendingEdits(
  storage: MapStorage,
  pending: PendingEdits,
  liveness: TabLiveness,
  options: { channel?: TabChannel; now?: number } = {},
): Promise<Recovery> {
  const recovery: Recovery = { applied: [], recovered: [] };
  if (storage instanceof UnavailableStorage) return recovery;
  const now = options.now ?? Date.now();
  for (const record of pending.all()) {
    if (record.tabId === pending.tabId) continue;
    if (await liveness.isAlive(record.tabId)) continue;
    const parsed = parseStoredText(record.text);
    if (!parsed.ok) {
      pending.remove(record.tabId, record.mapId);
      continue;
    }
    try {
      const outcome = await replay(storage, record, parsed.map, now);
      if (typeof outcome === "number") {
        recovery.applied.push(parsed.map.title);
        options.channel?.post({
          type: "saved",
          mapId: record.mapId,
          revision: outcome,
          tabId: pending.tabId,
        });
      }
      if (outcome === "changed" || outcome === "deleted") {
        recovery.recovered.push({
          key: `${record.tabId}:${record.mapId}`,
          tabId: record.tabId,
          mapId: record.mapId,
          title: parsed.map.title,
          at: record.at,
          map: parsed.map,
          text: record.text,
          cause: outcome,
        });
        continue;
      }
      pending.remove(record.tabId, record.mapId);
    } catch {
      // Storage failed: keep the record for the next start.
    }
  }
  return recovery;
}

async function replay(
  storage: MapStorage,
  record: PendingRecord,
  map: HandoffMap,
  now: number,
): Promise<number | "same" | "changed" | "deleted"> {
  const read = await storage.read(record.mapId);
  if (read.status === "missing") {
    // Never stored (storage failed when the map was made): store it now, under its own id.
    if (record.base !== 0) return "deleted";
    const result = await storage.write(record.mapId, map, 0, now);
    return result.ok ? result.entry.revision : await sameAfterRace(storage, record.mapId, map);
  }
  if (read.status === "corrupt") return "changed";
  const stored = contentHash(read.map);
  if (stored === contentHash(map)) return "same";
  const revision = read.entry.revision;
  // The same revision of the same stored map: a map deleted and restored (or a database written
  // again) counts its revisions from 1 again, with a new createdAt.
  const onTop =
    (record.base === revision && record.created === read.entry.createdAt) ||
    (record.writing !== null && record.writing.revision === revision && record.writing.hash === stored);
  if (!onTop) return "changed";
  const result = await storage.write(record.mapId, map, revision, now);
  return result.ok ? result.entry.revision : await sameAfterRace(storage, record.mapId, map);
}

/**
 * A replay refused as stale lost a race: most often another tab, starting at the same moment,
 * replayed this very record first. Content equal to the record's is "same", not newer work.
 */
async function sameAfterRace(
  storage: MapStorage,
  mapId: string,
  map: HandoffMap,
): Promise<"same" | "changed"> {
  const read = await storage.read(mapId);
  return read.status === "ok" && contentHash(read.map) === contentHash(map) ? "same" : "changed";
}
