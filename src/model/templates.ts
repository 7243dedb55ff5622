import { numberEdgeCases } from "./edge-case-numbers";
import { REVOPS_CONTRACTS } from "./template-contracts";
import type { EdgeCase, Handoff, HandoffMap, Step } from "./types";

/**
 * The maps a new document starts from. Built by functions (not shared constants) so every caller
 * gets its own copy and no edit can leak into the next new map.
 */

type StepSeed = Pick<Step, "id" | "lane" | "label"> & Partial<Step>;
type EdgeCaseSeed = Pick<EdgeCase, "id" | "title" | "severity"> & Partial<EdgeCase>;
type HandoffSeed = Pick<Handoff, "id" | "from" | "to" | "label"> & { edgeCases?: EdgeCaseSeed[] };

const step = (seed: StepSeed): Step => ({ kind: "task", description: "", owner: "", systems: [], ...seed });
const edgeCase = (seed: EdgeCaseSeed): EdgeCase => ({
  status: "open",
  owner: "",
  mitigation: "",
  description: "",
  votes: 0,
  ...seed,
});
const handoff = ({ edgeCases = [], ...seed }: HandoffSeed): Handoff => ({
  ...seed,
  edgeCases: edgeCases.map(edgeCase),
  ...structuredClone(REVOPS_CONTRACTS[seed.id] ?? {}),
});

