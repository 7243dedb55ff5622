/**
 * Ids for new lanes, phases, steps, handoffs and edge cases.
 *
 * A new id is a short prefix naming its kind and 12 random base-36 characters (`s-k3f9x2a7qzmd`:
 * 36^12 ≈ 2^62 values), so two people or two tabs adding a step at the same moment never pick
 * the same id, without asking each other. The label is never part of an id: renaming a step
 * keeps its id, and two steps called "New step" do not compete for `new-step`.
 *
 * The model stays deterministic: randomness comes in as a `RandomBytes` function. The editor's
 * store holds one backed by `crypto.getRandomValues`; tests hand in `seededRandomBytes(seed)`
 * to get the same ids on every run. Ids already in files (templates, imported maps) are kept.
 */

export type IdKind = "lane" | "phase" | "step" | "handoff" | "edgeCase" | "version" | "scenario";

export const ID_PREFIX: Readonly<Record<IdKind, string>> = {
  lane: "l",
  phase: "p",
  step: "s",
  handoff: "h",
  edgeCase: "ec",
  version: "v",
  scenario: "sc",
};

/** Random characters after the prefix: 12 base-36 characters hold 62 bits. */
export const RANDOM_ID_LENGTH = 12;

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
/** The largest multiple of 36 a byte can hold: bytes at or above it are drawn again (no bias). */
const BYTE_LIMIT = 252;

/** Fills the array with random bytes (crypto.getRandomValues, or a seeded stand-in in tests). */
export type RandomBytes = (bytes: Uint8Array) => void;

/** Hands out fresh ids of each kind; `taken` says which are in use (drawn again if so). */
export interface IdSource {
  next(kind: IdKind, taken?: (id: string) => boolean): string;
}

/** `s-k3f9x2a7qzmd`: the kind's prefix and RANDOM_ID_LENGTH unbiased base-36 characters. */
export function randomId(kind: IdKind, fill: RandomBytes): string {
  let out = `${ID_PREFIX[kind]}-`;
  const bytes = new Uint8Array(RANDOM_ID_LENGTH + 4);
  let need = RANDOM_ID_LENGTH;
  while (need > 0) {
    fill(bytes);
    for (const byte of bytes) {
      if (need === 0) break;
      if (byte >= BYTE_LIMIT) continue;
      out += ALPHABET[byte % 36];
      need--;
    }
  }
  return out;
}

/**
 * `fill` drawn from in blocks: one crypto call per 64 ids instead of one per id (a 500-step paste
 * draws over a thousand ids).
 */
function pooled(fill: RandomBytes, size = 1024): RandomBytes {
  const pool = new Uint8Array(size);
  let used = size;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) {
      if (used === size) {
        fill(pool);
        used = 0;
      }
      bytes[i] = pool[used++] as number;
    }
  };
}

export function createIdSource(fill: RandomBytes): IdSource {
  const draw = pooled(fill);
  return {
    next(kind, taken) {
      for (;;) {
        const id = randomId(kind, draw);
        if (taken === undefined || !taken(id)) return id;
      }
    },
  };
}

/**
 * A deterministic stand-in for crypto.getRandomValues (mulberry32): the same seed gives the same
 * ids, so tests and property runs can be replayed. Never for real documents.
 */
export function seededRandomBytes(seed: number): RandomBytes {
  let state = seed >>> 0;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
    }
  };
}

/**
 * The model's own fallback when an edit is called without an id (scripts and tests calling the
 * edits directly; the editor always passes random ids): the kind's prefix and the first free
 * counter, `s-1`, `s-2`… Never derived from a label.
 */
export function sequentialId(kind: IdKind, taken: ReadonlySet<string>): string {
  const prefix = ID_PREFIX[kind];
  for (let n = 1; ; n++) {
    const candidate = `${prefix}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
