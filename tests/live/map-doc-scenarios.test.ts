import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readMap, writeMap } from "../../src/live/map-doc";
import { parseMap } from "../../src/model/parse-map";
import { forkScenario } from "../../src/model/scenarios";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { saveVersion } from "../../src/model/versions";

/** The template with an As-is and a To-be scenario and one saved version. */
function withSections(): HandoffMap {
  const forked = forkScenario(createRevOpsTemplate(), { id: "sc-tobe", name: "To-be" });
  return saveVersion(forked, { id: "v-1", name: "As found", savedAt: "2026-12-06T10:00:00.000Z" });
}

describe("the live binding and a map with scenarios and versions", () => {
  it("given a map with scenarios and versions, when written and read, then it reads as its scenario on screen alone", () => {
    const map = withSections();
    expect(map.scenarios).toHaveLength(2);
    expect(map.versions).toHaveLength(1);
    const { activeScenario: _active, scenarios: _scenarios, versions: _versions, ...onScreen } = map;
    const withDoc = new Y.Doc();
    writeMap(withDoc, map);
    const withoutDoc = new Y.Doc();
    writeMap(withoutDoc, onScreen);

    const result = readMap(withDoc);
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result).toEqual(readMap(withoutDoc));
    expect(result.repairs).toEqual([]);
    expect(result.map.scenarios).toBeUndefined();
    expect(result.map.versions).toBeUndefined();
    expect(result.map.steps.map((s) => s.id)).toEqual(map.steps.map((s) => s.id));
    expect(parseMap(result.map).ok).toBe(true);
  });
});