export const TEMPLATE_IDS = ["revops", "blank"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export function createTemplate(id: TemplateId): HandoffMap {
  return id === "revops" ? createRevOpsTemplate() : createBlankTemplate();
}

/** What a new lane is called: the blank template's "Department 1", "Department 2", and on. */
export const NEW_LANE_NAME = "Department";
/** What a new phase is called: "Phase 1", "Phase 2"... */
export const NEW_PHASE_NAME = "Phase";

/**
 * The name for one more lane or phase: the prefix and the item's number (its count + 1), moved
 * on past any name already taken ("Department 3" after two lanes, "Department 4" if 3 is used).
 */
export function nextItemName(prefix: string, existing: readonly { name: string }[]): string {
  const taken = new Set(existing.map((item) => item.name.trim().toLowerCase()));
  let n = existing.length + 1;
  while (taken.has(`${prefix} ${n}`.toLowerCase())) n++;
  return `${prefix} ${n}`;
}

export function createBlankTemplate(): HandoffMap {
  return {
    format: "handoff-map",
    version: 1,
    title: "Untitled process map",
    description: "",
    lanes: [
      { id: "lane-1", name: `${NEW_LANE_NAME} 1` },
      { id: "lane-2", name: `${NEW_LANE_NAME} 2` },
    ],
    phases: [],
    steps: [],
    handoffs: [],
  };
}

/**
 * Where the RevOps template's steps stand: the positions our auto layout gives them (a test keeps
 * the two equal). A new map opens placed, so its layout needs no ELK: the layout worker stays
 * small (ELK is 1.5 MB of compiled Java, about 6 MB of heap once loaded) until someone asks for
 * an auto layout.
 */
const REVOPS_POSITIONS: Readonly<Record<string, { x: number; y: number }>> = {
  "prospect-raises-hand": { x: 28, y: 24 },
  "lead-capture": { x: 320, y: 24 },
  "lead-nurture": { x: 1322, y: 24 },
  "enrich-route": { x: 570, y: 24 },
  "outreach-qualify": { x: 797, y: 24 },
  qualified: { x: 1090, y: 35 },
  discovery: { x: 1525, y: 24 },
  "close-plan": { x: 1820, y: 24 },
  "deal-desk": { x: 2050, y: 24 },
  "order-management": { x: 2291, y: 24 },
  onboarding: { x: 2528, y: 34 },
  "renewal-forecast": { x: 2849, y: 24 },
  "customer-renewed": { x: 3140, y: 39 },
};

const placedRevOps = (steps: Step[]): Step[] =>
  steps.map((s) => {
    const position = REVOPS_POSITIONS[s.id];
    return position === undefined ? s : { ...s, position: { ...position } };
  });

/**
 * The revenue lifecycle in three parts of the customer journey, seven departments and the eight
 * core revenue processes, with the handoffs between departments and what typically breaks them.
 */
export function createRevOpsTemplate(): HandoffMap {
  // Numbered EC-1.. in map order, as reading the file would number them.
  return numberEdgeCases({
    format: "handoff-map",
    version: 1,
    title: "RevOps customer lifecycle",
    description:
      "How a prospect becomes a customer and then a renewing customer: who owns each step, where work " +
      "changes hands between departments, and the edge cases that break those handoffs.",
    lanes: [
      { id: "marketing", name: "Marketing" },
      { id: "revops", name: "Marketing Ops / RevOps" },
      { id: "sdr", name: "SDR" },
      { id: "sales", name: "Sales" },
      { id: "deal-desk", name: "Deal Desk" },
      { id: "finance", name: "Finance & Orders" },
      { id: "customer-success", name: "Customer Success" },
    ],
    phases: [
      { id: "engagement", name: "Engagement" },
      { id: "execution", name: "Execution" },
      { id: "continuity", name: "Continuity" },
    ],
    steps: placedRevOps([
      step({
        id: "prospect-raises-hand",
        lane: "marketing",
        phase: "engagement",
        label: "Prospect raises a hand",
        kind: "start",
        description: "A buyer downloads content, attends an event or asks for a demo.",
        systems: ["Website"],
      }),
      step({
        id: "lead-capture",
        lane: "marketing",
        phase: "engagement",
        label: "Lead capture",
        description: "The contact form is completed; consent, source and campaign are recorded on the lead.",
        owner: "Demand generation",
        systems: ["Marketing automation", "CRM"],
      }),
      step({
        id: "lead-nurture",
        lane: "marketing",
        phase: "engagement",
        label: "Lead nurture",
        description: "Leads that are not ready to buy receive nurture programmes until they engage again.",
        owner: "Lifecycle marketing",
        systems: ["Marketing automation"],
      }),
      step({
        id: "enrich-route",
        lane: "revops",
        phase: "engagement",
        label: "Lead enrichment and routing",
        description:
          "Firmographics are appended, the lead is scored, matched to existing accounts and routed to the right queue by territory and segment.",
        owner: "Marketing Ops",
        systems: ["Enrichment", "CRM", "Routing engine"],
      }),
      step({
        id: "outreach-qualify",
        lane: "sdr",
        phase: "engagement",
        label: "Cold outreach and inbound qualification",
        description:
          "SDRs work routed leads and outbound target accounts, and qualify against the agreed criteria.",
        owner: "SDR team lead",
        systems: ["Sales engagement", "CRM"],
      }),
      step({
        id: "qualified",
        lane: "sdr",
        phase: "engagement",
        label: "Meets qualification criteria?",
        kind: "decision",
        description:
          "Budget, authority, need and timing confirmed on a call, or the lead returns to nurture.",
        owner: "SDR team lead",
      }),
      step({
        id: "discovery",
        lane: "sales",
        phase: "execution",
        label: "Discovery",
        description: "The account executive confirms pain, impact, decision process and stakeholders.",
        owner: "Account executive",
        systems: ["CRM", "Call recording"],
      }),
      step({
        id: "close-plan",
        lane: "sales",
        phase: "execution",
        label: "Mutual close plan",
        description: "Buyer and seller agree the steps, owners and dates that lead to signature and go-live.",
        owner: "Account executive",
        systems: ["CRM", "Digital sales room"],
      }),
      step({
        id: "deal-desk",
        lane: "deal-desk",
        phase: "execution",
        label: "Deal desk and discount approval",
        description: "Pricing, discounts and non-standard terms are checked against the approval matrix.",
        owner: "Deal desk manager",
        systems: ["CPQ", "CRM"],
      }),
      step({
        id: "order-management",
        lane: "finance",
        phase: "execution",
        label: "Order management and fulfilment",
        description: "The signed order form is booked, invoiced and provisioned.",
        owner: "Order management",
        systems: ["CPQ", "Billing", "ERP"],
      }),
      step({
        id: "onboarding",
        lane: "customer-success",
        phase: "continuity",
        label: "Kickoff and onboarding",
        description: "Customer success runs the kickoff, confirms success criteria and drives adoption.",
        owner: "Customer success manager",
        systems: ["Customer success platform"],
      }),
      step({
        id: "renewal-forecast",
        lane: "customer-success",
        phase: "continuity",
        label: "Renewal forecasting",
        description:
          "Health, usage and stakeholder signals feed the renewal forecast well before the term ends.",
        owner: "Customer success manager",
        systems: ["Customer success platform", "CRM", "Product analytics"],
      }),
      step({
        id: "customer-renewed",
        lane: "customer-success",
        phase: "continuity",
        label: "Customer renewed",
        kind: "end",
        owner: "Customer success manager",
      }),
    ]),
    handoffs: [
      handoff({ id: "h1", from: "prospect-raises-hand", to: "lead-capture", label: "form submitted" }),
      handoff({
        id: "h2",
        from: "lead-capture",
        to: "enrich-route",
        label: "new lead",
        edgeCases: [
          {
            id: "ec1",
            title: "Lead already exists as an open opportunity",
            severity: "high",
            owner: "Marketing Ops",
            mitigation:
              "Match on email domain against open opportunities before creating a lead; attach it and alert the owner.",
            description:
              "A second contact from a company in an active deal creates a duplicate lead that an SDR calls cold.",
          },
          {
            id: "ec2",
            title: "Form fills from students, job seekers and competitors",
            severity: "low",
            status: "accepted",
            owner: "Demand generation",
            description: "They inflate lead volume; filtered by hand today.",
          },
        ],
      }),
      handoff({
        id: "h3",
        from: "enrich-route",
        to: "outreach-qualify",
        label: "routed lead",
        edgeCases: [
          {
            id: "ec3",
            title: "Lead from an existing customer routed to an SDR instead of the account manager",
            severity: "critical",
            owner: "RevOps",
            mitigation:
              "Check account ownership before territory rules; customer leads go to the account manager.",
            due: "2027-01-15",
          },
          {
            id: "ec4",
            title: "Territory rules out of date after a sales reorganisation",
            severity: "medium",
            owner: "RevOps",
          },
          {
            id: "ec5",
            title: "Enrichment finds no company size, so the lead falls into a catch-all queue",
            severity: "medium",
            status: "mitigated",
            owner: "Marketing Ops",
            mitigation: "Fallback routing by email domain and country; weekly review of the catch-all queue.",
          },
        ],
      }),
      handoff({
        id: "h4",
        from: "outreach-qualify",
        to: "qualified",
        label: "qualification call",
        edgeCases: [
          {
            id: "ec6",
            title: "Inbound demo request not followed up within the response SLA",
            severity: "high",
            owner: "SDR team lead",
            mitigation: "Speed-to-lead alert after 15 minutes; escalate to the team lead after one hour.",
          },
        ],
      }),
      handoff({
        id: "h5",
        from: "qualified",
        to: "discovery",
        label: "sales-accepted opportunity",
        edgeCases: [
          {
            id: "ec7",
            title: "Account executive rejects the meeting: SDR and Sales define qualified differently",
            severity: "high",
            owner: "VP Sales",
            mitigation: "One written definition of a sales-accepted opportunity, reviewed each quarter.",
            due: "2027-02-01",
          },
          {
            id: "ec8",
            title: "Notes from the qualification call never reach the opportunity",
            severity: "medium",
            owner: "SDR team lead",
          },
        ],
      }),
      handoff({
        id: "h6",
        from: "qualified",
        to: "lead-nurture",
        label: "not yet: back to nurture",
        edgeCases: [
          {
            id: "ec9",
            title: "Disqualified leads stay in the SDR queue and never re-enter nurture",
            severity: "medium",
            owner: "Marketing Ops",
          },
        ],
      }),
      handoff({ id: "h7", from: "lead-nurture", to: "enrich-route", label: "re-engaged lead" }),
      handoff({ id: "h8", from: "discovery", to: "close-plan", label: "qualified opportunity" }),
      handoff({
        id: "h9",
        from: "close-plan",
        to: "deal-desk",
        label: "quote for approval",
        edgeCases: [
          {
            id: "ec10",
            title: "Discount beyond the approval matrix",
            severity: "critical",
            owner: "Deal desk manager",
            mitigation: "CPQ enforces the thresholds; exceptions need CRO approval recorded on the quote.",
            due: "2026-12-18",
          },
          {
            id: "ec11",
            title: "Non-standard payment terms promised verbally to the buyer",
            severity: "high",
            owner: "Deal desk manager",
          },
        ],
      }),
      handoff({ id: "h10", from: "deal-desk", to: "close-plan", label: "rework the terms" }),
      handoff({
        id: "h11",
        from: "deal-desk",
        to: "order-management",
        label: "signed order form",
        edgeCases: [
          {
            id: "ec12",
            title: "Order form does not match the approved quote",
            severity: "critical",
            owner: "Order management",
            mitigation:
              "Generate the order form from the approved quote only; block manual edits after approval.",
          },
          {
            id: "ec13",
            title: "Purchase order number missing for a customer that requires one",
            severity: "medium",
            status: "mitigated",
            owner: "Order management",
            mitigation: "PO number is a required field for accounts flagged as PO-required.",
          },
        ],
      }),
      handoff({
        id: "h12",
        from: "order-management",
        to: "onboarding",
        label: "booked and provisioned",
        edgeCases: [
          {
            id: "ec14",
            title: "Commitments made during the sale are not handed to customer success",
            severity: "high",
            owner: "Customer success lead",
            mitigation: "Sales-to-CS handover form attached to the closed-won opportunity.",
          },
          {
            id: "ec15",
            title: "Kickoff scheduled before provisioning is complete",
            severity: "medium",
            owner: "Order management",
          },
        ],
      }),
      handoff({
        id: "h13",
        from: "onboarding",
        to: "renewal-forecast",
        label: "health and adoption",
        edgeCases: [
          {
            id: "ec16",
            title: "Health score built on stale usage data",
            severity: "low",
            status: "accepted",
            owner: "RevOps",
          },
        ],
      }),
      handoff({
        id: "h14",
        from: "renewal-forecast",
        to: "discovery",
        label: "expansion opportunity",
        edgeCases: [
          {
            id: "ec17",
            title: "Expansion opportunity opened without the account manager",
            severity: "medium",
            owner: "Customer success lead",
          },
        ],
      }),
      handoff({ id: "h15", from: "renewal-forecast", to: "customer-renewed", label: "renewal signed" }),
    ],
  }).map;
}
