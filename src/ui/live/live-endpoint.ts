import type { LiveEndpoint } from "../../store/live/live-control";

/**
 * Where this editor's live rooms are: `handoff serve` serves the editor and the rooms on one
 * port, and says so at /handoff-live.json. Plain `npm start` has no such file: no live rooms.
 *
 * For development against the stock y-websocket relay, localStorage "handoff-live-server" may
 * name another endpoint (ws://127.0.0.1:1234). It is read from this browser only, never from a
 * link, so a link cannot send someone's map to a server of its choosing.
 */

export interface LiveServerInfo {
  keyRequired: boolean;
}

/** The server's live info, or null when there is no live server here. */
export async function discoverLiveServer(): Promise<LiveServerInfo | null> {
  try {
    const response = await fetch("/handoff-live.json", { cache: "no-store" });
    if (!response.ok) return null;
    if (!(response.headers.get("content-type") ?? "").includes("json")) return null;
    const body: unknown = await response.json();
    if (typeof body !== "object" || body === null) return null;
    const { version, keyRequired } = body as Record<string, unknown>;
    if (version !== 1) return null;
    return { keyRequired: keyRequired === true };
  } catch {
    return null;
  }
}

const KEY_STORAGE = "handoff-live-key";

/** The room key from the page's address (?key=), else the one this tab was given before. */
export function currentKey(): string | null {
  const fromUrl = new URLSearchParams(location.search).get("key");
  if (fromUrl !== null && fromUrl !== "") {
    try {
      sessionStorage.setItem(KEY_STORAGE, fromUrl);
    } catch {
      // Private mode: the key is still in the address.
    }
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}

export function liveEndpoint(key: string | null): LiveEndpoint {
  let override: string | null = null;
  try {
    override = localStorage.getItem("handoff-live-server");
  } catch {
    override = null;
  }
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return { serverUrl: override ?? `${scheme}//${location.host}/live`, key };
}

/** The room id in the page's address (?room=), or null. */
export function roomInAddress(): string | null {
  const room = new URLSearchParams(location.search).get("room");
  return room !== null && /^[A-Za-z0-9_-]{22,64}$/.test(room) ? room : null;
}

/** The link that joins a room: the editor's address with ?room= (and &key= when one is set). */
export function roomLink(roomId: string, key: string | null): string {
  const params = new URLSearchParams({ room: roomId });
  if (key !== null) params.set("key", key);
  return `${location.origin}${location.pathname}?${params.toString()}`;
}
