import { createIdSource, type IdSource } from "../../model/ids";

/**
 * The store's id source: random ids from `crypto.getRandomValues` (in every browser and in
 * Node 20), unique across people and tabs without coordination. Tests pass
 * `createIdSource(seededRandomBytes(seed))` to the store instead, for the same ids on every run.
 */
export function cryptoIdSource(): IdSource {
  return createIdSource((bytes) => {
    globalThis.crypto.getRandomValues(bytes);
  });
}
