import { INTEGRATIONS, RULE_LEVELS, SLA_UNITS } from "./contract";
import { LIMITS } from "./types";
import { z } from "./zod";

/**
 * The zod shape of the handoff contract and of the map's `lint` section (format v1, optional
 * fields only: files without them stay valid and read back unchanged). Spread into the handoff
 * and map schemas in map-schema.ts.
 */

const contractText = z
  .string()
  .max(LIMITS.textLength, { error: `must be at most ${LIMITS.textLength} characters` });

export const requiredDataItemSchema = z.object({
  item: contractText.refine((s) => s.trim().length > 0, { error: "must not be blank" }),
  agreed: z.boolean().default(false),
});

export const slaSchema = z
  .object({
    value: z
      .number()
      .refine(Number.isFinite, { error: "must be a finite number" })
      .min(0, { error: "must not be negative" })
      .max(1_000_000, { error: "must be at most 1000000" })
      .optional(),
    unit: z.enum(SLA_UNITS).optional(),
    text: contractText.optional(),
  })
  .refine((sla) => (sla.value === undefined) === (sla.unit === undefined), {
    error: "value and unit must be given together",
  });

export const contractShape = {
  trigger: contractText.optional(),
  requiredData: z.array(requiredDataItemSchema).max(200, { error: "at most 200 items" }).optional(),
  sla: slaSchema.optional(),
  sender: contractText.optional(),
  receiver: contractText.optional(),
  systemOfRecord: contractText.optional(),
  acceptance: contractText.optional(),
  noKnownEdgeCases: z.boolean().optional(),
  integration: z.enum(INTEGRATIONS).optional(),
};

/** Rule id (kebab-case) -> level. Ids the linter does not know are kept and ignored. */
export const lintSettingsSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, { error: "must be a kebab-case rule id" }),
  z.enum(RULE_LEVELS),
);
