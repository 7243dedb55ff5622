import { checkIntegrity } from "./check-integrity";
import { numberEdgeCases } from "./edge-case-numbers";
import { describeValue, formatPath, type MapIssue } from "./map-issue";
import type { HandoffMap, MapContent } from "./types";

/**
 * The optional `scenarios` and `versions` sections of format v1, checked after the shape: what the
 * schema cannot say (docs/format.md, "Scenarios" and "Versions").
 *
 * - `activeScenario` and `scenarios` come together: the active id names one scenario, and that
 *   scenario has no `content` (its content is the top level); every other scenario has one.
 * - Scenario ids and names are unique (names case-insensitively: the CLI picks one by name).
 * - Each scenario's and version's content passes the same integrity check as the top level.
 */
export function checkSections(map: HandoffMap): MapIssue[] {
  const issues: MapIssue[] = [];
  const { scenarios, activeScenario } = map;
  if (scenarios === undefined) {
    if (activeScenario !== undefined)
      issues.push({
        path: "activeScenario",
        message: `names scenario ${describeValue(activeScenario)}, but the map has no "scenarios"`,
      });
  } else {
    if (activeScenario === undefined)
      issues.push({
        path: "activeScenario",
        message: 'required with "scenarios": the id of the scenario on top',
      });
    else if (!scenarios.some((scenario) => scenario.id === activeScenario))
      issues.push({
        path: "activeScenario",
        message: `no scenario with id ${describeValue(activeScenario)}`,
      });
    const ids = new Map<string, number>();
    const names = new Map<string, number>();
    scenarios.forEach((scenario, index) => {
      const at = (field: string) => `${formatPath(["scenarios", index], map)}.${field}`;
      const firstId = ids.get(scenario.id);
      if (firstId !== undefined)
        issues.push({
          path: at("id"),
          message: `duplicate id ${describeValue(scenario.id)} (also scenarios[${firstId}])`,
        });
      else ids.set(scenario.id, index);
      const key = scenario.name.trim().toLowerCase();
      const firstName = names.get(key);
      if (firstName !== undefined)
        issues.push({
          path: at("name"),
          message: `duplicate scenario name ${describeValue(scenario.name)} (also scenarios[${firstName}])`,
        });
      else names.set(key, index);
      if (scenario.id === activeScenario) {
        if (scenario.content !== undefined)
          issues.push({
            path: at("content"),
            message: "the active scenario has no content here: its content is the top level of the map",
          });
      } else if (scenario.content === undefined)
        issues.push({
          path: at("content"),
          message: "required: the scenario's lanes, phases, steps and handoffs",
        });
      else issues.push(...prefixed(checkIntegrity(scenario.content), at("content")));
    });
  }
  map.versions?.forEach((version, index) => {
    issues.push(
      ...prefixed(checkIntegrity(version.content), `${formatPath(["versions", index], map)}.content`),
    );
  });
  return issues;
}

function prefixed(issues: MapIssue[], prefix: string): MapIssue[] {
  return issues.map((issue) => ({ ...issue, path: issue.path === "" ? prefix : `${prefix}.${issue.path}` }));
}

/** A content as a map, for the model functions that take one (numbers, diff, layout). */
export function contentAsMap(content: MapContent, title: string, description = ""): HandoffMap {
  const { lastEdgeCaseNumber, ...rest } = content;
  return {
    format: "handoff-map",
    version: 1,
    title,
    description,
    ...rest,
    ...(lastEdgeCaseNumber === undefined ? {} : { lastEdgeCaseNumber }),
  };
}

/** A map's drawing, without its title, description or sections. */
export function contentOf(map: HandoffMap): MapContent {
  return {
    lanes: map.lanes,
    phases: map.phases,
    steps: map.steps,
    handoffs: map.handoffs,
    ...(map.lastEdgeCaseNumber === undefined ? {} : { lastEdgeCaseNumber: map.lastEdgeCaseNumber }),
  };
}

/** Every scenario's and version's edge cases numbered as the top level's are (edge-case-numbers.ts). */
export function numberSections(map: HandoffMap): { map: HandoffMap; warnings: MapIssue[] } {
  if (map.scenarios === undefined && map.versions === undefined) return { map, warnings: [] };
  const warnings: MapIssue[] = [];
  const number = (content: MapContent, prefix: string): MapContent => {
    const asMap = contentAsMap(content, "");
    const numbered = numberEdgeCases(asMap);
    warnings.push(...prefixed(numbered.warnings, prefix));
    return numbered.map === asMap ? content : contentOf(numbered.map);
  };
  const scenarios = map.scenarios?.map((scenario, index) =>
    scenario.content === undefined
      ? scenario
      : {
          ...scenario,
          content: number(scenario.content, `${formatPath(["scenarios", index], map)}.content`),
        },
  );
  const versions = map.versions?.map((version, index) => ({
    ...version,
    content: number(version.content, `${formatPath(["versions", index], map)}.content`),
  }));
  return {
    map: {
      ...map,
      ...(scenarios === undefined ? {} : { scenarios }),
      ...(versions === undefined ? {} : { versions }),
    },
    warnings,
  };
}
