import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/model/map-issue";
import { MIGRATIONS, OLDEST_VERSION } from "../../src/model/migrations";
import { parseMapText } from "../../src/model/parse-map";
import { CURRENT_VERSION } from "../../src/model/types";
import { edgeCase, handoff, map, step } from "../fixtures/model-maps";

const FIXTURES = path.resolve(__dirname, "../fixtures/formats");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

describe("migrations", () => {
  it("form an unbroken chain from the oldest version to the current one", () => {
    const steps = MIGRATIONS.map((m) => [m.from, m.to]);
    const expected = Array.from({ length: CURRENT_VERSION - OLDEST_VERSION }, (_, i) => [
      OLDEST_VERSION + i,
      OLDEST_VERSION + i + 1,
    ]);
    expect(steps).toEqual(expected);
  });

  it("have a fixture file for every old version, and every fixture version has a migration", () => {
    const versions = readdirSync(FIXTURES)
      .map((name) => /^v(\d+)-/.exec(name)?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number);
    for (let v = OLDEST_VERSION; v <= CURRENT_VERSION; v++) expect(versions).toContain(v);
  });

  it("v0 -> v1: departments, stages, processes, links and risks become lanes, phases, steps, handoffs and edge cases", () => {
    const result = parseMapText(fixture("v0-small.json"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map(formatIssue)).toEqual(["version: migrated from format v0 to v1"]);
    expect(result.map).toEqual(
      map({
        title: "Inbound lead flow (v0 prototype)",
        lanes: [
          { id: "marketing", name: "Marketing" },
          { id: "sdr", name: "SDR" },
        ],
        phases: [{ id: "engagement", name: "Engagement" }],
        steps: [
          step("capture", "marketing", { phase: "engagement", label: "Lead capture", kind: "start" }),
          step("qualify", "sdr", { phase: "engagement", label: "Qualification" }),
        ],
        handoffs: [
          handoff("l1", "capture", "qualify", {
            label: "new lead",
            edgeCases: [
              edgeCase("r1", { number: 1, title: "Lead routed to the wrong SDR", severity: "high" }),
            ],
          }),
        ],
      }),
    );
  });

  it("v0 with a bad shape is reported in v0's own terms", () => {
    const bad = JSON.parse(fixture("v0-small.json"));
    bad.processes[1].department = 7;
    const result = parseMapText(JSON.stringify(bad));
    expect(result.ok ? [] : result.errors.map(formatIssue)).toEqual([
      "processes[1] (qualify).department: expected a string, got number 7",
    ]);
  });

  it("v0 whose migrated content breaks v1's rules is rejected with v1's message", () => {
    const bad = JSON.parse(fixture("v0-small.json"));
    bad.links[0].risks[0].level = "severe";
    const result = parseMapText(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map(formatIssue)).toEqual([
      'handoffs[0] (l1).edgeCases[0] (r1).severity: must be one of "low", "medium", "high", "critical"; got "severe"',
    ]);
  });

  it("the current version's fixture reads without migration or warnings", () => {
    const result = parseMapText(fixture("v1-minimal.json"));
    expect(result.ok && result.warnings).toEqual([]);
  });
});
