import { createContext, type ReactNode, useContext, useState } from "react";
import { useStore } from "zustand";
import { createWorkshopStore, type WorkshopState, type WorkshopStore } from "../../store/workshop-store";
import { useEditorStoreApi } from "../store-context";

/** One workshop store per editor, made beside it and handed down by context. */
const WorkshopStoreContext = createContext<WorkshopStore | null>(null);

export function WorkshopStoreProvider({ store, children }: { store: WorkshopStore; children: ReactNode }) {
  return <WorkshopStoreContext.Provider value={store}>{children}</WorkshopStoreContext.Provider>;
}

export function useWorkshopStoreApi(): WorkshopStore {
  const store = useContext(WorkshopStoreContext);
  if (store === null) throw new Error("useWorkshopStoreApi must be used inside <WorkshopStoreProvider>");
  return store;
}

/** Subscribes to a slice of the workshop state; selectors must return stable values. */
export function useWorkshop<T>(selector: (state: WorkshopState) => T): T {
  return useStore(useWorkshopStoreApi(), selector);
}

/**
 * Makes the workshop store for the editor store above it (once per editor) and provides it.
 * The composition root wraps the editor in this; tests may pass their own store instead.
 */
export function WorkshopProvider({ children }: { children: ReactNode }) {
  const editor = useEditorStoreApi();
  const [store] = useState(() => createWorkshopStore({ editor }));
  return <WorkshopStoreProvider store={store}>{children}</WorkshopStoreProvider>;
}
