import { createContext, type ReactNode, useContext } from "react";
import { useStore } from "zustand";
import type { MapSession, SessionState } from "../../store/persistence/map-session";

/** The persistence session of this editor (save status, library), handed down like the store. */
const MapSessionContext = createContext<MapSession | null>(null);

export function MapSessionProvider({ session, children }: { session: MapSession; children: ReactNode }) {
  return <MapSessionContext.Provider value={session}>{children}</MapSessionContext.Provider>;
}

export function useMapSession(): MapSession {
  const session = useContext(MapSessionContext);
  if (session === null) throw new Error("useMapSession must be used inside <MapSessionProvider>");
  return session;
}

/** Subscribes to a slice of the session state; selectors must return stable values. */
export function useSessionState<T>(selector: (state: SessionState) => T): T {
  return useStore(useMapSession().state, selector);
}
