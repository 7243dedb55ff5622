import { checkIntegrity } from "./check-integrity";
import { decodeUtf8 } from "./decode-utf8";
import { numberEdgeCases } from "./edge-case-numbers";
import { findJsonSyntaxError } from "./json-syntax";
import { describeValue, formatPath, isRecord, type MapIssue } from "./map-issue";
import { KNOWN_FIELDS, mapSchemaV1 } from "./map-schema";
import { checkSections, numberSections } from "./map-sections";
import { MIGRATIONS, OLDEST_VERSION } from "./migrations";
import { CURRENT_VERSION, type HandoffMap, LIMITS, MAP_FORMAT } from "./types";
import type { z } from "./zod";

export type ParseResult =
  | { ok: true; map: HandoffMap; warnings: MapIssue[] }
  | { ok: false; errors: MapIssue[] };

/**
 * Reads a map file's bytes, as the CLI and the editor's Import both do: the size limit, then the
 * one encoding rule (UTF-8, with or without a byte-order mark: decode-utf8.ts), then parseMapText.
 * Never throws.
 */
export function parseMapBytes(bytes: Uint8Array): ParseResult {
  if (bytes.byteLength > LIMITS.fileBytes)
    return fail("", `the file is larger than the ${LIMITS.fileBytes / 1024 / 1024} MB limit`);
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return fail("", decoded.message);
  return parseMapText(decoded.text);
}

/**
 * Reads a map file's text: size limit before anything else, an optional UTF-8 byte-order mark,
 * JSON, then parseMap. Never throws.
 */
export function parseMapText(text: string): ParseResult {
  // UTF-16 length is a lower bound on the UTF-8 byte length and cheap; the exact count follows.
  if (text.length > LIMITS.fileBytes || utf8Length(text) > LIMITS.fileBytes)
    return fail("", `the file is larger than the ${LIMITS.fileBytes / 1024 / 1024} MB limit`);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") return fail("", "the file is empty");
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    if (error instanceof RangeError) return fail("", "not valid JSON: nested too deeply");
    // The engine's message has no line, and in Node 20 often no position: find the spot ourselves.
    const where = findJsonSyntaxError(body);
    if (where === null) return fail("", `not valid JSON: ${(error as Error).message}`);
    return fail("", `not valid JSON at line ${where.line}, column ${where.column}: ${where.message}`);
  }
  return parseMap(raw);
}

/**
 * The one pipeline for untrusted maps: check format and version, migrate, validate the shape,
 * check references. Returns every problem found, each naming its path, id and value. Never throws.
 *
 * @example
 * const result = parseMap(JSON.parse(text));
 * if (!result.ok) console.error(result.errors.map(formatIssue).join("\n"));
 */
export function parseMap(input: unknown): ParseResult {
  try {
    return parseUnchecked(input);
  } catch (error) {
    // A guard, not a path: the steps above return issues. Stack overflows from hostile nesting land here.
    const detail = error instanceof RangeError ? "nested too deeply" : String(error);
    return fail("", `could not read the map: ${detail}`);
  }
}

function parseUnchecked(input: unknown): ParseResult {
  if (!isRecord(input))
    return fail("", `expected a JSON object at the top of the file, got ${describeValue(input)}`);
  if (input.format !== MAP_FORMAT)
    return fail(
      "format",
      input.format === undefined
        ? `required: must be "${MAP_FORMAT}" (is this a Handoff map?)`
        : `expected "${MAP_FORMAT}", got ${describeValue(input.format)} (is this a Handoff map?)`,
    );
  const version = input.version;
  if (version === undefined)
    return fail("version", `required: the format version, ${CURRENT_VERSION} for this build`);
  if (typeof version !== "number" || !Number.isInteger(version) || version < OLDEST_VERSION)
    return fail(
      "version",
      `expected a format version such as ${CURRENT_VERSION}, got ${describeValue(version)}`,
    );
  if (version > CURRENT_VERSION)
    return fail(
      "version",
      `made by a newer version of Handoff (format v${version}); this version reads v${CURRENT_VERSION}`,
    );

  const warnings: MapIssue[] = [];
  let raw: Record<string, unknown> = input;
  for (const migration of MIGRATIONS) {
    if (raw.version !== migration.from) continue;
    const shape = migration.schema.safeParse(raw, { reportInput: true });
    if (!shape.success) return { ok: false, errors: zodIssues(shape.error.issues, raw) };
    raw = migration.migrate(shape.data);
    warnings.push({
      path: "version",
      message: `migrated from format v${migration.from} to v${migration.to}`,
    });
  }

  const parsed = mapSchemaV1.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    // The file could be read this far: report its broken references with its shape problems,
    // so one run lists everything (a field the schema already faulted is not reported twice).
    const errors = zodIssues(parsed.error.issues, raw);
    const faulted = new Set(errors.map((issue) => issue.path));
    errors.push(...checkIntegrity(raw).filter((issue) => !faulted.has(issue.path)));
    return { ok: false, errors };
  }

  const errors = [...checkIntegrity(parsed.data), ...checkSections(parsed.data)];
  if (errors.length > 0) return { ok: false, errors };
  warnings.push(...unknownFieldWarnings(raw));
  // Old files get their numbers here, in map order; a duplicate is renumbered with a warning.
  const numbered = numberEdgeCases(parsed.data);
  warnings.push(...numbered.warnings);
  const sections = numberSections(numbered.map);
  warnings.push(...sections.warnings);
  return { ok: true, map: sections.map, warnings };
}

