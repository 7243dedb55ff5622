import { useDeferredValue, useEffect, useState } from "react";
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
 * One lint per document version, shared by the toolbar count and the Health panel. Maps are
 * immutable, so the map object is the cache key. The toolbar keeps only the counts: a 1,000-step
 * map has thousands of findings, each with its message and path (about 3 MB of strings), and
 * they are read only while the Health panel is open, so only then are they kept (`listed`).
 */
const counted = new WeakMap<HandoffMap, { today: string; counts: FindingCounts }>();
let listed: { map: HandoffMap; today: string; health: Health } | null = null;
/** Open Health panels; `listed` is dropped when the last one closes. */
let readers = 0;

function lint(map: HandoffMap, today: string): Health {
  if (listed !== null && listed.map === map && listed.today === today) return listed.health;
  const findings = lintMap(map, { today });
  const health = { findings, counts: countFindings(findings) };
  counted.set(map, { today, counts: health.counts });
  if (readers > 0) listed = { map, today, health };
  return health;
}

/** The counts for the toolbar: from the panel's findings when it has them, else one lint. */
export function healthCounts(map: HandoffMap, today: string): FindingCounts {
  const hit = counted.get(map);
  if (hit !== undefined && hit.today === today) return hit.counts;
  return lint(map, today).counts;
}

/** Findings and counts; kept for the next call while a reader (the open panel) holds them. */
export function healthOf(map: HandoffMap, today: string): Health {
  return lint(map, today);
}

const selectMap = (state: EditorState) => state.map;

/**
 * The map is deferred, so typing in a field renders first and the lint (a few milliseconds on a
 * 1,000-step map: bench/lint.bench.ts) follows in the background.
 */
function useLintInput(): { map: HandoffMap; today: string } {
  const map = useDeferredValue(useEditor(selectMap));
  const [today] = useState(() => localToday(new Date()));
  return { map, today };
}

/** The map's finding counts by severity (the toolbar's "Health: 1 error, 2 warnings"). */
export function useHealthCounts(): FindingCounts {
  const { map, today } = useLintInput();
  return healthCounts(map, today);
}

/** The map's findings, for the Health panel: kept while a component using this is mounted. */
export function useHealth(): Health {
  const { map, today } = useLintInput();
  const health = healthOf(map, today);
  useEffect(() => {
    readers += 1;
    return () => {
      readers -= 1;
      if (readers === 0) listed = null;
    };
  }, []);
  useEffect(() => {
    listed = { map, today, health };
  }, [map, today, health]);
  return health;
}
