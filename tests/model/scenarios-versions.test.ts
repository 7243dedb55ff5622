import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/export/render-json";
import { diffMaps } from "../../src/model/diff/diff-maps";
import { formatIssue } from "../../src/model/map-issue";
import { contentAsMap } from "../../src/model/map-sections";
import * as ops from "../../src/model/operations";
import { parseMapText } from "../../src/model/parse-map";
import {
  activeScenarioName,
  deleteScenario,
  forkScenario,
  listScenarios,
  renameScenario,
  scenarioContent,
  switchScenario,
  withScenarioTitle,
} from "../../src/model/scenarios";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { deleteVersion, keepVersions, restoreVersion, saveVersion } from "../../src/model/versions";

function roundTrip(map: HandoffMap): HandoffMap {
  const parsed = parseMapText(renderJson(map));
  if (!parsed.ok) throw new Error(parsed.errors.map(formatIssue).join("\n"));
  expect(parsed.warnings).toEqual([]);
  return parsed.map;
}

const AT = "2026-12-06T11:00:00.000Z";

describe("scenarios", () => {
  it("given an old map, it is one scenario called As-is", () => {
    const map = createRevOpsTemplate();
    expect(listScenarios(map)).toEqual([{ id: "as-is", name: "As-is", active: true }]);
    expect(activeScenarioName(map)).toBe("As-is");
  });

  it("forks the active scenario keeping ids, puts the fork on top, and switches back and forth", () => {
    const asIs = createRevOpsTemplate();
    const toBe = forkScenario(asIs, { id: "sc-2", name: "To-be" });
    expect(listScenarios(toBe).map((s) => [s.name, s.active])).toEqual([
      ["As-is", false],
      ["To-be", true],
    ]);
    expect(diffMaps(asIs, toBe).changes).toEqual([]);
    const edited = ops.updateStep(toBe, toBe.steps[0]?.id ?? "", { label: "Capture and score" });
    const back = switchScenario(edited, "as-is");
    expect(back.steps[0]?.label).toBe(asIs.steps[0]?.label);
    expect(activeScenarioName(back)).toBe("As-is");
    const toBeContent = scenarioContent(back, "sc-2");
    expect(toBeContent?.steps[0]?.label).toBe("Capture and score");
    expect(switchScenario(back, "sc-2").steps).toBe(edited.steps);
  });

  it("keeps scenario names unique and the active one undeletable", () => {
    const map = forkScenario(createRevOpsTemplate(), { id: "sc-2", name: "To-be" });
    expect(() => forkScenario(map, { id: "sc-3", name: " to-be " })).toThrow("already a scenario");
    expect(() => deleteScenario(map, "sc-2")).toThrow("Switch to another scenario");
    expect(listScenarios(deleteScenario(map, "as-is"))).toEqual([
      { id: "sc-2", name: "To-be", active: true },
    ]);
    expect(activeScenarioName(renameScenario(map, "sc-2", "To-be, phase 2"))).toBe("To-be, phase 2");
  });

  it("writes scenarios alongside the top level and reads them back equal", () => {
    const map = forkScenario(createRevOpsTemplate(), { id: "sc-2", name: "To-be" });
    const edited = ops.removeStep(map, map.steps[1]?.id ?? "");
    const json = JSON.parse(renderJson(edited));
    expect(json.activeScenario).toBe("sc-2");
    expect(
      json.scenarios.map((s: { name: string; content?: unknown }) => [s.name, s.content !== undefined]),
    ).toEqual([
      ["As-is", true],
      ["To-be", false],
    ]);
    expect(roundTrip(edited)).toEqual(edited);
  });

  it("refuses a file whose scenarios do not add up, naming the field", () => {
    const map = forkScenario(createRevOpsTemplate(), { id: "sc-2", name: "To-be" });
    const json = JSON.parse(renderJson(map));
    const broken = { ...json, activeScenario: "nope" };
    const result = parseMapText(JSON.stringify(broken));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map(formatIssue)).toContain('activeScenario: no scenario with id "nope"');
    json.scenarios[0].content.steps[0].lane = "gone";
    const bad = parseMapText(JSON.stringify(json));
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors.map(formatIssue)[0]).toMatch(
        /^scenarios\[0\] \(as-is\)\.content\.steps\[0\] .*\.lane: no lane with id "gone"$/,
      );
  });
});

describe("versions", () => {
  it("saves a named snapshot of the scenario on top, and it travels in the file", () => {
    const map = saveVersion(createRevOpsTemplate(), {
      id: "v1",
      name: " Before workshop ",
      note: "as found",
      savedAt: AT,
    });
    expect(map.versions).toHaveLength(1);
    expect(map.versions?.[0]).toMatchObject({
      name: "Before workshop",
      note: "as found",
      trigger: "manual",
      scenario: "As-is",
    });
    expect(roundTrip(map)).toEqual(map);
  });

  it("restoring saves what is on screen first and never rewrites a version", () => {
    const base = saveVersion(createRevOpsTemplate(), { id: "v1", name: "Start", savedAt: AT });
    const edited = ops.removeStep(base, base.steps[0]?.id ?? "");
    const restored = restoreVersion(edited, "v1", { id: "v2", savedAt: AT });
    expect(restored.steps).toEqual(base.steps);
    expect(restored.versions?.map((v) => [v.id, v.name, v.trigger])).toEqual([
      ["v1", "Start", "manual"],
      ["v2", "Before restoring “Start”", "before-restore"],
    ]);
    expect(restored.versions?.[0]).toBe(base.versions?.[0]);
    expect(contentAsMap(restored.versions?.[1]?.content ?? base, "").steps).toEqual(edited.steps);
  });

  it("deletes a version, and undo (keepVersions) never brings back or takes away a version", () => {
    const before = createRevOpsTemplate();
    const saved = saveVersion(before, { id: "v1", name: "Start", savedAt: AT });
    expect(keepVersions(before, saved).versions).toBe(saved.versions);
    expect(deleteVersion(saved, "v1").versions).toBeUndefined();
    expect(keepVersions(saved, deleteVersion(saved, "v1")).versions).toBeUndefined();
  });

  it("refuses a version with a broken date, naming the path", () => {
    const json = JSON.parse(
      renderJson(saveVersion(createRevOpsTemplate(), { id: "v1", name: "Start", savedAt: AT })),
    );
    json.versions[0].savedAt = "yesterday";
    const result = parseMapText(JSON.stringify(json));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(formatIssue(result.errors[0] ?? { path: "", message: "" })).toMatch(
        /^versions\[0\] \(v1\)\.savedAt: must be a UTC date/,
      );
  });
});

describe("exports name the scenario", () => {
  it("a map with scenarios is titled with the one on screen; a map without keeps its title", () => {
    const map = createRevOpsTemplate();
    expect(withScenarioTitle(map)).toBe(map);
    const toBe = forkScenario(map, { id: "sc-2", name: "To-be" });
    expect(withScenarioTitle(toBe).title).toBe(`${map.title} (To-be)`);
  });
});
