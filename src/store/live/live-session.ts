import * as Y from "yjs";
import { createStore, type StoreApi } from "zustand/vanilla";
import { isEmptyMapDoc, mapDocTypes, readMap, writeMap } from "../../live/map-doc";
import type { HandoffMap } from "../../model/types";
import type { EditorState, EditorStore, UndoSource } from "../editor-store";
import {
  castDots,
  dotVoteTypes,
  readDots,
  readSettings,
  recordVoteBase,
  setVoteSettings,
  tallies,
  type VoteSettings,
  voteChanges,
  withTallies,
} from "./dot-votes";
import type { LiveRole, Person } from "./person";
import { type FacilitatorView, type PresenceState, type RoomPerson, roomPeople } from "./presence";
import type { OfflineRoom, RoomTransport } from "./room-transport";

/**
 * One person's side of a live room: the editor's document follows a shared Y.Doc, and the
 * person's edits go into it.
 *
 * - Remote changes (from the server, an undo, the offline copy) are read with readMap at once,
 *   in the same task, and put into the editor outside its history. Reading at once matters: a
 *   local edit is written as "make the document look like my map", so the map must never be
 *   older than the document when an edit is made on it.
 * - Local changes are written with writeMap in one transaction with this session's own origin:
 *   the store's single document-change point (its `map`), whichever action or command made them.
 *   A drag is written once, when it is dropped (a gesture's frames are previews); the layout's
 *   output never is (it is session state, not the map).
 * - Undo is per person: a Y.UndoManager that tracks only this session's origin, so Ctrl+Z never
 *   takes back a colleague's edit. One editor history entry is one undo step (typing into one
 *   field is one step, as in the editor's own history).
 * - Presence (who is here, their selection, pointer, what they edit, the facilitator's
 *   walkthrough) is Yjs awareness: never in the document, gone when they leave.
 */

export type LiveStatus =
  /** Waiting for the first answer of the server (or of the offline copy). */
  | "connecting"
  | "live"
  /** Connected before and lost it: edits go on and are kept (in IndexedDB and in memory). */
  | "reconnecting"
  /** The server refused the room (a wrong key): nothing more is sent. */
  | "refused";

export interface LiveState {
  roomId: string;
  role: LiveRole;
  person: Person;
  status: LiveStatus;
  refusedReason: string | null;
  /** The document holds a map (from the server or the offline copy): the editor shows it. */
  loaded: boolean;
  people: RoomPerson[];
  canUndo: boolean;
  canRedo: boolean;
  /** Dot votes: the budget, whether revealed, and each person's dots (see dot-votes.ts). */
  votes: { settings: VoteSettings; dots: ReadonlyMap<string, ReadonlyMap<string, number>> };
  /** A participant's view follows the facilitator's walkthrough, timer and presentation. */
  following: boolean;
}

export interface LiveSessionOptions {
  editor: EditorStore;
  roomId: string;
  role: LiveRole;
  person: Person;
  /** Makes the connection for the session's document (websocketTransport in the app). */
  connect: (doc: Y.Doc) => RoomTransport;
  /** Keeps the room in this browser (indexedDbRoom in the app); null keeps it in memory only. */
  keepOffline?: ((doc: Y.Doc) => OfflineRoom) | null;
  /**
   * True while another document source is replacing the editor's document (the library opening
   * a map): such a change is not an edit of the room.
   */
  replacingDocument?: () => boolean;
}

export class LiveSession {
  readonly state: StoreApi<LiveState>;
  readonly doc = new Y.Doc();
  /** The origin of this person's own transactions; the undo manager tracks only these. */
  readonly origin: { readonly live: "local" } = { live: "local" };
  private readonly editor: EditorStore;
  private readonly transport: RoomTransport;
  private readonly offline: OfflineRoom | null;
  private readonly replacingDocument: () => boolean;
  private readonly undoManager: Y.UndoManager;
  private readonly unsubscribers: (() => void)[] = [];
  /** True while this session puts a remote change into the editor. */
  private applying = false;
  private bound = false;
  private lastRepairs = "";
  private connectedOnce = false;
  private disposed = false;

