/**
 * The Handoff map document, format v1: the one source of truth that the canvas, the layout,
 * the exporters and the CLI all read. These field names are the public contract (docs/format.md).
 *
 * A parsed map is always normalized: every optional field with a default has it filled in, so
 * code downstream never has to guess (kind "task", status "open", edgeCases [], votes 0...).
 * Optional fields without a default (phase, position, color, due) are simply absent.
 */

import type { HandoffContract, RuleLevel } from "./contract";

export const MAP_FORMAT = "handoff-map";
export const CURRENT_VERSION = 1;

export const STEP_KINDS = ["start", "task", "decision", "end"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Ordered from least to most severe: index order is severity order. */
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const EDGE_CASE_STATUSES = ["open", "mitigated", "accepted"] as const;
export type EdgeCaseStatus = (typeof EDGE_CASE_STATUSES)[number];

export interface Position {
  /** From the left edge of the lane area (right of the lane headers), in layout pixels. */
  x: number;
  /** From the top of the step's own lane band, in layout pixels. */
  y: number;
}

export interface Lane {
  id: string;
  name: string;
  /** A CSS hex color such as "#e0f2fe"; absent means the theme's alternating shade. */
  color?: string;
}

export interface Phase {
  id: string;
  name: string;
  color?: string;
}

export interface Step {
  id: string;
  lane: string;
  phase?: string;
  label: string;
  kind: StepKind;
  description: string;
  owner: string;
  systems: string[];
  position?: Position;
}

export interface EdgeCase {
  id: string;
  /**
   * The stable number shown as "EC-3" (src/model/edge-case-numbers.ts): unique across the map,
   * given once and never changed by edits to other edge cases. Optional in the file; every map
   * the model hands out (parsed, templated, edited) has it on every edge case.
   */
  number?: number;
  title: string;
  severity: Severity;
  status: EdgeCaseStatus;
  owner: string;
  mitigation: string;
  description: string;
  /** Workshop votes; never negative. */
  votes: number;
  /** An ISO calendar date (YYYY-MM-DD) by which the mitigation should land. */
  due?: string;
}

/** The contract fields (trigger, requiredData, sla...) are optional: src/model/contract.ts. */
export interface Handoff extends HandoffContract {
  id: string;
  from: string;
  to: string;
  label: string;
  edgeCases: EdgeCase[];
}

export interface HandoffMap {
  format: typeof MAP_FORMAT;
  version: typeof CURRENT_VERSION;
  title: string;
  description: string;
  /** Top to bottom. */
  lanes: Lane[];
  /** Left to right. */
  phases: Phase[];
  steps: Step[];
  handoffs: Handoff[];
  /**
   * The highest edge-case number this map has given, kept when that edge case is deleted so its
   * number is never handed to a new one. Absent: the highest number present.
   */
  lastEdgeCaseNumber?: number;
  /** Per-map health rule settings: rule id -> off / info / warning / error (src/lint). */
  lint?: Record<string, RuleLevel>;
}

/** Limits of the format, documented in docs/format.md. */
export const LIMITS = {
  idLength: 200,
  /** Labels, names, titles, owners, systems. */
  textLength: 2_000,
  /** Descriptions and mitigations. */
  longTextLength: 20_000,
  /** Bytes of a map file the CLI and the editor will read. */
  fileBytes: 20 * 1024 * 1024,
  coordinate: 1_000_000,
  votes: 1_000_000,
  /** Edge-case numbers run from 1 to this. */
  edgeCaseNumber: 1_000_000_000,
} as const;
