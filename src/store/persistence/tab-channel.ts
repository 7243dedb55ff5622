import { isRecord } from "../../model/map-issue";

/**
 * What tabs tell each other about stored maps. Revisions are storage revisions (MapEntry.revision),
 * so a tab can tell whether the version it holds is behind.
 */
export type TabMessage =
  | { type: "saved"; mapId: string; revision: number; tabId: string }
  | { type: "deleted"; mapId: string; tabId: string }
  | { type: "library"; tabId: string };

export interface TabChannel {
  post(message: TabMessage): void;
  subscribe(listener: (message: TabMessage) => void): () => void;
  close(): void;
}

export const CHANNEL_NAME = "handoff-maps";

/** Messages arrive from other tabs, possibly other versions of Handoff: unknown until read. */
export function readTabMessage(data: unknown): TabMessage | null {
  if (!isRecord(data) || typeof data.tabId !== "string") return null;
  const { type, mapId, revision, tabId } = data;
  if (type === "saved" && typeof mapId === "string" && typeof revision === "number")
    return { type, mapId, revision, tabId };
  if (type === "deleted" && typeof mapId === "string") return { type, mapId, tabId };
  if (type === "library") return { type, tabId };
  return null;
}

/** A BroadcastChannel between this site's tabs; a silent channel where there is none. */
export function openTabChannel(name = CHANNEL_NAME): TabChannel {
  if (typeof BroadcastChannel === "undefined")
    return { post: () => undefined, subscribe: () => () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(name);
  const listeners = new Set<(message: TabMessage) => void>();
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const message = readTabMessage(event.data);
    if (message !== null) for (const listener of listeners) listener(message);
  };
  return {
    post: (message) => channel.postMessage(message),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => channel.close(),
  };
}
