import { parseArgs } from "node:util";
import { type DiffSide, renderDiffJson, renderDiffMarkdown, renderDiffText } from "../export/render-diff";
import { diffMaps } from "../model/diff/diff-maps";
import { contentAsMap } from "../model/map-sections";
import { activeScenarioName, findScenarioByName, scenarioContent } from "../model/scenarios";
import type { HandoffMap } from "../model/types";
import { type CliIo, complain, UsageError, usageParse } from "./io";
import { terminalText } from "./terminal-text";
import { loadMap } from "./validate-command";

export const DIFF_USAGE = `Usage: handoff diff A B [options]

Compares two Handoff maps by meaning, not by text: lanes, phases, steps, handoffs and edge
cases matched by id, every changed field before -> after, a step in another lane as a move.
Layout-only changes (positions, lane and phase order) are left out unless --layout.
Exit 0 when the maps are equal, 1 when they differ, 2 for usage or a file that cannot be read.

Options:
  --format FORMAT    text (default), json (stable, documented in docs/format.md) or md
  --scenario NAME    compare this scenario of each file (once: both files; twice: A's, then B's);
                     default: the scenario each file has on top
  --version NAME     compare a saved version instead (once: of A; twice: A's, then B's)
  --layout           include layout-only changes
  -h, --help         show this help

Examples:
  handoff diff old.json new.json
  handoff diff map.json map.json --scenario As-is --scenario To-be --format md > changes.md`;

const FORMATS = ["text", "json", "md"] as const;
type Format = (typeof FORMATS)[number];

function parseStrict(args: string[]) {
  return usageParse(
    () =>
      parseArgs({
        args,
        options: {
          help: { type: "boolean", short: "h" },
          format: { type: "string" },
          scenario: { type: "string", multiple: true },
          version: { type: "string", multiple: true },
          layout: { type: "boolean" },
        },
        allowPositionals: true,
        strict: true,
      }),
    "diff: ",
  );
}

/** The side of the compare a file, a scenario name and a version name pick; a message when none. */
function pick(
  map: HandoffMap,
  file: string,
  scenario: string | undefined,
  version: string | undefined,
): { map: HandoffMap; side: DiffSide } | string {
  if (version !== undefined) {
    const key = version.trim().toLowerCase();
    const found = map.versions?.find((v) => v.name.trim().toLowerCase() === key);
    if (found === undefined) {
      const names = (map.versions ?? []).map((v) => JSON.stringify(v.name)).join(", ");
      return `${file} has no version ${JSON.stringify(version)}${names === "" ? " (it has no saved versions)" : ` (it has ${names})`}`;
    }
    return {
      map: contentAsMap(found.content, found.title),
      side: { title: found.title, scenario: `version “${found.name}” of ${found.scenario}`, source: file },
    };
  }
  if (scenario === undefined)
    return { map, side: { title: map.title, scenario: activeScenarioName(map), source: file } };
  const found = findScenarioByName(map, scenario);
  const content = found === null ? null : scenarioContent(map, found.id);
  if (found === null || content === null)
    return `${file} has no scenario ${JSON.stringify(scenario)} (it has ${
      map.scenarios === undefined ? '"As-is"' : map.scenarios.map((s) => JSON.stringify(s.name)).join(", ")
    })`;
  return {
    map: contentAsMap(content, map.title, map.description),
    side: { title: map.title, scenario: found.name, source: file },
  };
}

export async function runDiff(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseStrict(args);
  if (values.help) {
    io.stdout(`${DIFF_USAGE}\n`);
    return 0;
  }
  const [a, b, ...extra] = positionals;
  if (a === undefined || b === undefined) throw new UsageError("diff: needs two files, A and B");
  if (extra.length > 0) throw new UsageError(`diff: unexpected argument ${JSON.stringify(extra[0])}`);
  const format = (values.format ?? "text") as Format;
  if (!FORMATS.includes(format))
    throw new UsageError(`diff: --format must be text, json or md; got ${JSON.stringify(values.format)}`);
  const scenarios = values.scenario ?? [];
  const versions = values.version ?? [];
  if (scenarios.length > 2) throw new UsageError("diff: --scenario at most twice (A's, then B's)");
  if (versions.length > 2) throw new UsageError("diff: --version at most twice (A's, then B's)");

  const left = await loadMap(io, "diff", a);
  if (left === null) return 2;
  const right = a === b ? left : await loadMap(io, "diff", b);
  if (right === null) return 2;
  const before = pick(left.map, a, scenarios[0], versions[0]);
  const after = pick(right.map, b, scenarios[1] ?? scenarios[0], versions[1]);
  for (const side of [before, after])
    if (typeof side === "string") {
      complain(io, `handoff diff: ${side}`);
      return 2;
    }
  if (typeof before === "string" || typeof after === "string") return 2;

  const diff = diffMaps(before.map, after.map, { layout: values.layout === true });
  const render = format === "json" ? renderDiffJson : format === "md" ? renderDiffMarkdown : renderDiffText;
  const output = render(diff, before.side, after.side);
  io.stdout(io.stdoutIsTerminal === true ? terminalText(output) : output);
  return diff.changes.length === 0 ? 0 : 1;
}
