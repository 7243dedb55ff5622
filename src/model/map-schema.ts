import { contractShape, lintSettingsSchema } from "./contract-schema";
import { EDGE_CASE_STATUSES, LIMITS, MAP_FORMAT, SEVERITIES, STEP_KINDS, VERSION_TRIGGERS } from "./types";
import { z } from "./zod";

/**
 * The zod schema of format v1: shape only. Integrity (unique ids, references) is checked after
 * the shape in check-integrity.ts, where the messages can name ids and values.
 *
 * Frozen: format v1 has shipped. Add optional fields only; anything else is format v2 with a
 * migration in migrations.ts.
 */

const id = z
  .string()
  .min(1, { error: "must not be empty" })
  .max(LIMITS.idLength, { error: `must be at most ${LIMITS.idLength} characters` });

/** Non-blank after trimming, kept exactly as written (newlines, emoji and RTL text included). */
const text = z
  .string()
  .max(LIMITS.textLength, { error: `must be at most ${LIMITS.textLength} characters` })
  .refine((s) => s.trim().length > 0, { error: "must not be blank" });

const optionalText = z
  .string()
  .max(LIMITS.textLength, { error: `must be at most ${LIMITS.textLength} characters` })
  .default("");

const longText = z
  .string()
  .max(LIMITS.longTextLength, { error: `must be at most ${LIMITS.longTextLength} characters` })
  .default("");

const coordinate = z
  .number()
  .refine(Number.isFinite, { error: "must be a finite number" })
  .refine((n) => Math.abs(n) <= LIMITS.coordinate, { error: `must be within ±${LIMITS.coordinate}` });

const color = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { error: 'must be a hex color such as "#e0f2fe"' });

export const positionSchema = z.object({ x: coordinate, y: coordinate });

export const laneSchema = z.object({ id, name: text, color: color.optional() });

export const phaseSchema = z.object({ id, name: text, color: color.optional() });

export const stepSchema = z.object({
  id,
  lane: id,
  phase: id.optional(),
  label: text,
  kind: z.enum(STEP_KINDS).default("task"),
  description: longText,
  owner: optionalText,
  systems: z.array(text).max(100, { error: "at most 100 systems" }).default([]),
  position: positionSchema.optional(),
});

/** A stable edge-case number ("EC-3"); uniqueness is checked in edge-case-numbers.ts. */
const edgeCaseNumber = z
  .number()
  .int({ error: "must be a whole number" })
  .min(1, { error: "must be 1 or more" })
  .max(LIMITS.edgeCaseNumber, { error: `must be at most ${LIMITS.edgeCaseNumber}` });

const votes = z
  .number()
  .int({ error: "must be a whole number" })
  .min(0, { error: "must not be negative" })
  .max(LIMITS.votes, { error: `must be at most ${LIMITS.votes}` });

const due = z.iso.date({ error: 'must be a date written as YYYY-MM-DD, e.g. "2026-03-31"' });

export const edgeCaseSchema = z.object({
  id,
  number: edgeCaseNumber.optional(),
  title: text,
  severity: z.enum(SEVERITIES),
  status: z.enum(EDGE_CASE_STATUSES).default("open"),
  owner: optionalText,
  mitigation: longText,
  description: longText,
  votes: votes.default(0),
  due: due.optional(),
});

export const handoffSchema = z.object({
  id,
  from: id,
  to: id,
  label: optionalText,
  edgeCases: z.array(edgeCaseSchema).default([]),
  ...contractShape,
});

/** One scenario's or one version's drawing (docs/format.md, "Scenarios" and "Versions"). */
export const contentSchema = z.object({
  lanes: z.array(laneSchema).min(1, { error: "needs at least one lane" }),
  phases: z.array(phaseSchema).default([]),
  steps: z.array(stepSchema),
  handoffs: z.array(handoffSchema),
  lastEdgeCaseNumber: edgeCaseNumber.optional(),
});

export const scenarioSchema = z.object({ id, name: text, content: contentSchema.optional() });

export const versionSchema = z.object({
  id,
  name: text,
  note: longText,
  savedAt: z.iso.datetime({ error: 'must be a UTC date and time such as "2026-12-06T11:00:00.000Z"' }),
  trigger: z.enum(VERSION_TRIGGERS).default("manual"),
  scenario: optionalText,
  title: text,
  content: contentSchema,
});

export const mapSchemaV1 = z.object({
  format: z.literal(MAP_FORMAT),
  version: z.literal(1),
  title: text,
  description: longText,
  lanes: z.array(laneSchema).min(1, { error: "needs at least one lane" }),
  phases: z.array(phaseSchema).default([]),
  steps: z.array(stepSchema),
  handoffs: z.array(handoffSchema),
  lastEdgeCaseNumber: edgeCaseNumber.optional(),
  lint: lintSettingsSchema.optional(),
  activeScenario: id.optional(),
  scenarios: z.array(scenarioSchema).max(100, { error: "at most 100 scenarios" }).optional(),
  versions: z.array(versionSchema).max(1000, { error: "at most 1000 versions" }).optional(),
});

/** Known field names per object, for the unknown-field warnings. Keep in step with the schemas. */
export const KNOWN_FIELDS = {
  map: new Set(Object.keys(mapSchemaV1.shape)),
  lane: new Set(Object.keys(laneSchema.shape)),
  phase: new Set(Object.keys(phaseSchema.shape)),
  step: new Set(Object.keys(stepSchema.shape)),
  position: new Set(Object.keys(positionSchema.shape)),
  handoff: new Set(Object.keys(handoffSchema.shape)),
  edgeCase: new Set(Object.keys(edgeCaseSchema.shape)),
  sla: new Set(["value", "unit", "text"]),
  requiredDataItem: new Set(["item", "agreed"]),
} as const;

/**
 * The rule for each kind of field, once: the file schemas above are built from them, and the
 * model's edits (operations.ts) check edited values with them, so a value an edit accepts is
 * one the file format accepts, with the same words when it is not.
 */
export const FIELD_RULES = {
  id,
  /** Required text (names, labels, titles, systems): non-blank, at most LIMITS.textLength. */
  text,
  /** Optional one-line text (owners, handoff labels). */
  optionalText,
  /** Descriptions and mitigations. */
  longText,
  coordinate,
  color,
  votes,
  due,
} as const;
