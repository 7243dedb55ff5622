// Writes docs/handoff-map.schema.json from the zod schema (tests check it is current).
import { writeFileSync } from "node:fs";
import { mapJsonSchemaText } from "../src/model/json-schema";

writeFileSync(new URL("../docs/handoff-map.schema.json", import.meta.url), mapJsonSchemaText());
