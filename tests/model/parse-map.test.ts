import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/model/map-issue";
import { parseMap, parseMapText } from "../../src/model/parse-map";
import { createBlankTemplate, createRevOpsTemplate } from "../../src/model/templates";
import { LIMITS } from "../../src/model/types";
import { BAD_MAPS } from "../fixtures/bad-maps";
import { edgeCase, handoff, lane, map, step, templateJson } from "../fixtures/model-maps";

/** Every error of a failed parse as the CLI prints it; fails the test if the parse succeeded. */
function errorsOf(input: unknown): string[] {
  const result = typeof input === "string" ? parseMapText(input) : parseMap(input);
  if (result.ok) throw new Error("expected the map to be rejected");
  return result.errors.map(formatIssue);
}

describe("parseMap accepts", () => {
  it("the RevOps template, unchanged", () => {
    const template = createRevOpsTemplate();
    const result = parseMap(JSON.parse(JSON.stringify(template)));
    expect(result).toEqual({ ok: true, map: template, warnings: [] });
  });

  it("the blank template", () => {
    expect(parseMap(createBlankTemplate()).ok).toBe(true);
  });

  it("a minimal file, filling in every documented default", () => {
    const result = parseMap({
      format: "handoff-map",
      version: 1,
      title: "T",
      lanes: [{ id: "l", name: "L" }],
      steps: [
        { id: "s", lane: "l", label: "S" },
        { id: "t", lane: "l", label: "T" },
      ],
      handoffs: [{ id: "h", from: "s", to: "t", edgeCases: [{ id: "e", title: "E", severity: "low" }] }],
    });
    expect(result.ok && result.map).toEqual(
      map({
        title: "T",
        lanes: [{ id: "l", name: "L" }],
        steps: [step("s", "l", { label: "S" }), step("t", "l", { label: "T" })],
        handoffs: [
          handoff("h", "s", "t", { edgeCases: [edgeCase("e", { number: 1, title: "E", severity: "low" })] }),
        ],
      }),
    );
  });

  it('ids such as "__proto__", "constructor" and "步骤-1", which work like any other id', () => {
    const ids = ["__proto__", "constructor", "步骤-1", "toString"];
    const input = map({
      lanes: ids.map((id) => lane(id)),
      phases: ids.map((id) => ({ id, name: id })),
      steps: ids.map((id) => step(id, id, { phase: id })),
      handoffs: [
        handoff("__proto__", "__proto__", "constructor", {
          edgeCases: [edgeCase("constructor", { number: 1 })],
        }),
      ],
    });
    const result = parseMapText(JSON.stringify(input));
    expect(result.ok && result.map).toEqual(input);
    // The same with a duplicate "__proto__" is caught, not swallowed by an object prototype.
    const duplicate = { ...input, steps: [...input.steps, step("__proto__", "constructor")] };
    expect(errorsOf(duplicate)).toEqual([
      'steps[4] (__proto__).id: duplicate id "__proto__" (also steps[0])',
    ]);
  });

  it("newlines, emoji and right-to-left text, kept exactly", () => {
    const label = "Qualify 🚀\nالتأهيل  — twice  spaced";
    const result = parseMap(map({ steps: [step("s", "a", { label })] }));
    expect(result.ok && result.map.steps[0]?.label).toBe(label);
  });

  it("a UTF-8 byte-order mark at the start of the file", () => {
    expect(parseMapText(`\uFEFF${JSON.stringify(createRevOpsTemplate())}`).ok).toBe(true);
  });

  it("unknown fields, dropped with a warning naming each", () => {
    const input = templateJson();
    input.colour = "blue";
    (input.steps[2] as Record<string, unknown>).icon = "star";
    (input.handoffs[1]?.edgeCases[0] as Record<string, unknown>).jira = "RO-12";
    const result = parseMap(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings.map(formatIssue)).toEqual([
      'unknown field "colour" was dropped',
      'steps[2] (lead-nurture): unknown field "icon" was dropped',
      'handoffs[1] (h2).edgeCases[0] (ec1): unknown field "jira" was dropped',
    ]);
    expect(result.map).toEqual(createRevOpsTemplate());
  });

  it("a 10 MB map, without hanging", () => {
    const steps = Array.from({ length: 20_000 }, (_, i) =>
      step(`s${i}`, i % 2 ? "a" : "b", { description: "x".repeat(400) }),
    );
    const handoffs = steps.slice(1).map((s, i) => handoff(`h${i}`, `s${i}`, s.id));
    const text = JSON.stringify(map({ steps, handoffs }));
    expect(text.length).toBeGreaterThan(10 * 1024 * 1024);
    const started = performance.now();
    const result = parseMapText(text);
    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(20_000); // a guard against a hang, not a benchmark
  });
});

