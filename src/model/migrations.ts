import { z } from "./zod";

/**
 * Every shipped format version that is older than the current one, with the step that brings it
 * one version forward. Each migration validates its input's shape with that version's frozen
 * schema first, so a bad old file is reported in its own terms.
 *
 * Frozen: never edit a shipped schema or migration; add a new one. A fixture file per old version
 * lives in tests/fixtures/formats/, and tests/model/migrations.test.ts checks every step ran.
 */
export interface Migration {
  from: number;
  to: number;
  /** The shape of format `from`, frozen. */
  schema: z.ZodType;
  /** Takes a value that passed `schema`, returns a raw object of format `to`. */
  migrate(input: unknown): Record<string, unknown>;
}

/**
 * Format v0: the first sketch, written by prototypes before the public format.
 * departments -> lanes, stages -> phases, processes -> steps, links -> handoffs, risks -> edge cases.
 */
const v0Schema = z.object({
  format: z.literal("handoff-map"),
  version: z.literal(0),
  name: z.string(),
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
  stages: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
  processes: z.array(
    z.object({
      id: z.string(),
      department: z.string(),
      stage: z.string().optional(),
      name: z.string(),
      type: z.string().optional(),
    }),
  ),
  links: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      target: z.string(),
      label: z.string().optional(),
      risks: z.array(z.object({ id: z.string(), text: z.string(), level: z.string() })).optional(),
    }),
  ),
});

const v0ToV1: Migration = {
  from: 0,
  to: 1,
  schema: v0Schema,
  migrate(input) {
    const v0 = v0Schema.parse(input);
    return {
      format: "handoff-map",
      version: 1,
      title: v0.name,
      lanes: v0.departments.map((d) => ({ id: d.id, name: d.name })),
      phases: (v0.stages ?? []).map((s) => ({ id: s.id, name: s.name })),
      steps: v0.processes.map((p) => ({
        id: p.id,
        lane: p.department,
        ...(p.stage === undefined ? {} : { phase: p.stage }),
        label: p.name,
        ...(p.type === undefined ? {} : { kind: p.type }),
      })),
      handoffs: v0.links.map((l) => ({
        id: l.id,
        from: l.source,
        to: l.target,
        label: l.label ?? "",
        edgeCases: (l.risks ?? []).map((r) => ({ id: r.id, title: r.text, severity: r.level })),
      })),
    };
  },
};

export const MIGRATIONS: readonly Migration[] = [v0ToV1];

/** The oldest version this build can read. */
export const OLDEST_VERSION = 0;
