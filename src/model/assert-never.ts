/**
 * The default branch of an exhaustive switch over a tagged union: the compiler fails when a new
 * variant is not handled, and a value from outside the types (an old file) fails loudly here.
 */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`);
}
