import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryKeyValueStore } from "../../../src/store/persistence/pending-edits";
import {
  browserTabLiveness,
  HEARTBEAT_FRESH_MS,
  HEARTBEAT_MS,
  heartbeatLiveness,
} from "../../../src/store/persistence/tab-liveness";

/**
 * Without Web Locks a tab's liveness is its heartbeat in localStorage: a tab still open and typing
 * must never count as closed, or a new tab replays its record under it.
 */

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("tab liveness without Web Locks", () => {
  it("given navigator.locks missing and a tab open for a while, then another tab sees it as open", async () => {
    vi.useFakeTimers();
    vi.stubGlobal("navigator", {});
    const local = new MemoryKeyValueStore();
    browserTabLiveness(local).hold("tab-open");
    await vi.advanceTimersByTimeAsync(HEARTBEAT_FRESH_MS * 3);
    const other = browserTabLiveness(local);
    expect(await other.isAlive("tab-open")).toBe(true);
    expect(await other.isAlive("tab-never-seen")).toBe(false);
  });

  it("given a tab's page went away (pagehide), then it is closed at once", async () => {
    const local = new MemoryKeyValueStore();
    const ticks: (() => void)[] = [];
    const tab = heartbeatLiveness(local, { every: (tick) => ticks.push(tick) });
    tab.hold("tab-reloaded");
    tab.release();
    for (const tick of ticks) tick();
    expect(await heartbeatLiveness(local).isAlive("tab-reloaded")).toBe(false);
  });

  it("given a tab that crashed, then it counts as open only until its heartbeat goes stale, and is swept", async () => {
    const local = new MemoryKeyValueStore();
    let now = 1_000_000;
    const clock = { now: () => now, every: () => undefined };
    heartbeatLiveness(local, clock).hold("tab-crashed");
    now += HEARTBEAT_MS;
    expect(await heartbeatLiveness(local, clock).isAlive("tab-crashed")).toBe(true);
    now += HEARTBEAT_FRESH_MS;
    const next = heartbeatLiveness(local, clock);
    expect(await next.isAlive("tab-crashed")).toBe(false);
    next.hold("tab-next");
    expect([...local.items.keys()]).toEqual(["handoff:alive:tab-next"]);
  });
});
