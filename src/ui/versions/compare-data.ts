import { type CompareMap, compareMap } from "../../model/diff/compare-map";
import { diffMaps, type MapDiff } from "../../model/diff/diff-maps";
import { summarizeDiff } from "../../model/diff/diff-summary";
import { contentAsMap } from "../../model/map-sections";
import { activeScenarioName, listScenarios, scenarioContent } from "../../model/scenarios";
import type { HandoffMap } from "../../model/types";
import type { CompareTarget } from "./versions-ui";

/** Everything the compare view and panel show for the map on screen and a target. */
export interface CompareData {
  before: HandoffMap;
  after: HandoffMap;
  beforeName: string;
  afterName: string;
  /** "As-is → To-be" */
  heading: string;
  diff: MapDiff;
  summary: string;
  compare: CompareMap;
}

/** The older side: a saved version, or another scenario of the map. */
export function targetMap(map: HandoffMap, target: CompareTarget): { map: HandoffMap; name: string } | null {
  if (target.kind === "version") {
    const version = map.versions?.find((v) => v.id === target.id);
    return version === undefined
      ? null
      : { map: contentAsMap(version.content, version.title), name: `Version “${version.name}”` };
  }
  const content = scenarioContent(map, target.id);
  const name = listScenarios(map).find((s) => s.id === target.id)?.name;
  return content === null || name === undefined
    ? null
    : { map: contentAsMap(content, map.title, map.description), name };
}

function titled(compare: CompareMap, title: string): CompareMap {
  return { ...compare, map: { ...compare.map, title } };
}

let cache: { map: HandoffMap; key: string; data: CompareData | null } | null = null;

/** The compare of `map` (newer) with the target (older); one entry cached per map and target. */
export function compareData(map: HandoffMap, target: CompareTarget, layout: boolean): CompareData | null {
  const key = `${target.kind}\u0000${target.id}\u0000${layout}`;
  if (cache !== null && cache.map === map && cache.key === key) return cache.data;
  const older = targetMap(map, target);
  let data: CompareData | null = null;
  if (older !== null) {
    const after = map;
    const diff = diffMaps(older.map, after, { layout });
    const afterName = activeScenarioName(map);
    data = {
      before: older.map,
      after,
      beforeName: older.name,
      afterName,
      heading: `${older.name} → ${afterName}`,
      diff,
      summary: summarizeDiff(diff),
      compare: titled(compareMap(older.map, after, diff), `${map.title} — ${older.name} → ${afterName}`),
    };
  }
  cache = { map, key, data };
  return data;
}
