import type { HandoffMap } from "../../model/types";
import type { EditorStore } from "../editor-store";
import { serializeMap } from "./map-storage";
import { contentHash, type PendingEdits } from "./pending-edits";
import type { SessionState } from "./session-state";

/** What the backup needs to know of the session it serves. */
export interface BackupContext {
  editor: EditorStore;
  pending: PendingEdits | null;
  now: () => number;
  mapId(): string;
  /** The storage revision the map on screen was made from. */
  revision(): number;
  /** The createdAt of the stored map `revision` belongs to; null while it is not stored. */
  createdAt(): number | null;
  /** The map on screen is not the one storage holds. */
  isDirty(): boolean;
  setBackup(backup: SessionState["backup"]): void;
  backup(): SessionState["backup"];
}

/**
 * The write-ahead record of one session: every document change is kept, synchronously, in this
 * tab's pending record (pending-edits.ts), cleared once storage confirmed a save of the map on
 * screen, so a reload or a closed tab at any moment loses nothing (the next start replays it).
 */
export class WriteAheadBackup {
  /** A backup of the editor's map is due (coalesced: one per task, or per interval when large). */
  private due = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The length of the last map text backed up: large maps are backed up less often. */
  private lastChars = 0;
  /** The save in flight, named in every backup written meanwhile (see PendingRecord.writing). */
  private inFlight: { revision: number; hash: string } | null = null;

  constructor(private readonly context: BackupContext) {}

  get available(): boolean {
    return this.context.pending?.available ?? false;
  }

  /**
   * Several store updates in one task make one backup, written before the task's page can go
   * away (a microtask). Maps over LARGE_BACKUP_CHARS are copied at most every LARGE_BACKUP_MS;
   * now() on pagehide and beforeunload covers the rest.
   */
  schedule(): void {
    if (this.context.pending === null || this.due) return;
    this.due = true;
    if (this.lastChars <= LARGE_BACKUP_CHARS) queueMicrotask(() => this.now());
    else this.timer = setTimeout(() => this.now(), LARGE_BACKUP_MS);
  }

  /** Writes the due backup now (synchronously). The app calls it when the page is going away. */
  now(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const { pending } = this.context;
    if (!this.due || pending === null) return;
    this.due = false;
    if (!this.context.isDirty()) return;
    const map = this.context.editor.getState().map;
    const text = serializeMap(map);
    this.lastChars = text.length;
    const result = pending.save(this.context.mapId(), {
      base: this.context.revision(),
      created: this.context.createdAt(),
      title: map.title,
      text,
      at: this.context.now(),
      writing: this.inFlight,
    });
    const backup = result === "kept" ? "on" : result === "unavailable" ? "off" : result;
    if (backup === this.context.backup()) return;
    this.context.setBackup(backup);
    const notify = this.context.editor.getState().notify;
    if (backup === "too-large")
      notify(
        "This map is too large for the browser's instant backup: before you reload or close this tab, wait until the status says “Saved”.",
        "error",
      );
    if (backup === "full")
      notify(
        "The browser's instant backup space is full (unsaved edits of other tabs or maps take it up): before you reload or close this tab, wait until the status says “Saved”.",
        "error",
      );
  }

  /** A save of `map` as `revision` is on its way: the record names it, in case the tab dies. */
  writing(mapId: string, revision: number, map: HandoffMap): void {
    // The record must stand for the map being written before the write can land.
    this.now();
    // Only a kept record needs the hash (a map too large for it has none to mark).
    if (this.context.pending === null || this.context.backup() !== "on") return;
    this.inFlight = { revision, hash: contentHash(map) };
    this.context.pending.markWriting(mapId, revision, this.inFlight.hash);
  }

  /** The save in flight landed or failed. */
  written(): void {
    this.inFlight = null;
  }

  /** The map on screen is saved (or deliberately dropped): its record is no longer needed. */
  settle(mapId: string): void {
    if (this.context.pending === null) return;
    if (mapId === this.context.mapId() && this.context.isDirty()) {
      this.due = true;
      this.now();
    } else this.context.pending.clear(mapId);
  }

  /** The map is left on purpose (saved, or its edits dropped): nothing of it is due any more. */
  forget(mapId: string): void {
    this.context.pending?.clear(mapId);
    this.due = false;
  }

  /** Drops this tab's record of a map, keeping any backup that is due. */
  clear(mapId: string): void {
    this.context.pending?.clear(mapId);
  }

  /** Drops a closed tab's record of a map. */
  remove(tabId: string, mapId: string): void {
    this.context.pending?.remove(tabId, mapId);
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Maps whose text is longer are backed up at most every LARGE_BACKUP_MS, not on every change. */
const LARGE_BACKUP_CHARS = 300_000;
const LARGE_BACKUP_MS = 250;