function fail(path: string, message: string): ParseResult {
  return { ok: false, errors: [{ path, message }] };
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  number: "a number",
  // zod 4 reports a fraction where .int() is asked as an invalid type "int".
  int: "a whole number",
  boolean: "true or false",
  array: "an array",
  object: "an object",
};

/** zod's issues in plain words, each with its path, the item's id and the offending value. */
function zodIssues(issues: readonly z.core.$ZodIssue[], root: unknown): MapIssue[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path as (string | number)[], root);
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case "invalid_type":
        if (input === undefined)
          return { path, message: `required: expected ${TYPE_WORDS[issue.expected] ?? issue.expected}` };
        return {
          path,
          message: `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}, got ${describeValue(input)}`,
        };
      case "invalid_value":
        return {
          path,
          message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}; got ${describeValue(input)}`,
        };
      case "invalid_format":
      case "too_small":
      case "too_big":
      case "custom":
        return {
          path,
          // Quote the value where it is one: "got an array" after "needs at least one lane" says nothing.
          message:
            input === undefined || typeof input === "object"
              ? issue.message
              : `${issue.message}; got ${describeValue(input)}`,
        };
      default:
        return { path, message: issue.message };
    }
  });
}

/** Policy: unknown fields are dropped, each with a warning naming where it was. */
function unknownFieldWarnings(raw: Record<string, unknown>): MapIssue[] {
  const warnings: MapIssue[] = [];
  const check = (value: unknown, known: ReadonlySet<string>, path: readonly (string | number)[]) => {
    if (!isRecord(value)) return;
    for (const key of Object.keys(value))
      if (!known.has(key))
        warnings.push({
          path: formatPath(path, raw),
          message: `unknown field ${describeValue(key)} was dropped`,
        });
  };
  const each = (
    list: unknown,
    known: ReadonlySet<string>,
    name: string,
    nested?: (item: unknown, at: (string | number)[]) => void,
    parent: readonly (string | number)[] = [],
  ) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, index) => {
      check(item, known, [...parent, name, index]);
      nested?.(item, [...parent, name, index]);
    });
  };
  check(raw, KNOWN_FIELDS.map, []);
  each(raw.lanes, KNOWN_FIELDS.lane, "lanes");
  each(raw.phases, KNOWN_FIELDS.phase, "phases");
  each(raw.steps, KNOWN_FIELDS.step, "steps", (step, at) => {
    if (isRecord(step)) check(step.position, KNOWN_FIELDS.position, [...at, "position"]);
  });
  each(raw.handoffs, KNOWN_FIELDS.handoff, "handoffs", (handoff, at) => {
    if (isRecord(handoff) && Array.isArray(handoff.edgeCases))
      handoff.edgeCases.forEach((edgeCase, index) => {
        check(edgeCase, KNOWN_FIELDS.edgeCase, [...at, "edgeCases", index]);
      });
    if (isRecord(handoff)) {
      check(handoff.sla, KNOWN_FIELDS.sla, [...at, "sla"]);
      each(handoff.requiredData, KNOWN_FIELDS.requiredDataItem, "requiredData", undefined, at);
    }
  });
  return warnings;
}
