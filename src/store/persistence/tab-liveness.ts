import type { KeyValueStore } from "./pending-edits";

/**
 * Whether the tab that left a pending-edit record is still open. An open tab saves its own edits;
 * only records of tabs that are gone may be replayed by another.
 *
 * In the browser each tab holds a Web Lock named after its id for as long as it lives; the
 * browser releases it when the page goes away, however it goes (reload, close, crash). Where
 * there are no Web Locks, each tab keeps a heartbeat in localStorage instead (see
 * heartbeatLiveness): taking every tab as closed would let a new tab replay the record of a tab
 * still open and typing, which then finds its map "changed in another tab".
 */
export interface TabLiveness {
  /** Called once by the tab itself at start. */
  hold(tabId: string): void;
  isAlive(tabId: string): Promise<boolean>;
}

const lockName = (tabId: string) => `handoff-tab:${tabId}`;

/**
 * How long to wait for a tab's lock before taking the tab as open. A reloaded page's lock is
 * released as the old page is torn down, which can finish just after the new page starts.
 */
const RELEASE_WAIT_MS = 1_000;

export function browserTabLiveness(store: KeyValueStore | null): TabLiveness {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  if (locks === undefined) {
    const liveness = heartbeatLiveness(store);
    if (typeof window !== "undefined") {
      // A page going away says so at once, so that a reload replays its record straight away;
      // a page restored from the back-forward cache is alive again.
      window.addEventListener("pagehide", () => liveness.release());
      window.addEventListener("pageshow", () => liveness.beat());
    }
    return liveness;
  }
  return {
    hold(tabId) {
      void locks.request(lockName(tabId), () => new Promise<never>(() => undefined)).catch(() => undefined);
    },
    async isAlive(tabId) {
      try {
        const free = await locks.request(lockName(tabId), { ifAvailable: true }, (lock) => lock !== null);
        if (free) return false;
        const signal = AbortSignal.timeout(RELEASE_WAIT_MS);
        await locks.request(lockName(tabId), { signal }, () => undefined);
        return false;
      } catch {
        return true;
      }
    },
  };
}

const HEARTBEAT = "handoff:alive:";
/** A holding tab writes its heartbeat this often... */
export const HEARTBEAT_MS = 2_000;
/** ...and counts as open while its last one is younger than this (timers in background tabs lag). */
export const HEARTBEAT_FRESH_MS = 6_000;

export interface HeartbeatLiveness extends TabLiveness {
  /** Writes the holding tab's heartbeat now (and again every HEARTBEAT_MS, after a release too). */
  beat(): void;
  /** The holding tab is going away: its records may be replayed at once. */
  release(): void;
}

/**
 * Liveness without Web Locks: the holding tab writes `handoff:alive:<tab id>` = the time, every
 * HEARTBEAT_MS, and removes it on pagehide. A tab whose heartbeat is missing or older than
 * HEARTBEAT_FRESH_MS is gone. A crashed tab (no pagehide) counts as open for up to that long, so
 * a start within those seconds leaves its record for the next start: kept, never lost.
 */
export function heartbeatLiveness(
  store: KeyValueStore | null,
  clock: {
    now?: () => number;
    every?: (tick: () => void, ms: number) => void;
  } = {},
): HeartbeatLiveness {
  const now = clock.now ?? Date.now;
  const every =
    clock.every ??
    ((tick: () => void, ms: number) => {
      setInterval(tick, ms);
    });
  let held: string | null = null;
  /** After pagehide: the interval must not bring the heartbeat back while the page unloads. */
  let released = false;
  const read = (key: string): number | null => {
    try {
      const value = Number(store?.getItem(key));
      return Number.isFinite(value) && value > 0 ? value : null;
    } catch {
      return null;
    }
  };
  const fresh = (at: number | null) => at !== null && Math.abs(now() - at) < HEARTBEAT_FRESH_MS;
  const remove = (key: string) => {
    try {
      store?.removeItem(key);
    } catch {
      // A leftover heartbeat goes stale on its own.
    }
  };
  const liveness: HeartbeatLiveness = {
    hold(tabId) {
      held = tabId;
      liveness.beat();
      every(() => {
        if (!released) liveness.beat();
      }, HEARTBEAT_MS);
      // Heartbeats of tabs that crashed are left behind: sweep the stale ones.
      const keys: string[] = [];
      try {
        for (let i = 0; store !== null && i < store.length; i++) {
          const key = store.key(i);
          if (key?.startsWith(HEARTBEAT)) keys.push(key);
        }
      } catch {
        return;
      }
      for (const key of keys) if (!fresh(read(key))) remove(key);
    },
    beat() {
      if (held === null) return;
      released = false;
      try {
        store?.setItem(HEARTBEAT + held, String(now()));
      } catch {
        // Storage full or refused: other tabs take this one as closed and may replay its
        // record, which is still checked against the stored version first.
      }
    },
    release() {
      released = true;
      if (held !== null) remove(HEARTBEAT + held);
    },
    async isAlive(tabId) {
      return fresh(read(HEARTBEAT + tabId));
    },
  };
  return liveness;
}