  constructor(options: LiveSessionOptions) {
    this.editor = options.editor;
    this.replacingDocument = options.replacingDocument ?? (() => false);
    this.state = createStore<LiveState>()(() => ({
      roomId: options.roomId,
      role: options.role,
      person: options.person,
      status: "connecting",
      refusedReason: null,
      loaded: false,
      people: [],
      canUndo: false,
      canRedo: false,
      votes: { settings: readSettings(this.doc), dots: new Map() },
      following: options.role === "participant",
    }));
    this.undoManager = new Y.UndoManager([...mapDocTypes(this.doc), ...dotVoteTypes(this.doc)], {
      trackedOrigins: new Set([this.origin]),
      // Steps are cut where the editor's history cuts them (see onEditorChange), not by time.
      captureTimeout: 24 * 60 * 60 * 1000,
    });
    const refreshUndo = () => {
      this.state.setState({
        canUndo: this.undoManager.undoStack.length > 0,
        canRedo: this.undoManager.redoStack.length > 0,
      });
      // The toolbar's Undo and Redo follow this person's own stacks, not the editor's history.
      if (this.bound) this.editor.getState().setUndoSource(this.undoSource());
    };
    this.undoManager.on("stack-item-added", refreshUndo);
    this.undoManager.on("stack-item-popped", refreshUndo);
    this.undoManager.on("stack-cleared", refreshUndo);
    this.offline = options.keepOffline?.(this.doc) ?? null;
    this.transport = options.connect(this.doc);
    const awareness = this.transport.awareness;
    const initial: PresenceState = {
      person: options.person,
      role: options.role,
      selection: { steps: [], handoffs: [] },
      pointer: null,
      editing: null,
      workshop: null,
    };
    awareness.setLocalState(initial);
    const onAwareness = () =>
      this.state.setState({ people: roomPeople(awareness.getStates(), awareness.clientID) });
    awareness.on("change", onAwareness);
    onAwareness();
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      this.refreshVotes();
      if (origin !== this.origin) this.readIntoEditor();
    };
    this.doc.on("update", onUpdate);
    this.unsubscribers.push(
      () => awareness.off("change", onAwareness),
      () => this.doc.off("update", onUpdate),
      this.transport.onStatus((status) => {
        if (status === "connected") this.connectedOnce = true;
        if (this.state.getState().status === "refused") return;
        this.state.setState({
          status: status === "connected" ? "live" : this.connectedOnce ? "reconnecting" : "connecting",
        });
      }),
      this.transport.onSynced(() => this.readIntoEditor()),
      this.transport.onRefused((reason) => this.state.setState({ status: "refused", refusedReason: reason })),
      this.editor.subscribe((next, previous) => this.onEditorChange(next, previous)),
    );
    void this.offline?.whenSynced.then(() => this.readIntoEditor());
  }

  /** The facilitator's map becomes the room's document (before anyone else has joined). */
  seed(map: HandoffMap): void {
    // Not this person's undoable edit: undoing it would empty the room.
    writeMap(this.doc, map, "seed");
    recordVoteBase(this.doc, map, "seed");
    this.state.setState({ loaded: true });
  }

  /** Resolves once the document holds a map (the server's or the offline copy's). */
  whenLoaded(): Promise<HandoffMap> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.disposed) {
          unsubscribe();
          reject(new Error("left the live session"));
          return;
        }
        if (this.state.getState().status === "refused") {
          unsubscribe();
          reject(new Error(this.state.getState().refusedReason ?? "the server refused the room"));
          return;
        }
        if (isEmptyMapDoc(this.doc)) return;
        const read = readMap(this.doc);
        if (!read.ok) return;
        unsubscribe();
        resolve(read.map);
      };
      const unsubscribe = this.state.subscribe(check);
      check();
    });
  }

  /**
   * From now on the editor's document is the room's: remote changes are shown, local edits are
   * written, and undo is this person's own. Call when the editor shows the room's map.
   */
  bind(): void {
    if (this.bound) return;
    this.bound = true;
    this.editor.getState().setUndoSource(this.undoSource());
    this.readIntoEditor();
  }

  /** Undo and redo of this person's own edits, with whether each would do anything now. */
  private undoSource(): UndoSource {
    return {
      undo: () => {
        this.undoManager.undo();
      },
      redo: () => {
        this.undoManager.redo();
      },
      canUndo: this.undoManager.undoStack.length > 0,
      canRedo: this.undoManager.redoStack.length > 0,
    };
  }

  get isBound(): boolean {
    return this.bound;
  }

  private onEditorChange(next: EditorState, previous: EditorState): void {
    if (!this.bound || this.applying) return;
    if (next.selection !== previous.selection || next.editingStepId !== previous.editingStepId)
      this.sharePresence(next);
    const dropped = previous.history.gestureBase !== null && next.history.gestureBase === null;
    if (next.map === previous.map && !dropped) return;
    // A drag's frames are previews: the position is written once, where it was dropped.
    if (next.history.gestureBase !== null) return;
    if (this.replacingDocument()) return;
    // A new entry in the editor's history is a new undo step; typing into the same field is not.
    if (next.history.past !== previous.history.past) this.undoManager.stopCapturing();
    const votes = voteChanges(previous.map, next.map);
    if (votes.size === 0) {
      writeMap(this.doc, next.map, this.origin);
      return;
    }
    // A vote is one of this person's dots: within their budget, tallied with everyone's.
    let refused: string | null = null;
    this.doc.transact(() => {
      const cast = castDots(this.doc, this.state.getState().person.id, votes);
      if (!cast.ok) refused = cast.reason;
      else writeMap(this.doc, withTallies(next.map, tallies(this.doc)), this.origin);
    }, this.origin);
    if (refused !== null) this.editor.getState().notify(refused, "error");
    this.readIntoEditor();
  }

  /** The facilitator sets the dots per person, or reveals who voted what. */
  setVoteSettings(patch: Partial<VoteSettings>): void {
    setVoteSettings(this.doc, patch, "settings");
  }

  /** Follow the facilitator's view (participants), or stop (they navigated themselves). */
  setFollowing(following: boolean): void {
    if (following !== this.state.getState().following) this.state.setState({ following });
  }

  private refreshVotes(): void {
    const settings = readSettings(this.doc);
    const current = this.state.getState().votes;
    const dots = readDots(this.doc);
    const same =
      settings.budget === current.settings.budget &&
      settings.revealed === current.settings.revealed &&
      sameDots(dots, current.dots);
    if (!same) this.state.setState({ votes: { settings, dots } });
  }

  private sharePresence(state: EditorState): void {
    const awareness = this.transport.awareness;
    awareness.setLocalStateField("selection", {
      steps: [...state.selection.steps],
      handoffs: [...state.selection.handoffs],
    });
    awareness.setLocalStateField(
      "editing",
      state.editingStepId !== null ? { kind: "step", id: state.editingStepId } : null,
    );
  }

  /** The pointer over the map, in flow coordinates (null when it left the map). */
  setPointer(pointer: { x: number; y: number } | null): void {
    this.transport.awareness.setLocalStateField("pointer", pointer);
  }

  /** What a field being edited names (the inspector's handoff fields). */
  setEditing(editing: PresenceState["editing"]): void {
    this.transport.awareness.setLocalStateField("editing", editing);
  }

  /** The facilitator shares where the walkthrough stands, the timer and presentation. */
  shareFacilitatorView(view: FacilitatorView | null): void {
    this.transport.awareness.setLocalStateField("workshop", view);
  }

  /** Puts the document's map into the editor (outside its history); repairs become a notice. */
  private readIntoEditor(): void {
    if (this.disposed || isEmptyMapDoc(this.doc)) return;
    if (!this.state.getState().loaded) this.state.setState({ loaded: true });
    if (!this.bound) return;
    const read = readMap(this.doc);
    const editor = this.editor.getState();
    if (!read.ok) {
      editor.notify(`The live session sent a map that cannot be shown: ${read.errors.join("; ")}.`, "error");
      return;
    }
    if (read.repairs.length > 0) {
      const said = read.repairs.join(" ");
      if (said !== this.lastRepairs) editor.notify(`Live session: ${said}`);
      this.lastRepairs = said;
    }
    if (editor.readOnly !== null) return;
    const map = withTallies(read.map, tallies(this.doc));
    this.applying = true;
    try {
      editor.apply(() => map, { history: "ignore" });
    } finally {
      this.applying = false;
    }
  }

  /** Leaves the room: the editor keeps the map (the library keeps saving it), undo is local again. */
  leave(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    if (this.bound) this.editor.getState().setUndoSource(null);
    this.transport.awareness.setLocalState(null);
    this.undoManager.destroy();
    this.transport.destroy();
    this.offline?.destroy();
    this.state.setState({ people: [] });
  }
}

function sameDots(
  a: ReadonlyMap<string, ReadonlyMap<string, number>>,
  b: ReadonlyMap<string, ReadonlyMap<string, number>>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [person, dots] of a) {
    const other = b.get(person);
    if (other === undefined || other.size !== dots.size) return false;
    for (const [id, n] of dots) if (other.get(id) !== n) return false;
  }
  return true;
}
