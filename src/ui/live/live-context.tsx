import { createContext, type ReactNode, useContext, useSyncExternalStore } from "react";
import type { LiveControl, LiveControlState } from "../../store/live/live-control";
import type { LiveSession, LiveState } from "../../store/live/live-session";

const LiveControlContext = createContext<LiveControl | null>(null);

export function LiveControlProvider({ control, children }: { control: LiveControl; children: ReactNode }) {
  return <LiveControlContext.Provider value={control}>{children}</LiveControlContext.Provider>;
}

/** The editor's live control, or null where there is none (tests of other parts, the CLI's views). */
export function useLiveControl(): LiveControl | null {
  return useContext(LiveControlContext);
}

const noSubscribe = () => () => undefined;

export function useLiveControlState<T>(selector: (state: LiveControlState) => T, fallback: T): T {
  const control = useLiveControl();
  return useSyncExternalStore(control === null ? noSubscribe : control.state.subscribe, () =>
    control === null ? fallback : selector(control.state.getState()),
  );
}

/** The live session this editor is in, or null. */
export function useLiveSession(): LiveSession | null {
  return useLiveControlState((s) => s.session, null);
}

/** A value of the current live session's state; `fallback` when not live. */
export function useLiveState<T>(
  session: LiveSession | null,
  selector: (state: LiveState) => T,
  fallback: T,
): T {
  return useSyncExternalStore(session === null ? noSubscribe : session.state.subscribe, () =>
    session === null ? fallback : selector(session.state.getState()),
  );
}
