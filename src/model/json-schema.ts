import { z } from "zod";
import { mapSchemaV1 } from "./map-schema";

/** The published JSON Schema of format v1 (docs/handoff-map.schema.json), as the input side. */
export function mapJsonSchemaText(): string {
  const schema = z.toJSONSchema(mapSchemaV1, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, title: "Handoff map, format v1" }, null, 2)}\n`;
}
