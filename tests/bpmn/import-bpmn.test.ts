import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exportBpmn } from "../../src/bpmn/export-bpmn";
import { type BpmnImportResult, importBpmn, importBpmnBytes } from "../../src/bpmn/import-bpmn";
import { layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import { formatIssue } from "../../src/model/map-issue";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap, Step, StepKind } from "../../src/model/types";

const FIXTURES = path.resolve(__dirname, "../fixtures/bpmn");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");

async function imported(xml: string): Promise<{ map: HandoffMap; warnings: string[] }> {
  const result = await importBpmn(xml);
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join("\n"));
  return { map: result.map, warnings: result.warnings.map(formatIssue) };
}

function errorsOf(result: BpmnImportResult): string[] {
  return result.ok ? [] : result.errors.map(formatIssue);
}

const step = (id: string, lane: string, label: string, kind: StepKind, extra: Partial<Step> = {}): Step => ({
  id,
  lane,
  label,
  kind,
  description: "",
  owner: "",
  systems: [],
  ...extra,
});
const handoff = (
  id: string,
  from: string,
  to: string,
  label = "",
  edgeCases: HandoffMap["handoffs"][number]["edgeCases"] = [],
) => ({
  id,
  from,
  to,
  label,
  edgeCases,
});
const at = (x: number, y: number) => ({ position: { x, y } });

/** Every step's box lies in its own lane's band once Handoff has laid the map out. */
async function expectEveryStepInItsLane(map: HandoffMap): Promise<void> {
  const layout = await layoutMap(createNodeElk(), map);
  const bands = new Map(layout.lanes.map((band) => [band.id, band]));
  for (const s of map.steps) {
    const box = layout.steps.find((b) => b.id === s.id);
    const band = bands.get(s.lane);
    expect(box, s.id).toBeDefined();
    expect(band, s.lane).toBeDefined();
    if (box === undefined || band === undefined) continue;
    expect(box.y, `${s.id} top`).toBeGreaterThanOrEqual(band.y);
    expect(box.y + box.height, `${s.id} bottom`).toBeLessThanOrEqual(band.y + band.height);
  }
}

