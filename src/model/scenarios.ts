import { contentOf } from "./map-sections";
import { EditError } from "./operations";
import type { HandoffMap, MapContent, Scenario } from "./types";

/**
 * Scenarios: one map holding the as-is and the to-be (and more). The top level of the map is the
 * active scenario, so every reader that knows nothing of scenarios reads the one on screen; the
 * others keep their content in `scenarios` (docs/format.md, "Scenarios").
 *
 * A new scenario forks the active one with the same ids, so a compare between them matches each
 * lane, step, handoff and edge case with itself. Pure edits: (map, args) -> map.
 */

/** The name a map without scenarios shows for its one scenario. */
export const DEFAULT_SCENARIO_NAME = "As-is";
/** The id the one scenario of an old map gets when it is forked. */
export const DEFAULT_SCENARIO_ID = "as-is";

export interface ScenarioSummary {
  id: string;
  name: string;
  active: boolean;
}

/** Every scenario in switcher order; a map without any has one, "As-is". */
export function listScenarios(map: HandoffMap): ScenarioSummary[] {
  if (map.scenarios === undefined || map.scenarios.length === 0)
    return [{ id: DEFAULT_SCENARIO_ID, name: DEFAULT_SCENARIO_NAME, active: true }];
  return map.scenarios.map((s) => ({ id: s.id, name: s.name, active: s.id === map.activeScenario }));
}

/** The name of the scenario on top. */
export function activeScenarioName(map: HandoffMap): string {
  return listScenarios(map).find((s) => s.active)?.name ?? DEFAULT_SCENARIO_NAME;
}

/** A scenario's content (the top level for the active one); null when there is none by that id. */
export function scenarioContent(map: HandoffMap, id: string): MapContent | null {
  const summary = listScenarios(map).find((s) => s.id === id);
  if (summary === undefined) return null;
  if (summary.active) return contentOf(map);
  return map.scenarios?.find((s) => s.id === id)?.content ?? null;
}

/** A scenario by name, case and surrounding spaces ignored (the CLI's --scenario). */
export function findScenarioByName(map: HandoffMap, name: string): ScenarioSummary | null {
  const key = name.trim().toLowerCase();
  return listScenarios(map).find((s) => s.name.trim().toLowerCase() === key) ?? null;
}

function checkName(map: HandoffMap, name: string, except?: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw new EditError("A scenario needs a name.");
  if (
    listScenarios(map).some((s) => s.id !== except && s.name.trim().toLowerCase() === trimmed.toLowerCase())
  )
    throw new EditError(`There is already a scenario called “${trimmed}”.`);
  return trimmed;
}

/** The scenarios list with the active one's content taken out of the top level. */
function withActiveStored(map: HandoffMap): Scenario[] {
  return listScenarios(map).map((summary) => {
    if (summary.active) return { id: summary.id, name: summary.name, content: contentOf(map) };
    return map.scenarios?.find((s) => s.id === summary.id) ?? { id: summary.id, name: summary.name };
  });
}

/** Puts `id`'s content on top and stores the others; activeScenario = id. */
function activate(map: HandoffMap, stored: Scenario[], id: string): HandoffMap {
  const target = stored.find((s) => s.id === id);
  if (target?.content === undefined) throw new EditError("That scenario is no longer in this map.");
  const { lanes, phases, steps, handoffs, lastEdgeCaseNumber } = target.content;
  const { lastEdgeCaseNumber: _dropped, ...rest } = map;
  return {
    ...rest,
    lanes,
    phases,
    steps,
    handoffs,
    ...(lastEdgeCaseNumber === undefined ? {} : { lastEdgeCaseNumber }),
    activeScenario: id,
    scenarios: stored.map((s) => (s.id === id ? { id: s.id, name: s.name } : s)),
  };
}

/**
 * A new scenario, a copy of the active one with the same ids, put on top. An old map's one
 * scenario becomes "As-is" (id `as-is`) on the way.
 */
export function forkScenario(map: HandoffMap, args: { id: string; name: string }): HandoffMap {
  const name = checkName(map, args.name);
  const stored = withActiveStored(map);
  if (stored.some((s) => s.id === args.id)) throw new EditError(`A scenario with id “${args.id}” exists.`);
  return activate(map, [...stored, { id: args.id, name, content: contentOf(map) }], args.id);
}

/** Shows another scenario: the one on top is stored, `id` comes up. */
export function switchScenario(map: HandoffMap, id: string): HandoffMap {
  if (map.activeScenario === id || (map.scenarios === undefined && id === DEFAULT_SCENARIO_ID)) return map;
  return activate(map, withActiveStored(map), id);
}

export function renameScenario(map: HandoffMap, id: string, name: string): HandoffMap {
  const trimmed = checkName(map, name, id);
  if (map.scenarios === undefined) {
    if (id !== DEFAULT_SCENARIO_ID) throw new EditError("That scenario is no longer in this map.");
    return { ...map, activeScenario: id, scenarios: [{ id, name: trimmed }] };
  }
  if (!map.scenarios.some((s) => s.id === id)) throw new EditError("That scenario is no longer in this map.");
  return { ...map, scenarios: map.scenarios.map((s) => (s.id === id ? { ...s, name: trimmed } : s)) };
}

/** Deletes a scenario that is not on top; the last one cannot go. */
export function deleteScenario(map: HandoffMap, id: string): HandoffMap {
  if (map.scenarios === undefined || map.scenarios.length < 2)
    throw new EditError("A map keeps at least one scenario.");
  if (id === map.activeScenario) throw new EditError("Switch to another scenario before deleting this one.");
  if (!map.scenarios.some((s) => s.id === id)) return map;
  return { ...map, scenarios: map.scenarios.filter((s) => s.id !== id) };
}

/**
 * The map as exports show it: its title names the scenario ("RevOps lifecycle (To-be)") when the
 * map has more than one, so a picture on a slide says which state it shows. Not for JSON or
 * BPMN: a file that is read back keeps the map's own title.
 */
export function withScenarioTitle(map: HandoffMap): HandoffMap {
  if (map.scenarios === undefined || map.scenarios.length < 2) return map;
  return { ...map, title: `${map.title} (${activeScenarioName(map)})` };
}
