import type { ModdleElement } from "bpmn-moddle";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { annotationText, exportBpmn } from "../../src/bpmn/export-bpmn";
import { isSafeBpmnId } from "../../src/bpmn/ids";
import { importBpmn } from "../../src/bpmn/import-bpmn";
import { layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import { parseMap } from "../../src/model/parse-map";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { arbitraryPlacedMap } from "../fixtures/arbitrary-map";
import { gridLayout, hostileMap, revOpsSampleMap } from "../fixtures/export-fixtures";
import { lintErrors, readBpmn } from "./bpmn-quality";

const elk = createNodeElk();

async function exported(map: HandoffMap): Promise<string> {
  return exportBpmn(map, await layoutMap(elk, map));
}

function all(root: ModdleElement, type: string): ModdleElement[] {
  const found: ModdleElement[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown) => {
    if (typeof value !== "object" || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) return value.forEach(walk);
    const element = value as ModdleElement;
    if (element.$type === type) found.push(element);
    for (const [key, child] of Object.entries(element)) if (key !== "$parent") walk(child);
  };
  walk(root);
  return found;
}

const list = (element: ModdleElement | undefined, property: string) =>
  (element?.[property] as ModdleElement[] | undefined) ?? [];

describe("exportBpmn: what BPMN tools read", () => {
  const maps: [string, () => HandoffMap][] = [
    ["the RevOps template", createRevOpsTemplate],
    ["the sample lead-to-cash map", revOpsSampleMap],
  ];

  it.each(maps)("%s reads without moddle warnings and without bpmnlint errors", async (_name, make) => {
    // Given a map exported as BPMN
    const xml = await exported(make());
    // When bpmn-moddle and bpmnlint read it
    const { warnings } = await readBpmn(xml);
    // Then neither has anything to say
    expect(warnings.map((w) => w.message)).toEqual([]);
    expect(await lintErrors(xml)).toEqual([]);
  });

  it("bpmn-moddle without Handoff's package keeps the extension elements and warns of nothing", async () => {
    const { warnings } = await readBpmn(await exported(createRevOpsTemplate()), false);
    expect(warnings.map((w) => w.message)).toEqual([]);
  });

  it.each(maps)(
    "%s: lanes, steps, flows, groups and annotations are counted and each lane lists exactly its steps",
    async (_name, make) => {
      // Given a map exported as BPMN
      const map = make();
      const { rootElement: definitions } = await readBpmn(await exported(map));
      const process = all(definitions, "bpmn:Process")[0] as ModdleElement;
      const stepIdOf = (node: ModdleElement) =>
        (list(node.extensionElements as ModdleElement, "values").find((v) => v.$type === "handoff:Step")
          ?.id as string | undefined) ?? null;

      // Then one participant named after the map, not executable
      const participants = all(definitions, "bpmn:Participant");
      expect(participants.map((p) => p.name)).toEqual([map.title]);
      expect(process.isExecutable).toBe(false);
      expect(definitions.exporter).toBe("Handoff");
      // a lane per lane, in order, each listing exactly its steps (and gateways Handoff added for them)
      const lanes = all(definitions, "bpmn:Lane");
      expect(lanes.map((l) => l.name)).toEqual(map.lanes.map((l) => l.name));
      lanes.forEach((lane, i) => {
        const laneId = map.lanes[i]?.id;
        const listed = list(lane, "flowNodeRef")
          .map(stepIdOf)
          .filter((id) => id !== null);
        expect(listed).toEqual(map.steps.filter((s) => s.lane === laneId).map((s) => s.id));
      });
      // a flow node per step, of its kind
      const kinds = {
        start: "bpmn:StartEvent",
        end: "bpmn:EndEvent",
        decision: "bpmn:ExclusiveGateway",
        task: "bpmn:Task",
      };
      const nodes = list(process, "flowElements").filter((e) => stepIdOf(e) !== null);
      expect(nodes.map((n) => [stepIdOf(n), n.$type, n.name])).toEqual(
        map.steps.map((s) => [s.id, kinds[s.kind], s.label]),
      );
      // every flow node lists its incoming and outgoing flows
      for (const node of list(process, "flowElements").filter((e) => e.$type !== "bpmn:SequenceFlow")) {
        const flows = list(process, "flowElements").filter((f) => f.$type === "bpmn:SequenceFlow");
        expect(list(node, "incoming")).toEqual(flows.filter((f) => f.targetRef === node));
        expect(list(node, "outgoing")).toEqual(flows.filter((f) => f.sourceRef === node));
      }
      // a sequence flow per handoff (named by its label), a group per phase, an annotation per edge case
      const handoffFlows = all(definitions, "handoff:Handoff");
      expect(handoffFlows.map((h) => h.id)).toEqual(map.handoffs.map((h) => h.id));
      const groups = all(definitions, "bpmn:Group");
      expect(groups.map((g) => (g.categoryValueRef as ModdleElement).value)).toEqual(
        map.phases.map((p) => p.name),
      );
      const edgeCases = map.handoffs.flatMap((h) => h.edgeCases);
      const annotations = all(definitions, "bpmn:TextAnnotation");
      expect(annotations.map((a) => a.text)).toEqual(edgeCases.map(annotationText));
      const associations = all(definitions, "bpmn:Association");
      expect(associations).toHaveLength(edgeCases.length);
      for (const association of associations) {
        expect((association.sourceRef as ModdleElement).$type).toBe("bpmn:SequenceFlow");
        expect((association.targetRef as ModdleElement).$type).toBe("bpmn:TextAnnotation");
      }
      // and every node and edge has its diagram element
      const drawn = new Set(
        [...all(definitions, "bpmndi:BPMNShape"), ...all(definitions, "bpmndi:BPMNEdge")].map(
          (d) => d.bpmnElement,
        ),
      );
      for (const element of [
        ...participants,
        ...lanes,
        ...list(process, "flowElements"),
        ...groups,
        ...annotations,
        ...associations,
      ])
        expect(drawn.has(element), `${element.id} is drawn`).toBe(true);
      for (const edge of all(definitions, "bpmndi:BPMNEdge"))
        expect(list(edge, "waypoint").length).toBeGreaterThanOrEqual(2);
      for (const lane of all(definitions, "bpmndi:BPMNShape").filter(
        (s) => (s.bpmnElement as ModdleElement).$type === "bpmn:Lane",
      ))
        expect(lane.isHorizontal).toBe(true);
    },
  );

  it("writes xsd:ID-safe ids and well-formed XML for hostile text and ids", async () => {
    // Given ids and text full of quotes, angle brackets, control characters and emoji
    const xml = exportBpmn(hostileMap(), gridLayout(hostileMap()));
    // When it is read
    const { warnings, elementsById } = await readBpmn(xml);
    // Then it is well-formed and every id is an XML name
    expect(warnings.map((w) => w.message)).toEqual([]);
    for (const id of Object.keys(elementsById)) expect(isSafeBpmnId(id), id).toBe(true);
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("\u0001");
  });

  it("is deterministic", async () => {
    const map = createRevOpsTemplate();
    const layout = await layoutMap(elk, map);
    expect(exportBpmn(map, layout)).toBe(exportBpmn(map, layout));
  });
});

describe("map -> BPMN -> map", () => {
  it("gives the template back exactly", async () => {
    const map = createRevOpsTemplate();
    const result = await importBpmn(await exported(map));
    expect(result).toEqual({ ok: true, map, warnings: [] });
  });

  it("gives the hostile map back exactly, control characters and all", async () => {
    const map = hostileMap();
    const result = await importBpmn(exportBpmn(map, gridLayout(map)));
    expect(result).toEqual({ ok: true, map, warnings: [] });
  });

  const text = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 12,
    }),
    fc.constantFrom("  padded  ", "line\nbreak\r\nand\ttab", "back\\slash \\u0041", "]]>&amp;<"),
  );
  const nonBlank = text.filter((t) => t.trim() !== "");

  /** A random valid map with every field filled at random (hostile ids, positions, -0 included). */
  const arbitraryFullMap = fc
    .tuple(
      arbitraryPlacedMap(8),
      fc.infiniteStream(
        fc.record({
          label: nonBlank,
          text,
          systems: fc.array(nonBlank, { maxLength: 3 }),
          color: fc.option(fc.constantFrom("#e0f2fe", "#FFF"), { nil: undefined }),
          severity: fc.constantFrom("low", "medium", "high", "critical" as const),
          status: fc.constantFrom("open", "mitigated", "accepted" as const),
          votes: fc.nat(50),
          due: fc.option(fc.constant("2026-03-31"), { nil: undefined }),
          edgeCases: fc.nat(2),
          zero: fc.boolean(),
        }),
      ),
    )
    .map(([map, stream]): unknown => {
      const next = () => stream.next().value;
      let ec = 0;
      return {
        ...map,
        title: next().label,
        description: next().text,
        lanes: map.lanes.map((l) => ({
          ...l,
          name: next().label,
          ...(next().color ? { color: "#abc" } : {}),
        })),
        phases: map.phases.map((p) => ({ ...p, name: next().label })),
        steps: map.steps.map((s) => {
          const r = next();
          const position = s.position && r.zero ? { x: -0, y: s.position.y } : s.position;
          return {
            ...s,
            label: r.label,
            description: r.text,
            owner: r.text,
            systems: r.systems,
            ...(position ? { position } : {}),
          };
        }),
        handoffs: map.handoffs
          .filter((h) => h.from !== h.to)
          .map((h) => {
            const r = next();
            return {
              ...h,
              label: r.text,
              edgeCases: Array.from({ length: r.edgeCases }, () => {
                const e = next();
                ec += 1;
                return {
                  id: `ec ${ec}`,
                  title: e.label,
                  severity: e.severity,
                  status: e.status,
                  owner: e.text,
                  mitigation: e.text,
                  description: e.text,
                  votes: e.votes,
                  ...(e.due ? { due: e.due } : {}),
                };
              }),
            };
          }),
      };
    });

  it("gives any valid map back exactly (property)", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryFullMap, async (raw) => {
        const parsed = parseMap(raw);
        fc.pre(parsed.ok);
        if (!parsed.ok) return;
        const map = parsed.map;
        const result = await importBpmn(exportBpmn(map, gridLayout(map)));
        expect(result).toEqual({ ok: true, map, warnings: [] });
      }),
      { numRuns: 60 },
    );
  });
});
