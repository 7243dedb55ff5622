import { createEditorStore, type EditorStore, type LayoutRunner } from "../../../src/store/editor-store";
import { MapSession } from "../../../src/store/persistence/map-session";
import type { MapStorage } from "../../../src/store/persistence/map-storage";
import { openInitialMap } from "../../../src/store/persistence/open-initial";
import type { TabChannel, TabMessage } from "../../../src/store/persistence/tab-channel";

/** No layout: the store keeps its map as it is (positions are not filled in). */
export const noLayout: LayoutRunner = async () => ({ ok: false, error: "no layout in unit tests" });

/** Tabs of one browser: every post reaches the other channels of the same hub, asynchronously. */
export class FakeTabHub {
  private readonly channels = new Set<Set<(message: TabMessage) => void>>();
  open(): TabChannel {
    const listeners = new Set<(message: TabMessage) => void>();
    this.channels.add(listeners);
    return {
      post: (message) => {
        for (const other of this.channels)
          if (other !== listeners) for (const listener of other) queueMicrotask(() => listener(message));
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close: () => this.channels.delete(listeners),
    };
  }
}

export interface Tab {
  editor: EditorStore;
  session: MapSession;
}

/** Opens the editor the way the app does: the initial map from storage, then a session on it. */
/** debounceMs: 20 by default here; null for the session's own default. */
export async function openTab(
  storage: MapStorage,
  hub: FakeTabHub,
  debounceMs: number | null = 20,
): Promise<Tab> {
  const initial = await openInitialMap(storage);
  const editor = createEditorStore({ map: initial.opened.map, runLayout: noLayout });
  const session = new MapSession({
    storage,
    editor,
    opened: initial.opened,
    channel: hub.open(),
    ...(debounceMs === null ? {} : { debounceMs }),
    retryMs: 50,
    ...(initial.notStored === undefined ? {} : { notStored: initial.notStored }),
  });
  return { editor, session };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
