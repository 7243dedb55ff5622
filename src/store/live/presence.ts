import { type LiveRole, type Person, PRESENCE_COLOURS } from "./person";

/**
 * What each person tells the room through Yjs awareness: never part of the document, gone when
 * they leave. Positions are in the canvas's flow coordinates, so they land on the same step at
 * any zoom. Every field is read as untrusted (a hostile client may send anything).
 */
export interface PresenceState {
  person: Person;
  role: LiveRole;
  selection: { steps: string[]; handoffs: string[] };
  /** The pointer over the map, in flow coordinates; null when it is elsewhere. */
  pointer: { x: number; y: number } | null;
  /** The step or handoff whose text they are editing. */
  editing: { kind: "step" | "handoff"; id: string } | null;
  /** The facilitator's walkthrough, timer and presentation, for "Follow facilitator". */
  workshop: FacilitatorView | null;
}

export interface FacilitatorView {
  walkthrough: { active: boolean; stepId: string | null };
  presenting: boolean;
  timer: { durationMs: number; remainingMs: number; endsAt: number | null };
}

/** One person as the room sees them (several tabs of one person are one entry). */
export interface RoomPerson extends Person {
  role: LiveRole;
  /** This browser's own entry. */
  self: boolean;
  clientId: number;
  selection: PresenceState["selection"];
  pointer: PresenceState["pointer"];
  editing: PresenceState["editing"];
  workshop: FacilitatorView | null;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const ids = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").slice(0, 500) : [];

const finite = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** Reads one awareness state, or null when it is not a person (not yet set, or malformed). */
export function readPresence(clientId: number, state: unknown, selfId: number): RoomPerson | null {
  if (!isObject(state) || !isObject(state.person)) return null;
  const { id, name, colour } = state.person;
  if (typeof id !== "string" || typeof name !== "string" || typeof colour !== "string") return null;
  if (!/^#[0-9a-f]{6}$/i.test(colour)) return null;
  const selection = isObject(state.selection)
    ? { steps: ids(state.selection.steps), handoffs: ids(state.selection.handoffs) }
    : { steps: [], handoffs: [] };
  const pointer =
    isObject(state.pointer) && finite(state.pointer.x) && finite(state.pointer.y)
      ? { x: state.pointer.x, y: state.pointer.y }
      : null;
  const editing =
    isObject(state.editing) &&
    (state.editing.kind === "step" || state.editing.kind === "handoff") &&
    typeof state.editing.id === "string"
      ? {
          kind: state.editing.kind === "step" ? ("step" as const) : ("handoff" as const),
          id: state.editing.id,
        }
      : null;
  return {
    id: id.slice(0, 64),
    name: name.slice(0, 40),
    colour,
    role: state.role === "facilitator" ? "facilitator" : "participant",
    self: clientId === selfId,
    clientId,
    selection,
    pointer,
    editing,
    workshop: readFacilitatorView(state.workshop),
  };
}

function readFacilitatorView(value: unknown): FacilitatorView | null {
  if (!isObject(value) || !isObject(value.walkthrough) || !isObject(value.timer)) return null;
  const { walkthrough, timer } = value;
  if (!finite(timer.durationMs) || !finite(timer.remainingMs)) return null;
  return {
    walkthrough: {
      active: walkthrough.active === true,
      stepId: typeof walkthrough.stepId === "string" ? walkthrough.stepId : null,
    },
    presenting: value.presenting === true,
    timer: {
      durationMs: timer.durationMs,
      remainingMs: timer.remainingMs,
      endsAt: finite(timer.endsAt) ? timer.endsAt : null,
    },
  };
}

/**
 * The people in the room, one entry per person (their most recent client wins), yourself first,
 * then by name: a stable order for the list.
 */
export function roomPeople(states: ReadonlyMap<number, unknown>, selfId: number): RoomPerson[] {
  const byPerson = new Map<string, RoomPerson>();
  for (const [clientId, state] of states) {
    const person = readPresence(clientId, state, selfId);
    if (person === null) continue;
    const known = byPerson.get(person.id);
    if (known === undefined || person.self || (!known.self && person.clientId > known.clientId))
      byPerson.set(person.id, person);
  }
  return distinctColours([...byPerson.values()]).sort((a, b) =>
    a.self !== b.self ? (a.self ? -1 : 1) : a.name.localeCompare(b.name) || a.clientId - b.clientId,
  );
}

/**
 * Two people in one colour cannot be told apart on the canvas: while the palette lasts, each
 * person (in id order, the same on every peer) takes their own colour, or the next free one.
 */
function distinctColours(people: RoomPerson[]): RoomPerson[] {
  if (people.length > PRESENCE_COLOURS.length) return people;
  const taken = new Set<string>();
  const byId = [...people].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const colours = new Map<string, string>();
  for (const person of byId) {
    const start = Math.max(0, PRESENCE_COLOURS.indexOf(person.colour as (typeof PRESENCE_COLOURS)[number]));
    let colour = person.colour;
    for (let i = 0; i < PRESENCE_COLOURS.length; i++) {
      const candidate = PRESENCE_COLOURS[(start + i) % PRESENCE_COLOURS.length] as string;
      if (!taken.has(candidate)) {
        colour = candidate;
        break;
      }
    }
    taken.add(colour);
    colours.set(person.id, colour);
  }
  return people.map((person) => {
    const colour = colours.get(person.id) ?? person.colour;
    return colour === person.colour ? person : { ...person, colour };
  });
}
