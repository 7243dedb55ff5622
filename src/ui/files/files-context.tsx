import { createContext, type ReactNode, useContext } from "react";
import { useStore } from "zustand";
import type { FilesUiState, FilesUiStore } from "./files-ui";

const FilesUiContext = createContext<FilesUiStore | null>(null);

export function FilesUiProvider({ store, children }: { store: FilesUiStore; children: ReactNode }) {
  return <FilesUiContext.Provider value={store}>{children}</FilesUiContext.Provider>;
}

export function useFilesUi<T>(selector: (state: FilesUiState) => T): T {
  const store = useContext(FilesUiContext);
  if (store === null) throw new Error("useFilesUi must be used inside <FilesUiProvider>");
  return useStore(store, selector);
}