describe("importBpmn: files from other tools", () => {
  it("several pools with message flows: Pool / Lane names, a lane-less pool, a black-box pool as one step", async () => {
    // Given a Camunda Modeler collaboration of two pools with processes and a black-box pool
    const { map, warnings } = await imported(fixture("pools-and-message-flows.bpmn"));
    // Then every pool is there, top to bottom as drawn, with the message flows as handoffs
    expect(map).toEqual({
      format: "handoff-map",
      version: 1,
      title: "Sales team and Billing",
      description: "",
      lanes: [
        { id: "Lane_AE", name: "Sales team / Account executive" },
        { id: "Lane_Ops", name: "Sales team / Sales ops" },
        { id: "Participant_Customer", name: "Customer" },
        { id: "Participant_Billing", name: "Billing" },
      ],
      phases: [],
      steps: [
        step("StartEvent_1", "Lane_AE", "Lead assigned", "start", at(-32, 36)),
        step("Activity_Prepare", "Lane_AE", "Prepare quote", "task", {
          description: "Price from the current list; discounts need approval.",
          ...at(160, 36),
        }),
        step("Activity_Approve", "Lane_Ops", "Approve discount", "task", at(400, 36)),
        step("Event_QuoteSent", "Lane_AE", "Quote sent", "end", at(592, 36)),
        step("Event_OrderReceived", "Participant_Billing", "Order received", "start", at(-32, 76)),
        step("Activity_Invoice", "Participant_Billing", "Issue invoice", "task", at(160, 76)),
        step("Event_Invoiced", "Participant_Billing", "Invoiced", "end", at(368, 76)),
        step("Participant_Customer", "Participant_Customer", "Customer", "task"),
      ],
      handoffs: [
        handoff("Flow_1", "StartEvent_1", "Activity_Prepare"),
        handoff("Flow_2", "Activity_Prepare", "Activity_Approve", "discount asked"),
        handoff("Flow_3", "Activity_Approve", "Event_QuoteSent"),
        handoff("Flow_4", "Event_OrderReceived", "Activity_Invoice"),
        handoff("Flow_5", "Activity_Invoice", "Event_Invoiced"),
        handoff("Flow_quote", "Activity_Prepare", "Participant_Customer", "quote"),
        handoff("Flow_order", "Participant_Customer", "Event_OrderReceived", "signed order"),
        handoff("Flow_invoice", "Activity_Invoice", "Participant_Customer", "invoice"),
      ],
    });
    expect(warnings).toEqual([]);
    await expectEveryStepInItsLane(map);
  });

  it("nested lanes flatten to Parent / Child; a group becomes a phase; an annotation on a flow an edge case", async () => {
    // Given a Signavio export with nested lanes, a group and an annotation
    const { map, warnings } = await imported(fixture("nested-lanes.bpmn"));
    expect(map).toEqual({
      format: "handoff-map",
      version: 1,
      title: "Order to cash",
      description: "",
      lanes: [
        { id: "sid-inside", name: "Sales / Inside sales" },
        { id: "sid-field", name: "Sales / Field sales" },
        { id: "sid-finance", name: "Finance" },
      ],
      phases: [{ id: "sid-group", name: "Discovery" }],
      steps: [
        step("sid-start", "sid-inside", "Request in", "start", { phase: "sid-group", ...at(-16, 41) }),
        step("sid-qualify", "sid-inside", "Qualify", "task", { phase: "sid-group", ...at(160, 41) }),
        step("sid-visit", "sid-field", "Visit customer", "task", at(400, 41)),
        step("sid-credit", "sid-finance", "Check credit", "task", at(688, 41)),
        step("sid-end", "sid-finance", "Order booked", "end", at(870, 41)),
      ],
      handoffs: [
        handoff("sid-f1", "sid-start", "sid-qualify"),
        handoff("sid-f2", "sid-qualify", "sid-visit", "qualified"),
        handoff("sid-f3", "sid-visit", "sid-credit", "terms agreed", [
          {
            id: "sid-note",
            number: 1,
            title: "Credit checks take up to 3 days",
            description: "Finance has no queue for rush deals",
            severity: "medium",
            status: "open",
            owner: "",
            mitigation: "",
            votes: 0,
          },
        ]),
        handoff("sid-f4", "sid-credit", "sid-end"),
      ],
    });
    expect(warnings).toEqual([]);
    await expectEveryStepInItsLane(map);
  });

  it("a sub-process, a call activity and a boundary event become steps, with warnings naming their ids", async () => {
    // Given a bpmn.io process without a pool: one lane named after the process
    const { map, warnings } = await imported(fixture("sub-process.bpmn"));
    expect(map.lanes).toEqual([{ id: "Process_onboarding", name: "Customer onboarding" }]);
    expect(map.steps.map((s) => [s.id, s.kind, s.label])).toEqual([
      ["Start", "start", "Contract signed"],
      ["Onboard", "task", "Onboard customer"],
      ["Credit", "task", "Run credit check"],
      ["Late", "task", "5 days"],
      ["Escalate", "task", "Escalate to CSM lead"],
      ["End", "end", "Live"],
    ]);
    // positions from the diagram, left to right as drawn
    expect(map.steps.map((s) => s.position)).toEqual([
      { x: 13, y: 100 },
      { x: 405, y: 100 },
      { x: 845, y: 100 },
      { x: 557, y: 200 },
      { x: 717, y: 300 },
      { x: 1037, y: 100 },
    ]);
    expect(map.handoffs.map((h) => `${h.from}->${h.to}`)).toEqual([
      "Start->Onboard",
      "Onboard->Credit",
      "Credit->End",
      "Late->Escalate",
    ]);
    expect(warnings).toEqual([
      'Onboard: sub-process "Onboard customer" is imported as one step; its 3 inner elements are not shown',
      'Late: boundary event "5 days" is imported as a step; its attachment to Onboard is not kept',
    ]);
    await expectEveryStepInItsLane(map);
  });

  it("a file without diagram data: parallel and event-based gateways as decisions, laid out by lane", async () => {
    // Given a file bpmn.io cannot display (no BPMNDiagram)
    const { map, warnings } = await imported(fixture("gateways-no-diagram.bpmn"));
    // Then every gateway is a decision, intermediate events are tasks, unnamed ones named by type
    expect(map.steps.map((s) => [s.id, s.lane, s.kind, s.label])).toEqual([
      ["start", "cs", "start", "90 days to renewal"],
      ["fork", "cs", "decision", "Parallel gateway"],
      ["health", "cs", "task", "Review health"],
      ["usage", "finance", "task", "Pull usage"],
      ["join", "cs", "decision", "Parallel gateway"],
      ["wait", "cs", "decision", "Customer answers?"],
      ["reply", "finance", "task", "Reply received"],
      ["timeout", "finance", "task", "30 days"],
      ["either", "finance", "decision", "Inclusive gateway"],
      ["end", "finance", "end", "Renewal decided"],
    ]);
    expect(map.handoffs).toHaveLength(11);
    expect(warnings).toEqual([]);
    // and no positions: Handoff's lane-aware layout places every step in its lane
    expect(map.steps.every((s) => s.position === undefined)).toBe(true);
    await expectEveryStepInItsLane(map);
  });

  it("data objects and data stores are named in warnings, never dropped without a word", async () => {
    const { map, warnings } = await imported(fixture("data-object.bpmn"));
    expect(map.steps.map((s) => s.id)).toEqual(["Start", "Check", "End"]);
    expect(map.steps.map((s) => s.label)).toEqual(["Start event", "Check invoice", "End event"]);
    expect(warnings).toEqual([
      'InvoiceRef: data object reference "Invoice PDF" is not imported: Handoff maps have no data object references',
      "InvoiceData: data object is not imported: Handoff maps have no data objects",
      'Ledger: data store reference "General ledger" is not imported: Handoff maps have no data store references',
    ]);
    await expectEveryStepInItsLane(map);
  });

  it("flow nodes in no lane go to the pool's Unassigned lane; stray annotations and flows are named", async () => {
    const xml = `<?xml version="1.0"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <collaboration id="c">
    <participant id="pa" name="Sales" processRef="pr" />
    <participant id="pb" name="Support" processRef="pr2" />
    <messageFlow id="mf" sourceRef="t1" targetRef="pb" />
  </collaboration>
  <process id="pr">
    <laneSet><lane id="l1" name="AE"><flowNodeRef>t1</flowNodeRef></lane></laneSet>
    <task id="t1" name="Call" />
    <task id="t2" name="Log call" />
    <sequenceFlow id="f" sourceRef="t1" targetRef="t2" />
    <textAnnotation id="onStep"><text>Note on a step</text></textAnnotation>
    <association id="a1" sourceRef="t2" targetRef="onStep" />
    <textAnnotation id="loose"><text>A loose note</text></textAnnotation>
  </process>
  <process id="pr2"><task id="t3" name="Answer" /></process>
</definitions>`;
    const { map, warnings } = await imported(xml);
    expect(map.lanes.map((l) => l.name)).toEqual(["Sales / AE", "Sales / Unassigned", "Support"]);
    expect(map.steps.map((s) => [s.id, s.lane])).toEqual([
      ["t1", "l1"],
      ["t2", "pr-unassigned"],
      ["t3", "pb"],
    ]);
    expect(warnings).toEqual([
      "mf: message flow does not join two steps (it ends on a pool with a process); not imported",
      'onStep: text annotation on task "Log call" (t2) is not imported: Handoff keeps edge cases on handoffs',
      "loose: text annotation is not joined to a flow; not imported",
    ]);
  });

  it("never resolves an external entity", async () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <process id="p"><task id="t" name="&xxe;" /></process>
</definitions>`;
    const result = await importBpmn(xml);
    expect(JSON.stringify(result)).not.toContain("root:");
  });
});

describe("importBpmn: what it refuses", () => {
  it.each([
    ["empty", "", "the file is empty"],
    [
      "JSON",
      '{"format":"handoff-map"}',
      "not BPMN: a BPMN file is XML and starts with <, this file does not",
    ],
    [
      "SVG",
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      "not BPMN: the file's root element is not <bpmn:definitions> in the BPMN 2.0 namespace",
    ],
    [
      "malformed XML",
      '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">',
      "not valid XML: unparsable content detected at line 1, column",
    ],
    [
      "no process",
      '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><collaboration id="c"><participant id="a" name="A"/></collaboration></definitions>',
      "the file has no process: there is nothing to import (is it a choreography or conversation?)",
    ],
  ])("%s: one clear error", async (_name, xml, message) => {
    const errors = errorsOf(await importBpmn(xml));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it("bytes that are not UTF-8", async () => {
    const errors = errorsOf(await importBpmnBytes(new Uint8Array([0x3c, 0xff, 0xfe, 0x3e])));
    expect(errors).toHaveLength(1);
  });
});

describe("importBpmn: Handoff's own files", () => {
  it("a name changed in another tool wins over the one Handoff kept", async () => {
    // Given the template exported, then a step renamed in a BPMN modeler
    const map = createRevOpsTemplate();
    const xml = exportBpmn(map, await layoutMap(createNodeElk(), map)).replace(
      'name="Lead capture"',
      'name="Lead intake"',
    );
    // When it is imported
    const { map: back } = await imported(xml);
    // Then the new name is kept and everything else is as it was
    expect(back.steps.find((s) => s.id === "lead-capture")?.label).toBe("Lead intake");
    expect({ ...back, steps: back.steps.filter((s) => s.id !== "lead-capture") }).toEqual({
      ...map,
      steps: map.steps.filter((s) => s.id !== "lead-capture"),
    });
  });

  it("a step added in another tool joins its lane where it was drawn, and its flow becomes a handoff", async () => {
    // Given the template exported, then a task drawn into Customer Success in a BPMN modeler
    const map = createRevOpsTemplate();
    const layout = await layoutMap(createNodeElk(), map);
    const band = layout.lanes.find((l) => l.id === "customer-success");
    if (band === undefined) throw new Error("no band");
    const xml = exportBpmn(map, layout)
      .replace(
        "<bpmn:flowNodeRef>Event_customer-renewed</bpmn:flowNodeRef>",
        "<bpmn:flowNodeRef>Event_customer-renewed</bpmn:flowNodeRef><bpmn:flowNodeRef>Activity_new</bpmn:flowNodeRef>",
      )
      .replace(
        "</bpmn:process>",
        '<bpmn:task id="Activity_new" name="Send welcome pack" /><bpmn:sequenceFlow id="Flow_new" sourceRef="Activity_onboarding" targetRef="Activity_new" /></bpmn:process>',
      )
      .replace(
        "</bpmndi:BPMNPlane>",
        `<bpmndi:BPMNShape id="Activity_new_di" bpmnElement="Activity_new"><dc:Bounds x="400" y="${band.y + 30}" width="100" height="80" /></bpmndi:BPMNShape></bpmndi:BPMNPlane>`,
      );
    // When it is imported
    const { map: back, warnings } = await imported(xml);
    // Then the new step is in its lane at the corner it was drawn at, lane-relative
    expect(warnings).toEqual([]);
    expect(back.steps.at(-1)).toEqual(
      step(
        "Activity_new",
        "customer-success",
        "Send welcome pack",
        "task",
        at(400 - layout.laneHeaderWidth, 30),
      ),
    );
    expect(back.handoffs.at(-1)).toEqual(handoff("Flow_new", "onboarding", "Activity_new"));
    expect(back.steps.slice(0, -1)).toEqual(map.steps);
  });
});
