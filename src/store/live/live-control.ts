import { createStore, type StoreApi } from "zustand/vanilla";
import { newRoomId } from "../../live/room-id";
import type { EditorStore } from "../editor-store";
import type { MapSession } from "../persistence/map-session";
import { LiveSession } from "./live-session";
import { cleanName, colourFor, type LiveRole, type Person } from "./person";
import { indexedDbRoom, websocketTransport } from "./room-transport";

/**
 * Starts, joins and leaves live rooms for one editor, beside its map session (the library):
 *
 * - Start: the open map becomes a new room (a random 128-bit id); the facilitator stays on the
 *   same library map, which keeps being saved as the room changes.
 * - Join: the room's map opens as a library map of its own (the same one when this browser
 *   joined the room before), so a participant's own maps are never written over, and leaving
 *   keeps a local copy.
 * - Opening another map from the library leaves the room.
 */

export interface LiveEndpoint {
  /** ws(s)://host:port/live: the room id is appended as a path segment. */
  serverUrl: string;
  key: string | null;
}

export interface LiveControlState {
  session: LiveSession | null;
  /** The person this browser is in rooms (name remembered; id and colour fixed per browser). */
  person: Person | null;
}

/** A small key-value store (localStorage in the app); a Map in tests. */
export interface LiveMemory {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface LiveControlOptions {
  editor: EditorStore;
  mapSession: MapSession;
  memory: LiveMemory | null;
  /** Keep rooms in IndexedDB (the app); false in tests without it. */
  keepOffline?: boolean;
  /** For tests: how a session connects (defaults to the websocket transport). */
  connect?: (
    endpoint: LiveEndpoint,
    roomId: string,
  ) => ConstructorParameters<typeof LiveSession>[0]["connect"];
}

const NAME_KEY = "handoff-live-name";
const PERSON_KEY = "handoff-live-person";
const ROOMS_KEY = "handoff-live-rooms";

export class LiveControl {
  readonly state: StoreApi<LiveControlState>;
  private unwatchMap: (() => void) | null = null;

  constructor(private readonly options: LiveControlOptions) {
    const name = options.memory?.getItem(NAME_KEY) ?? null;
    this.state = createStore<LiveControlState>()(() => ({
      session: null,
      person: name === null ? null : this.personNamed(name),
    }));
  }

  /** The name asked for last time, for the "Your name" field. */
  get rememberedName(): string {
    return this.options.memory?.getItem(NAME_KEY) ?? "";
  }

  private personNamed(name: string): Person {
    const memory = this.options.memory;
    let id = memory?.getItem(PERSON_KEY) ?? null;
    if (id === null || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
      id = newRoomId();
      memory?.setItem(PERSON_KEY, id);
    }
    return { id, name: cleanName(name), colour: colourFor(id) };
  }

  private remember(name: string): Person {
    const cleaned = cleanName(name);
    if (cleaned === "") throw new Error("Your name: type the name the others will see.");
    this.options.memory?.setItem(NAME_KEY, cleaned);
    const person = this.personNamed(cleaned);
    this.state.setState({ person });
    return person;
  }

  private open(endpoint: LiveEndpoint, roomId: string, role: LiveRole, person: Person): LiveSession {
    const { editor, mapSession } = this.options;
    return new LiveSession({
      editor,
      roomId,
      role,
      person,
      connect:
        this.options.connect?.(endpoint, roomId) ??
        ((doc) => websocketTransport(doc, { serverUrl: endpoint.serverUrl, roomId, key: endpoint.key })),
      keepOffline: this.options.keepOffline === false ? null : (doc) => indexedDbRoom(doc, roomId),
      replacingDocument: () => mapSession.replacingDocument,
    });
  }

  /** The facilitator turns the open map into a room; resolves with the room id. */
  start(endpoint: LiveEndpoint, name: string): string {
    this.leave();
    const person = this.remember(name);
    const roomId = newRoomId();
    const session = this.open(endpoint, roomId, "facilitator", person);
    session.seed(this.options.editor.getState().map);
    session.bind();
    this.rememberRoom(roomId, this.options.mapSession.mapId, "facilitator");
    this.begin(session);
    return roomId;
  }

  /**
   * Joins a room by its link. Resolves once the room's map is on screen; rejects with the reason
   * when the server refused (a wrong key) or the session was left meanwhile.
   */
  async join(endpoint: LiveEndpoint, roomId: string, name: string): Promise<void> {
    this.leave();
    const person = this.remember(name);
    const known = this.knownRoom(roomId);
    const role: LiveRole = known?.role ?? "participant";
    const session = this.open(endpoint, roomId, role, person);
    this.state.setState({ session });
    const map = await session.whenLoaded();
    const { mapSession } = this.options;
    await mapSession.flushAll();
    const opened =
      known !== null && known.mapId !== mapSession.mapId
        ? await mapSession.open(known.mapId, { discardUnsaved: true })
        : known !== null;
    if (!opened) await mapSession.openNew(map, { discardUnsaved: true });
    if (this.state.getState().session !== session) return;
    this.rememberRoom(roomId, mapSession.mapId, role);
    session.bind();
    this.begin(session);
  }

  private begin(session: LiveSession): void {
    this.state.setState({ session });
    const mapId = this.options.mapSession.mapId;
    this.unwatchMap = this.options.mapSession.state.subscribe((next) => {
      if (next.mapId === mapId) return;
      this.leave();
      this.options.editor
        .getState()
        .notify(
          "You left the live session: the map you opened is not the session's. Its copy stays in the library.",
        );
    });
  }

  /** Leaves the room; the map stays open and saved in the library. */
  leave(): void {
    this.unwatchMap?.();
    this.unwatchMap = null;
    const session = this.state.getState().session;
    if (session === null) return;
    session.leave();
    this.state.setState({ session: null });
  }

  /** This browser joined or started the room before (a reload, a link opened again). */
  wasInRoom(roomId: string): boolean {
    return this.knownRoom(roomId) !== null;
  }

  private knownRoom(roomId: string): { mapId: string; role: LiveRole } | null {
    const rooms = this.rooms();
    const entry = rooms[roomId];
    return entry === undefined ? null : entry;
  }

  private rooms(): Record<string, { mapId: string; role: LiveRole }> {
    try {
      const parsed: unknown = JSON.parse(this.options.memory?.getItem(ROOMS_KEY) ?? "{}");
      if (typeof parsed !== "object" || parsed === null) return {};
      const rooms: Record<string, { mapId: string; role: LiveRole }> = {};
      for (const [id, value] of Object.entries(parsed)) {
        if (typeof value !== "object" || value === null) continue;
        const { mapId, role } = value as Record<string, unknown>;
        if (typeof mapId === "string" && (role === "facilitator" || role === "participant"))
          rooms[id] = { mapId, role };
      }
      return rooms;
    } catch {
      return {};
    }
  }

  private rememberRoom(roomId: string, mapId: string, role: LiveRole): void {
    const rooms = this.rooms();
    rooms[roomId] = { mapId, role };
    // The 50 most recent rooms are enough to rejoin; older ones are forgotten.
    const entries = Object.entries(rooms).slice(-50);
    this.options.memory?.setItem(ROOMS_KEY, JSON.stringify(Object.fromEntries(entries)));
  }
}
