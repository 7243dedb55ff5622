/**
 * What the editor and `handoff serve` agree on, besides the standard y-websocket protocol
 * (Yjs sync and awareness): where rooms live, how the editor finds a server, and the close
 * codes the server uses to say why it ended a connection (docs/live.md, "Limits").
 *
 * @example
 * new WebsocketProvider(`ws://${location.host}${LIVE_PATH}`, roomId, doc, { params: { key } });
 */

/** Websocket endpoint prefix: a room is `ws(s)://HOST:PORT/live/<roomId>?key=<key>`. */
export const LIVE_PATH = "/live";

/** Answers `{ "version": 1, "keyRequired": boolean }` on a live server; absent on plain `npm start`. */
export const LIVE_INFO_PATH = "/handoff-live.json";

export interface LiveServerInfo {
  version: 1;
  keyRequired: boolean;
}

/** Websocket close codes (4000-4999 are the application's own). */
export const CLOSE_CODES = {
  /** A frame that is not a y-websocket message: truncated, malformed. */
  badMessage: 4400,
  /** The server has a key and the connection did not bring it (or brought a wrong one). */
  keyRequired: 4401,
  /** The room id is not 22 to 64 characters of base64url: too easy to guess. */
  badRoomId: 4404,
  /** An update that would leave the room's document not a valid map; the room kept its state. */
  invalidMap: 4422,
  /** The server is stopping (Ctrl-C, SIGTERM). */
  shuttingDown: 1001,
  /** A message larger than the server's limit (set by the ws library). */
  messageTooBig: 1009,
} as const;
