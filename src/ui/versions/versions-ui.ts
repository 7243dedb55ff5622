import { createStore, type StoreApi } from "zustand/vanilla";

/**
 * The versions and compare session of one editor: which panel is open, what the canvas compares
 * with or shows read-only, the change picked in the compare panel. Session state: never saved,
 * never in history.
 */
export type CompareTarget = { kind: "version" | "scenario"; id: string };

export interface VersionsUiState {
  panelOpen: boolean;
  /** The canvas compares the map on screen with this; null: no compare. */
  compare: CompareTarget | null;
  /** A saved version shown read-only; null: none. */
  viewing: string | null;
  /** Show layout-only changes (positions, order) in the compare. */
  showLayout: boolean;
  /** The change picked in the compare panel (`kind:id`), outlined on the compare view. */
  focus: { key: string; nonce: number } | null;
  togglePanel(open?: boolean): void;
  startCompare(target: CompareTarget): void;
  view(versionId: string | null): void;
  close(): void;
  setShowLayout(on: boolean): void;
  focusChange(key: string): void;
}

export type VersionsUiStore = StoreApi<VersionsUiState>;

export function createVersionsUiStore(): VersionsUiStore {
  let nonce = 0;
  return createStore<VersionsUiState>()((set, get) => ({
    panelOpen: false,
    compare: null,
    viewing: null,
    showLayout: false,
    focus: null,
    togglePanel(open) {
      set({ panelOpen: open ?? !get().panelOpen });
    },
    startCompare(target) {
      set({ compare: target, viewing: null, focus: null, panelOpen: true });
    },
    view(versionId) {
      set({ viewing: versionId, compare: null, focus: null });
    },
    close() {
      set({ compare: null, viewing: null, focus: null });
    },
    setShowLayout(on) {
      set({ showLayout: on });
    },
    focusChange(key) {
      nonce += 1;
      set({ focus: { key, nonce } });
    },
  }));
}
