import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { mapJsonSchemaText } from "../../src/model/json-schema";

it("docs/handoff-map.schema.json is generated from the current schema (npx tsx scripts/gen-json-schema.ts)", () => {
  const published = readFileSync(path.resolve(__dirname, "../../docs/handoff-map.schema.json"), "utf8");
  expect(published).toBe(mapJsonSchemaText());
});
