import { useDeferredValue, useState } from "react";
import type { Finding } from "../../model/lint/finding";
import { countFindings, type FindingCounts, lintMap, localToday } from "../../model/lint/lint-map";
import type { HandoffMap } from "../../model/types";
import type { EditorState } from "../../store/editor-store";
import { useEditor } from "../store-context";

export interface Health {
  findings: Finding[];
  counts: FindingCounts;
}

/**
 * One lint per document version, shared by the toolbar count and the Health panel: maps are
 * immutable, so the map object is the cache key (and is dropped with it).
 */
const cache = new WeakMap<HandoffMap, { today: string; health: Health }>();

export function healthOf(map: HandoffMap, today: string): Health {
  const hit = cache.get(map);
  if (hit !== undefined && hit.today === today) return hit.health;
  const findings = lintMap(map, { today });
  const health = { findings, counts: countFindings(findings) };
  cache.set(map, { today, health });
  return health;
}

/**
 * The counts alone, per document version: what the toolbar shows. The findings behind them (on a
 * generated 1,000-step map about 4,000, with their messages and paths: over a megabyte) are kept
 * only while the Health panel is open to list them.
 */
const countCache = new WeakMap<HandoffMap, { today: string; counts: FindingCounts }>();

export function healthCountsOf(map: HandoffMap, today: string): FindingCounts {
  const full = cache.get(map);
  if (full !== undefined && full.today === today) return full.health.counts;
  const hit = countCache.get(map);
  if (hit !== undefined && hit.today === today) return hit.counts;
  const counts = countFindings(lintMap(map, { today }));
  countCache.set(map, { today, counts });
  return counts;
}

const selectMap = (state: EditorState) => state.map;

/**
 * The map's health findings. The map is deferred, so typing in a field renders first and the
 * lint (a few milliseconds on a 1,000-step map: bench/lint.bench.ts) follows in the background.
 */
export function useHealth(): Health {
  const map = useDeferredValue(useEditor(selectMap));
  const [today] = useState(() => localToday(new Date()));
  return healthOf(map, today);
}

/** The map's finding counts (the toolbar's), without keeping the findings; deferred as useHealth. */
export function useHealthCounts(): FindingCounts {
  const map = useDeferredValue(useEditor(selectMap));
  const [today] = useState(() => localToday(new Date()));
  return healthCountsOf(map, today);
}
