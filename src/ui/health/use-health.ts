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
