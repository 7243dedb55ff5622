import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/export/render-json";
import { parseMapText } from "../../src/model/parse-map";
import { createBlankTemplate, createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { hostileMap, revOpsSampleMap } from "../fixtures/export-fixtures";

function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

describe("renderJson", () => {
  for (const [name, map] of [
    ["the RevOps template", createRevOpsTemplate()],
    ["the blank template", createBlankTemplate()],
    ["the sample map", revOpsSampleMap()],
    ["hostile text", hostileMap()],
  ] as const) {
    describe(`given ${name}`, () => {
      it("then it re-imports through parseMapText to an equal map, with no warnings", () => {
        const result = parseMapText(renderJson(map));
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        expect(result.map).toEqual(map);
        expect(result.warnings).toEqual([]);
      });

      it("then the key order is fixed whatever order the map's objects were built in", () => {
        const shuffled = reversedKeys(map) as HandoffMap;
        expect(renderJson(shuffled)).toBe(renderJson(map));
        expect(Object.keys(JSON.parse(renderJson(map)))).toEqual([
          "format",
          "version",
          "title",
          "description",
          "lanes",
          "phases",
          "steps",
          "handoffs",
        ]);
      });
    });
  }

  it("given fields outside the format on the objects, then they are left behind", () => {
    const map = revOpsSampleMap();
    const withExtras = {
      ...map,
      selected: true,
      steps: map.steps.map((s) => ({ ...s, measured: { width: 1, height: 2 } })),
    } as HandoffMap;
    expect(renderJson(withExtras)).toBe(renderJson(map));
    expect(renderJson(withExtras)).not.toContain("measured");
  });
});
