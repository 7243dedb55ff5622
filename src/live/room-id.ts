/**
 * Live room ids are the room's only secret when the server has no key: anyone who knows one can
 * join. So they are random and long enough not to be guessed: 128 bits, written as 22 characters
 * of base64url. The server accepts 22 to 64 characters of base64url (32 hex digits fit too) and
 * refuses anything shorter.
 */

export const ROOM_ID_MIN_LENGTH = 22;
export const ROOM_ID_MAX_LENGTH = 64;

const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

/** A fresh room id: 16 random bytes from the platform's CSPRNG, base64url without padding. */
export function newRoomId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** True for an id the server accepts: 22 to 64 characters of A-Z, a-z, 0-9, "-" and "_". */
export function isRoomId(id: string): boolean {
  return id.length >= ROOM_ID_MIN_LENGTH && id.length <= ROOM_ID_MAX_LENGTH && ROOM_ID_PATTERN.test(id);
}