describe("parseMap rejects, naming path, id and value", () => {
  const cases = BAD_MAPS;

  it.each(cases)("%s", (_name, input, expected) => {
    expect(errorsOf(input())).toEqual(expected);
  });

  it("text that is not JSON, naming the line and column and what was expected there", () => {
    const [message, ...rest] = errorsOf("{ lanes: [");
    expect(rest).toEqual([]);
    expect(message).toBe(
      "not valid JSON at line 1, column 3: expected a property name in double quotes, found 'l'",
    );
    expect(errorsOf('{\n  "format": "handoff-map",\n  "version": 1,\n}')).toEqual([
      "not valid JSON at line 4, column 1: a trailing comma before '}'; remove the comma",
    ]);
    expect(errorsOf('{\n  "title": "Über"\n  "lanes": []}')).toEqual([
      "not valid JSON at line 3, column 3: expected ',' or '}' after a property, found '\"'",
    ]);
  });

  it("duplicate ids of each kind, and edge-case ids across the whole map", () => {
    const input = map({
      lanes: [lane("a"), lane("a")],
      phases: [
        { id: "p", name: "P" },
        { id: "p", name: "Q" },
      ],
      steps: [step("s", "a"), step("s", "a"), step("t", "a")],
      handoffs: [
        handoff("h", "s", "t", { edgeCases: [edgeCase("e")] }),
        handoff("h", "t", "s", { edgeCases: [edgeCase("e")] }),
      ],
    });
    expect(errorsOf(input)).toEqual([
      'lanes[1] (a).id: duplicate id "a" (also lanes[0])',
      'phases[1] (p).id: duplicate id "p" (also phases[0])',
      'steps[1] (s).id: duplicate id "s" (also steps[0])',
      'handoffs[1] (h).id: duplicate id "h" (also handoffs[0])',
      'handoffs[1] (h).edgeCases[0] (e).id: duplicate edge case id "e" (also handoffs[0] (h).edgeCases[0] (e))',
    ]);
  });

  it("dangling lane, phase, from and to references, and a self-loop", () => {
    const input = templateJson();
    input.steps[0] = { ...input.steps[0], lane: "mktg" };
    input.steps[1] = { ...input.steps[1], phase: "engagment" };
    input.handoffs[3] = { ...(input.handoffs[3] as (typeof input.handoffs)[number]), to: "discovry" };
    input.handoffs[4] = { ...(input.handoffs[4] as (typeof input.handoffs)[number]), from: "nowhere" };
    input.handoffs[5] = {
      ...(input.handoffs[5] as (typeof input.handoffs)[number]),
      from: "discovery",
      to: "discovery",
    };
    expect(errorsOf(input)).toEqual([
      'steps[0] (prospect-raises-hand).lane: no lane with id "mktg"',
      'steps[1] (lead-capture).phase: no phase with id "engagment"',
      'handoffs[3] (h4).to: no step with id "discovry"',
      'handoffs[4] (h5).from: no step with id "nowhere"',
      'handoffs[5] (h6).to: a handoff cannot go from a step to itself ("discovery")',
    ]);
  });

  it("a file over the size limit, before parsing it", () => {
    const text = " ".repeat(LIMITS.fileBytes + 1);
    expect(errorsOf(text)).toEqual(["the file is larger than the 20 MB limit"]);
  });

  it("every problem at once, not just the first", () => {
    const input = templateJson();
    input.steps[0] = { ...input.steps[0], label: "" };
    input.steps[3] = { ...input.steps[3], kind: "subprocess" };
    expect(errorsOf(input)).toHaveLength(2);
  });
});

describe("handoff contracts and lint settings (optional in format v1)", () => {
  const withContract = () => {
    const json = templateJson();
    const first = json.handoffs[1] as Record<string, unknown>;
    Object.assign(first, {
      trigger: "Lead score ≥ 60",
      requiredData: [{ item: "Company domain", agreed: true }, { item: "Budget range" }],
      sla: { value: 4, unit: "business-hours", text: "demo requests in 15 minutes" },
      sender: "Marketing Ops",
      receiver: "SDR team lead",
      systemOfRecord: "CRM",
      acceptance: "Lead.Status = SAL",
      noKnownEdgeCases: false,
      integration: "manual re-entry",
    });
    json.lint = { "handoff-no-sla": "error", "empty-lane": "off" };
    return json;
  };

  it("given a file with contract fields and a lint section, then they are read, defaults filled", () => {
    const result = parseMap(withContract());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.warnings).toEqual([]);
    expect(result.map.handoffs[1]?.requiredData).toEqual([
      { item: "Company domain", agreed: true },
      { item: "Budget range", agreed: false },
    ]);
    expect(result.map.handoffs[1]?.sla).toEqual({
      value: 4,
      unit: "business-hours",
      text: "demo requests in 15 minutes",
    });
    expect(result.map.lint).toEqual({ "handoff-no-sla": "error", "empty-lane": "off" });
  });

  it("given a file without them, then the handoffs carry none (old files stay as they were)", () => {
    const result = parseMap(templateJson());
    if (!result.ok) throw new Error("template must parse");
    expect(result.map.handoffs.some((h) => "trigger" in h && h.trigger === undefined)).toBe(false);
  });

  it.each([
    [{ sla: { value: 4 } }, "handoffs[1] (h2).sla", "value and unit must be given together"],
    [{ sla: { value: 4, unit: "weeks" } }, "handoffs[1] (h2).sla.unit", ""],
    [{ integration: "fax" }, "handoffs[1] (h2).integration", ""],
    [{ requiredData: [{ item: " " }] }, "handoffs[1] (h2).requiredData[0].item", "must not be blank"],
  ])("given a bad contract %j, then the error names %s", (patch, path, message) => {
    const json = templateJson();
    Object.assign(json.handoffs[1] as object, patch);
    const result = parseMap(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toContain(path);
    if (message !== "") expect(result.errors.map((e) => e.message).join("\n")).toContain(message);
  });

  it("given a bad lint level, then the error names the rule", () => {
    const json = templateJson();
    json.lint = { "handoff-no-sla": "loud" };
    const result = parseMap(json);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe("lint.handoff-no-sla");
  });

  it("given unknown fields inside an SLA or a required-data item, then each is dropped with a warning", () => {
    const json = withContract();
    Object.assign(json.handoffs[1] as object, {
      sla: { value: 1, unit: "days", colour: "red" },
      requiredData: [{ item: "x", agreed: true, who: "me" }],
    });
    const result = parseMap(json);
    expect(result.ok && result.warnings.map((w) => w.path)).toEqual([
      "handoffs[1] (h2).sla",
      "handoffs[1] (h2).requiredData[0]",
    ]);
  });
});
