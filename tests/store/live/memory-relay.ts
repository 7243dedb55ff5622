import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from "y-protocols/awareness";
import * as Y from "yjs";
import type { RoomTransport } from "../../../src/store/live/room-transport";

type Status = "connecting" | "connected" | "disconnected";

interface Peer {
  doc: Y.Doc;
  awareness: Awareness;
  online: boolean;
  status: Set<(status: Status) => void>;
  synced: Set<() => void>;
}

/**
 * A room server in memory, for the live session's rules: it relays document and awareness
 * updates between the peers that are online, and merges by state vector when one comes back
 * (as y-websocket's sync step does). `offline(peer)` is a lost network.
 */
export class MemoryRelay {
  private readonly peers: Peer[] = [];
  /** The server's own copy: a room outlives everyone leaving it. */
  readonly doc = new Y.Doc();

  connect = (doc: Y.Doc): RoomTransport & { peer: Peer } => {
    const peer: Peer = {
      doc,
      awareness: new Awareness(doc),
      online: true,
      status: new Set(),
      synced: new Set(),
    };
    this.peers.push(peer);
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this || !peer.online) return;
      Y.applyUpdate(this.doc, update, this);
      for (const other of this.peers)
        if (other !== peer && other.online) Y.applyUpdate(other.doc, update, this);
    });
    peer.awareness.on("update", ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin === this || !peer.online) return;
      const changed = [...(added ?? []), ...(updated ?? []), ...(removed ?? [])];
      const encoded = encodeAwarenessUpdate(peer.awareness, changed);
      for (const other of this.peers)
        if (other !== peer && other.online) applyAwarenessUpdate(other.awareness, encoded, this);
    });
    queueMicrotask(() => this.join(peer));
    return {
      peer,
      awareness: peer.awareness,
      onStatus: (listener) => {
        peer.status.add(listener);
        return () => peer.status.delete(listener);
      },
      onSynced: (listener) => {
        peer.synced.add(listener);
        return () => peer.synced.delete(listener);
      },
      onRefused: () => () => undefined,
      destroy: () => {
        this.setOnline(peer, false);
        this.peers.splice(this.peers.indexOf(peer), 1);
      },
    };
  };

  private join(peer: Peer): void {
    if (!peer.online) return;
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(peer.doc, Y.encodeStateVector(this.doc)), this);
    Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(peer.doc)), this);
    for (const other of this.peers) {
      if (other === peer || !other.online) continue;
      Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(other.doc)), this);
      applyAwarenessUpdate(
        peer.awareness,
        encodeAwarenessUpdate(other.awareness, [other.awareness.clientID]),
        this,
      );
      applyAwarenessUpdate(
        other.awareness,
        encodeAwarenessUpdate(peer.awareness, [peer.awareness.clientID]),
        this,
      );
    }
    for (const listener of peer.status) listener("connected");
    for (const listener of peer.synced) listener();
  }

  setOnline(peer: Peer, online: boolean): void {
    if (peer.online === online) return;
    peer.online = online;
    if (online) {
      this.join(peer);
      return;
    }
    for (const listener of peer.status) listener("disconnected");
    const others = [...peer.awareness.getStates().keys()].filter((id) => id !== peer.awareness.clientID);
    removeAwarenessStates(peer.awareness, others, this);
    for (const other of this.peers)
      if (other !== peer) removeAwarenessStates(other.awareness, [peer.awareness.clientID], this);
  }
}
