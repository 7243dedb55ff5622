import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type WebSocket from "ws";
import * as authProtocol from "y-protocols/auth";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { checkMapChange } from "../live/check-map-change";
import { CLOSE_CODES } from "../live/live-protocol";
import { isEmptyMapDoc, mapDocTypes, readMap } from "../live/map-doc";
import type { RoomLog } from "./room-log";
import type { ServerLog } from "./server-log";

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
const MAX_AWARENESS_BYTES = 64 * 1024;

export interface RoomLimits {
  /** Compact the log into a snapshot once it holds this many bytes. */
  compactBytes: number;
  /** A room whose stored state grows past this refuses further updates. */
  maxRoomBytes: number;
  /** A connection that does not read what it is sent is dropped past this many queued bytes. */
  maxBufferedBytes: number;
}

/**
 * One live room: its document, the people in it (awareness) and its log on disk.
 *
 * Every update a connection sends is first applied to a shadow copy of the document and read
 * back with readMap: only an update after which the room still holds a valid map (or, in a new
 * room, still no map at all) is written to disk, applied to the room's document and broadcast.
 * Any other is refused, the room keeps its last valid state, the shadow is rebuilt from it, and
 * the sender is told (y-protocols' "permission denied" and close code 4422) and disconnected.
 */
export class Room {
  readonly id: string;
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  private shadow = new Y.Doc();
  private readonly connections = new Map<WebSocket, Set<number>>();
  private storedBytes = 0;
  /** Checked updates waiting for the disk, in order; `store` is false for no-op updates. */
  private readonly queue: { conn: WebSocket; update: Uint8Array; store: boolean }[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;

  /**
   * @param onEmpty called when nobody is left and nothing waits for the disk: the server then
   *   unloads the room (close). Never called while a write is in flight.
   */
  constructor(
    id: string,
    private readonly log: RoomLog,
    private readonly limits: RoomLimits,
    private readonly serverLog: ServerLog,
    private readonly onEmpty: (room: Room) => void = () => {},
  ) {
    this.id = id;
    mapDocTypes(this.doc);
    const loaded = log.load();
    for (const update of loaded.updates) {
      Y.applyUpdate(this.doc, update, "load");
      this.storedBytes += update.byteLength;
    }
    if (loaded.cutBytes > 0)
      serverLog.warn(
        `room ${this.label}: cut ${loaded.cutBytes} bytes of a torn last record from its log (never acknowledged)`,
      );
    this.shadow = this.copyOfDoc();
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.awareness.on("update", this.onAwareness);
    this.doc.on("update", this.onUpdate);
  }

  /** The room id shortened for logs: the whole id is the room's secret. */
  get label(): string {
    return `${this.id.slice(0, 6)}…`;
  }

  get size(): number {
    return this.connections.size;
  }

  join(conn: WebSocket): void {
    this.connections.set(conn, new Set());
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE_SYNC);
    encoding.writeVarUint(step1, SYNC_STEP_1);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(this.doc));
    this.send(conn, encoding.toUint8Array(step1));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]),
      );
      this.send(conn, encoding.toUint8Array(encoder));
    }
  }

  /** Forgets a connection and its people; the last one out unloads the room once it is idle. */
  leave(conn: WebSocket): void {
    const clients = this.connections.get(conn);
    if (clients === undefined || this.closed) return;
    this.connections.delete(conn);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], null);
    if (this.connections.size === 0 && this.flushing === null) this.onEmpty(this);
  }

  /** Resolves once every accepted update is on disk and applied. */
  async idle(): Promise<void> {
    while (this.flushing !== null) await this.flushing;
  }

  /** Handles one websocket message. Never throws: bad input ends that connection only. */
  receive(conn: WebSocket, data: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) {
        const step = decoding.readVarUint(decoder);
        if (step === SYNC_STEP_1) {
          const stateVector = decoding.readVarUint8Array(decoder);
          const reply = encoding.createEncoder();
          encoding.writeVarUint(reply, MESSAGE_SYNC);
          encoding.writeVarUint(reply, SYNC_STEP_2);
          encoding.writeVarUint8Array(reply, Y.encodeStateAsUpdate(this.doc, stateVector));
          this.send(conn, encoding.toUint8Array(reply));
        } else if (step === SYNC_STEP_2 || step === SYNC_UPDATE) {
          this.receiveUpdate(conn, decoding.readVarUint8Array(decoder));
        } else {
          this.refuse(conn, CLOSE_CODES.badMessage, `unknown sync message type ${step}`);
        }
      } else if (type === MESSAGE_AWARENESS) {
        const update = decoding.readVarUint8Array(decoder);
        // Presence is a name, a colour, a selection and a pointer: a few hundred bytes. A large
        // one would be sent on to everyone in the room.
        if (update.byteLength > MAX_AWARENESS_BYTES) {
          this.refuse(conn, CLOSE_CODES.badMessage, `presence update over ${MAX_AWARENESS_BYTES / 1024} KB`);
          return;
        }
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
      }
      // Other message types (auth, query-awareness, future ones) are not for the server: ignored.
    } catch (error) {
      this.refuse(conn, CLOSE_CODES.badMessage, `malformed message (${describe(error)})`);
    }
  }

  /** Writes the room as one snapshot and empties its log (on unload and when the log grows). */
  compact(): void {
    if (this.log.size === 0) return;
    const state = Y.encodeStateAsUpdate(this.doc);
    this.log.compact(state);
    this.storedBytes = state.byteLength;
  }

  /**
   * Compacts, closes the log and every connection (a server stopping, or the room unloading).
   * Call when idle (see idle()): updates still waiting for the disk were never acknowledged and
   * are dropped; their senders send them again on reconnect.
   */
  close(code: number = CLOSE_CODES.shuttingDown, reason = "server stopping"): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    try {
      this.compact();
    } finally {
      this.log.close();
      for (const conn of this.connections.keys()) conn.close(code, reason);
      this.connections.clear();
      this.awareness.destroy();
      this.doc.destroy();
      this.shadow.destroy();
    }
  }

  private receiveUpdate(conn: WebSocket, update: Uint8Array): void {
    if (this.storedBytes + update.byteLength > this.limits.maxRoomBytes) this.compact();
    if (this.storedBytes + update.byteLength > this.limits.maxRoomBytes) {
      this.refuse(conn, CLOSE_CODES.invalidMap, "the room is full");
      return;
    }
    // The shadow is the room's document plus the updates accepted but still on their way to disk.
    const wasEmpty = isEmptyMapDoc(this.shadow);
    let problem: string | null = null;
    let code: number = CLOSE_CODES.invalidMap;
    let changed = false;
    const noticeChange = () => {
      changed = true;
    };
    const touched = new Map<object, Set<string | null>>();
    const collect = (transaction: Y.Transaction) => {
      for (const [type, keys] of transaction.changed) {
        const seen = touched.get(type) ?? new Set<string | null>();
        for (const key of keys) seen.add(key);
        touched.set(type, seen);
      }
    };
    this.shadow.on("update", noticeChange);
    this.shadow.on("afterTransaction", collect);
    try {
      Y.applyUpdate(this.shadow, update, "check");
      if (isEmptyMapDoc(this.shadow)) {
        if (!wasEmpty) problem = "the update would leave the room without a map";
      } else if (wasEmpty) {
        // The room's first map: read it whole.
        const result = readMap(this.shadow);
        if (!result.ok) problem = `not a valid map: ${result.errors.slice(0, 3).join("; ")}`;
      } else {
        // A change to a valid map: check what it touched, in time proportional to the change.
        const problems = checkMapChange(this.shadow, touched);
        if (problems.length > 0) problem = `not a valid map: ${problems.slice(0, 3).join("; ")}`;
      }
    } catch (error) {
      problem = `malformed update (${describe(error)})`;
      code = CLOSE_CODES.badMessage;
    } finally {
      this.shadow.off("update", noticeChange);
      this.shadow.off("afterTransaction", collect);
    }
    if (problem !== null) {
      this.rebuildShadow();
      this.refuse(conn, code, problem);
      return;
    }
    // An update that changes nothing (a new client's empty answer to sync) is not stored.
    this.queue.push({ conn, update, store: changed });
    if (changed) this.storedBytes += update.byteLength + 8;
    this.flush();
  }

  /**
   * Group commit: the updates queued while the previous write was on its way go to disk as one
   * write and one fdatasync, then are applied to the room's document, which broadcasts them
   * (onUpdate). Durable before anyone hears of them; and a slow disk makes batches larger
   * instead of a growing queue of fsyncs blocking the event loop.
   */
  private flush(): void {
    if (this.flushing !== null) return;
    this.flushing = (async () => {
      while (this.queue.length > 0 && !this.closed) {
        const batch = this.queue.splice(0);
        const toStore = batch.filter((entry) => entry.store).map((entry) => entry.update);
        try {
          if (toStore.length > 0) await this.log.appendAll(toStore);
        } catch (error) {
          // Nobody has heard of these updates: drop them, and disconnect everyone so that no one
          // edits on against a room that cannot save; clients send them again on reconnect.
          this.serverLog.warn(
            `room ${this.label}: could not save to disk (${describe(error)}); disconnected everyone`,
          );
          this.queue.length = 0;
          this.rebuildShadow();
          for (const conn of [...this.connections.keys()]) {
            this.connections.delete(conn);
            conn.close(1011, "the server could not save");
          }
          break;
        }
        if (this.closed) break;
        for (const entry of batch) Y.applyUpdate(this.doc, entry.update, entry.conn);
        if (this.log.size >= this.limits.compactBytes) this.compact();
      }
    })().finally(() => {
      this.flushing = null;
      if (this.connections.size === 0 && !this.closed) this.onEmpty(this);
    });
  }

  private rebuildShadow(): void {
    this.shadow.destroy();
    this.shadow = this.copyOfDoc();
    for (const entry of this.queue) Y.applyUpdate(this.shadow, entry.update, "check");
  }

  private copyOfDoc(): Y.Doc {
    const copy = new Y.Doc();
    // Typed before any content arrives: a top-level type Yjs first creates untyped is replaced
    // by a new object when first asked for as a map, and a transaction's `changed` would name
    // the old one.
    mapDocTypes(copy);
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc), "copy");
    return copy;
  }

  private refuse(conn: WebSocket, code: number, reason: string): void {
    this.serverLog.warn(`room ${this.label}: refused a message from ${addressOf(conn)}: ${reason}`);
    if (code === CLOSE_CODES.invalidMap) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 2);
      authProtocol.writePermissionDenied(encoder, reason);
      this.send(conn, encoding.toUint8Array(encoder));
    }
    this.leave(conn);
    // A close reason is at most 123 bytes.
    conn.close(code, truncateUtf8(reason, 120));
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === "load") return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_UPDATE);
    encoding.writeVarUint8Array(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const conn of this.connections.keys()) this.send(conn, message);
  };

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const clients = this.connections.get(origin as WebSocket);
    if (clients !== undefined) {
      for (const id of added) clients.add(id);
      for (const id of removed) clients.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    const message = encoding.toUint8Array(encoder);
    for (const conn of this.connections.keys()) this.send(conn, message);
  };

  private send(conn: WebSocket, message: Uint8Array): void {
    if (conn.readyState !== conn.OPEN) return;
    if (conn.bufferedAmount > this.limits.maxBufferedBytes) {
      this.serverLog.warn(`room ${this.label}: dropped ${addressOf(conn)}, which stopped reading`);
      conn.terminate();
      return;
    }
    conn.send(message, (error) => {
      if (error) conn.terminate();
    });
  }
}

const addresses = new WeakMap<WebSocket, string>();

export function rememberAddress(conn: WebSocket, address: string): void {
  addresses.set(conn, address);
}

export function addressOf(conn: WebSocket): string {
  return addresses.get(conn) ?? "unknown address";
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function truncateUtf8(text: string, bytes: number): string {
  let out = text;
  while (Buffer.byteLength(out) > bytes) out = out.slice(0, -1);
  return out;
}
