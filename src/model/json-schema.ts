import { mapSchemaV1 } from "./map-schema";
import { z } from "./zod";

/** The published JSON Schema of format v1 (docs/handoff-map.schema.json), as the input side. */
export function mapJsonSchemaText(): string {
  const schema = z.toJSONSchema(mapSchemaV1, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, title: "Handoff map, format v1" }, null, 2)}\n`;
}
