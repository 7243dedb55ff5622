import { IndexeddbPersistence } from "y-indexeddb";
import type { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";

/**
 * How a live room's document reaches the others: the y-websocket protocol (Yjs sync and awareness)
 * to `handoff serve`. An interface, so the session's rules are tested with an in-memory relay.
 */
export interface RoomTransport {
  readonly awareness: Awareness;
  /** "connected" once the socket is open; "disconnected" while it is retrying. */
  onStatus(listener: (status: "connecting" | "connected" | "disconnected") => void): () => void;
  /** The server's copy of the room has been merged into the local document. */
  onSynced(listener: () => void): () => void;
  /** The server closed the connection for good (a wrong key, a refused room). */
  onRefused(listener: (reason: string) => void): () => void;
  destroy(): void;
}

/** Keeps the room in this browser, so edits made offline survive a reload and merge later. */
export interface OfflineRoom {
  whenSynced: Promise<unknown>;
  destroy(): void;
}

export interface WebsocketRoomOptions {
  /** The live endpoint, e.g. ws://127.0.0.1:4321/live; the room id is appended as a path. */
  serverUrl: string;
  roomId: string;
  key: string | null;
}

export function websocketTransport(doc: Y.Doc, options: WebsocketRoomOptions): RoomTransport {
  const provider = new WebsocketProvider(options.serverUrl, options.roomId, doc, {
    params: options.key === null ? {} : { key: options.key },
    // A dropped network is noticed within a few seconds, not y-websocket's default 30.
    maxBackoffTime: 2500,
  });
  return {
    awareness: provider.awareness,
    onStatus(listener) {
      const handler = (event: { status: "connecting" | "connected" | "disconnected" }) =>
        listener(event.status);
      provider.on("status", handler);
      return () => provider.off("status", handler);
    },
    onSynced(listener) {
      const handler = (synced: boolean) => {
        if (synced) listener();
      };
      provider.on("sync", handler);
      if (provider.synced) queueMicrotask(listener);
      return () => provider.off("sync", handler);
    },
    onRefused(listener) {
      const handler = (event: { code: number; reason: string }) =>
        listener(event.reason === "" ? `the server closed the room (code ${event.code})` : event.reason);
      provider.on("closed", handler);
      return () => provider.off("closed", handler);
    },
    destroy() {
      provider.destroy();
    },
  };
}

/** The room kept in IndexedDB under its id (y-indexeddb); kept after leaving, for a rejoin. */
export function indexedDbRoom(doc: Y.Doc, roomId: string): OfflineRoom {
  const persistence = new IndexeddbPersistence(`handoff-room-${roomId}`, doc);
  return {
    whenSynced: persistence.whenSynced,
    destroy: () => void persistence.destroy(),
  };
}
