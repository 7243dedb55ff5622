/**
 * Whether the tab that left a pending-edit record is still open. An open tab saves its own edits;
 * only records of tabs that are gone may be replayed by another.
 *
 * In the browser each tab holds a Web Lock named after its id for as long as it lives; the
 * browser releases it when the page goes away, however it goes (reload, close, crash).
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

export function browserTabLiveness(): TabLiveness {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  if (locks === undefined)
    // No Web Locks: every record counts as left by a closed tab. Replays are still checked
    // against the stored revision, so an open tab's record can at worst be offered back.
    return { hold: () => undefined, isAlive: async () => false };
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
