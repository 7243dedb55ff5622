import { describe, expect, it } from "vitest";
import { exportBpmn } from "../../src/bpmn/export-bpmn";
import { importBpmn } from "../../src/bpmn/import-bpmn";
import { layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import { formatIssue } from "../../src/model/map-issue";
import { forkScenario } from "../../src/model/scenarios";
import { createRevOpsTemplate } from "../../src/model/templates";
import { saveVersion } from "../../src/model/versions";

describe("BPMN and a map with scenarios and versions", () => {
  it("given a map with two scenarios and a version, when exported and imported, then the scenario on screen comes back without the sections", async () => {
    const forked = forkScenario(createRevOpsTemplate(), { id: "sc-tobe", name: "To-be" });
    const map = saveVersion(forked, { id: "v-1", name: "As found", savedAt: "2026-12-06T10:00:00.000Z" });
    const xml = exportBpmn(map, await layoutMap(createNodeElk(), map));
    expect(xml).not.toContain("As found");
    const result = await importBpmn(xml);
    if (!result.ok) throw new Error(result.errors.map(formatIssue).join("\n"));
    expect(result.map.scenarios).toBeUndefined();
    expect(result.map.versions).toBeUndefined();
    expect(result.map.activeScenario).toBeUndefined();
    expect(result.map.steps.map((s) => s.id)).toEqual(map.steps.map((s) => s.id));
    expect(result.map.handoffs.map((h) => h.id)).toEqual(map.handoffs.map((h) => h.id));
  });
});
