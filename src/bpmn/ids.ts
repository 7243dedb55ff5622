/**
 * BPMN ids are XML names (xsd:ID, an NCName): a letter or `_` first, then letters, digits, `.`,
 * `-` and `_`, no colon, no spaces. Handoff ids are any text, so each BPMN id is derived from the
 * Handoff id with a type prefix (`Task_discovery`, `Flow_h4`), every other character replaced by
 * `_`, and a counter where two would collide. The original ids live in the extension elements.
 */
export interface BpmnIdAllocator {
  /** A fresh, unique, xsd:ID-safe id for an element of `prefix` type made from Handoff `id`. */
  next(prefix: string, id: string): string;
}

const UNSAFE = /[^A-Za-z0-9._-]/g;
/** Ids stay readable: Handoff ids reach 200 characters, BPMN tools show ids in panels. */
const MAX_STEM = 120;

export function createBpmnIdAllocator(): BpmnIdAllocator {
  const taken = new Set<string>();
  return {
    next(prefix, id) {
      const stem = `${prefix}_${id.replace(UNSAFE, "_").slice(0, MAX_STEM)}`;
      let candidate = stem;
      for (let n = 2; taken.has(candidate); n++) candidate = `${stem}_${n}`;
      taken.add(candidate);
      return candidate;
    },
  };
}

/** True when `id` is an XML NCName Handoff would write (ASCII subset). */
export function isSafeBpmnId(id: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9._-]*$/.test(id);
}
