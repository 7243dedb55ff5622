import { createContext, type ReactNode, useContext } from "react";
import { useStore } from "zustand";
import type { EditorState, EditorStore } from "../store/editor-store";

/** One store per editor, made by a factory and handed down by context (never a module singleton). */
const EditorStoreContext = createContext<EditorStore | null>(null);

export function EditorStoreProvider({ store, children }: { store: EditorStore; children: ReactNode }) {
  return <EditorStoreContext.Provider value={store}>{children}</EditorStoreContext.Provider>;
}

/** The store itself, for actions and imperative reads (`store.getState().dispatch(command)`). */
export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (store === null) throw new Error("useEditorStoreApi must be used inside <EditorStoreProvider>");
  return store;
}

/**
 * Subscribes to a slice of the editor state. Selectors must return stable values: define them
 * outside components, and wrap object-returning ones with useShallow.
 */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStoreApi(), selector);
}
