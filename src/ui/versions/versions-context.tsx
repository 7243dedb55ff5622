import { createContext, type ReactNode, useContext, useState } from "react";
import { useStore } from "zustand";
import { createVersionsUiStore, type VersionsUiState, type VersionsUiStore } from "./versions-ui";

const VersionsUiContext = createContext<VersionsUiStore | null>(null);

/** Makes the versions session store once per editor and provides it. */
export function VersionsProvider({ children, store }: { children: ReactNode; store?: VersionsUiStore }) {
  const [own] = useState(() => store ?? createVersionsUiStore());
  return <VersionsUiContext.Provider value={own}>{children}</VersionsUiContext.Provider>;
}

export function useVersionsUiApi(): VersionsUiStore {
  const store = useContext(VersionsUiContext);
  if (store === null) throw new Error("useVersionsUiApi must be used inside <VersionsProvider>");
  return store;
}

export function useVersionsUi<T>(selector: (state: VersionsUiState) => T): T {
  return useStore(useVersionsUiApi(), selector);
}
