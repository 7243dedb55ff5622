import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countFindings,
  describeCounts,
  lintMap,
  unknownRuleSettings,
} from "../../../src/model/lint/lint-map";
import { HEALTH_RULES } from "../../../src/model/lint/rules";
import { parseMap } from "../../../src/model/parse-map";
import { createBlankTemplate, createRevOpsTemplate } from "../../../src/model/templates";
import type { HandoffMap } from "../../../src/model/types";
import { arbitraryMap } from "../../fixtures/arbitrary-map";
import { healthyMap, LINT_FIXTURES, LINT_TODAY } from "../../fixtures/lint-fixtures";

const lint = (m: HandoffMap) => lintMap(m, { today: LINT_TODAY });

describe("health rules", () => {
  it("given the healthy fixture, then nothing is found", () => {
    expect(lint(healthyMap())).toEqual([]);
  });

  it("has one fixture pair per rule, and every rule id is stable kebab-case", () => {
    expect(LINT_FIXTURES.map((f) => f.rule).sort()).toEqual(HEALTH_RULES.map((r) => r.id).sort());
    for (const rule of HEALTH_RULES) expect(rule.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
  });

  describe.each(LINT_FIXTURES.map((f) => [f.rule, f] as const))("%s", (rule, fixture) => {
    it("given its triggering fixture, then it reports only that rule, naming ids in the map", () => {
      const map = fixture.triggers();
      expect(parseMap(map).ok).toBe(true);
      const findings = lint(map);
      expect(findings.length).toBeGreaterThan(0);
      expect(new Set(findings.map((f) => f.rule))).toEqual(new Set([rule]));
      for (const finding of findings) {
        expect(finding.message.length).toBeGreaterThan(10);
        expect(finding.path).toMatch(/^(steps|handoffs|lanes|phases)\[\d+\]/);
      }
    });

    it("given its near miss, then it reports nothing", () => {
      const map = fixture.passes();
      expect(parseMap(map).ok).toBe(true);
      expect(lint(map).filter((f) => f.rule === rule)).toEqual([]);
    });

    it("given the map turns it off, then it reports nothing; set to error, its findings are errors", () => {
      const map = fixture.triggers();
      expect(lint({ ...map, lint: { [rule]: "off" } })).toEqual([]);
      const raised = lint({ ...map, lint: { [rule]: "error" } });
      expect(raised.length).toBeGreaterThan(0);
      expect(raised.every((f) => f.severity === "error")).toBe(true);
    });
  });

  it("manual-reentry: unknown is a warning, manual re-entry is info", () => {
    const fixture = LINT_FIXTURES.find((f) => f.rule === "manual-reentry");
    const unknown = fixture?.triggers() as HandoffMap;
    expect(lint(unknown).map((f) => f.severity)).toEqual(["warning"]);
    const manual = {
      ...unknown,
      handoffs: unknown.handoffs.map((h) =>
        h.id === "h1" ? { ...h, integration: "manual re-entry" as const } : h,
      ),
    };
    expect(lint(manual).map((f) => [f.severity, f.ids])).toEqual([["info", ["h1"]]]);
  });

  it("edge-case-overdue depends on today, not on the clock", () => {
    const map = LINT_FIXTURES.find((f) => f.rule === "edge-case-overdue")?.triggers() as HandoffMap;
    expect(lintMap(map, { today: "2026-05-31" })).toEqual([]);
    expect(lintMap(map, { today: "2026-06-01" })).toHaveLength(1);
  });

  it("orders findings most severe first and counts them", () => {
    const findings = lint(createRevOpsTemplate());
    expect(findings.map((f) => f.severity)).toEqual(["error", "warning", "warning", "info"]);
    expect(describeCounts(countFindings(findings))).toBe("1 error, 2 warnings, 1 info");
  });

  it("given the RevOps template, then its findings are few and deliberate", () => {
    expect(lint(createRevOpsTemplate()).map((f) => [f.rule, f.ids[0]])).toEqual([
      ["edge-case-unowned", "ec11"],
      ["handoff-unexamined", "h10"],
      ["handoff-no-sla", "h14"],
      ["manual-reentry", "h12"],
    ]);
  });

  it("given the blank template, then it only notes its empty lanes", () => {
    expect(new Set(lint(createBlankTemplate()).map((f) => f.rule))).toEqual(new Set(["empty-lane"]));
  });

  it("names rule settings for rules that do not exist", () => {
    expect(
      unknownRuleSettings({ ...healthyMap(), lint: { "handoff-no-sla": "off", "no-such": "error" } }),
    ).toEqual(["no-such"]);
  });
});

const decorated = arbitraryMap({ maxSteps: 16 }).chain((m) =>
  fc
    .record({
      kinds: fc.array(fc.constantFrom("start", "task", "decision", "end"), {
        minLength: m.steps.length,
        maxLength: m.steps.length,
      }),
      systems: fc.array(fc.array(fc.constantFrom("CRM", "crm ", "CPQ", "ERP"), { maxLength: 2 }), {
        minLength: m.steps.length,
        maxLength: m.steps.length,
      }),
      contracts: fc.array(
        fc.record(
          {
            sla: fc.constant({ value: 1, unit: "days" as const }),
            sender: fc.string(),
            noKnownEdgeCases: fc.boolean(),
            integration: fc.constantFrom(
              "automated" as const,
              "manual re-entry" as const,
              "unknown" as const,
            ),
          },
          { requiredKeys: [] },
        ),
        { minLength: m.handoffs.length, maxLength: m.handoffs.length },
      ),
      due: fc.constantFrom(undefined, "2020-01-01", "2030-01-01"),
      lint: fc.dictionary(
        fc.constantFrom(...HEALTH_RULES.map((r) => r.id), "unknown-rule"),
        fc.constantFrom("off" as const, "info" as const, "warning" as const, "error" as const),
      ),
    })
    .map(({ kinds, systems, contracts, due, lint }) => ({
      ...m,
      lint,
      steps: m.steps.map((s, i) => ({ ...s, kind: kinds[i] ?? s.kind, systems: systems[i] ?? [] })),
      handoffs: m.handoffs.map((h, i) => ({
        ...h,
        ...contracts[i],
        edgeCases: h.edgeCases.map((e) => (due === undefined ? e : { ...e, due, severity: "high" as const })),
      })),
    })),
);

describe("property: lint on any valid map", () => {
  it("never throws, and every finding's ids exist in the map", () => {
    fc.assert(
      fc.property(decorated, (m) => {
        const parsed = parseMap(m);
        if (!parsed.ok) return;
        const map = parsed.map;
        const ids = new Set<string>([
          ...map.lanes.map((l) => l.id),
          ...map.phases.map((p) => p.id),
          ...map.steps.map((s) => s.id),
          ...map.handoffs.map((h) => h.id),
          ...map.handoffs.flatMap((h) => h.edgeCases.map((e) => e.id)),
        ]);
        for (const finding of lintMap(map, { today: LINT_TODAY })) {
          expect(finding.ids.length).toBeGreaterThan(0);
          for (const id of finding.ids) expect(ids.has(id)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
