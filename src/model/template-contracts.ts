import type { HandoffContract } from "./contract";

/**
 * The RevOps template's handoff contracts, by handoff id: what good looks like, with a few gaps
 * left on purpose for the workshop to find in the Health panel ("rework the terms" is unexamined,
 * "expansion opportunity" has no SLA, EC-11 has no mitigation, and "booked and provisioned" is
 * re-keyed by hand: a dark zone).
 */
export const REVOPS_CONTRACTS: Readonly<Record<string, HandoffContract>> = {
  h1: { integration: "automated" },
  h2: {
    trigger: "Form submitted with a business email and marketing consent",
    requiredData: [
      { item: "Email and company", agreed: true },
      { item: "Lead source and campaign", agreed: true },
      { item: "Consent status", agreed: true },
    ],
    sla: { value: 5, unit: "minutes", text: "enrichment and routing run on create" },
    sender: "Demand generation",
    receiver: "Marketing Ops",
    systemOfRecord: "CRM: Lead",
    acceptance: "CRM: Lead.Status = Routed, with an owner",
  },
  h3: {
    trigger: "Lead score ≥ 60 and a business email",
    requiredData: [
      { item: "Company domain", agreed: true },
      { item: "Segment and territory", agreed: true },
      { item: "Lead score and top signals", agreed: true },
      { item: "Recent web activity", agreed: false },
    ],
    sla: { value: 4, unit: "business-hours", text: "demo requests within 15 minutes" },
    sender: "Marketing Ops",
    receiver: "SDR team lead",
    systemOfRecord: "CRM: Lead owner and status",
    acceptance: "CRM: Lead.Status = Working",
  },
  h5: {
    trigger: "Budget, authority, need and timing confirmed on a call",
    requiredData: [
      { item: "Discovery notes", agreed: true },
      { item: "Decision maker and timeline", agreed: true },
      { item: "Budget range", agreed: false },
    ],
    sla: { value: 1, unit: "business-days", text: "first meeting within 5 business days" },
    sender: "SDR",
    receiver: "Account executive",
    systemOfRecord: "CRM: Opportunity, stage 1",
    acceptance: "CRM: Lead.Status = SAL; a rejection needs a reason",
  },
  h6: {
    trigger: "Qualification fails on timing or budget",
    requiredData: [
      { item: "Disqualification reason", agreed: true },
      { item: "Date to re-engage", agreed: false },
    ],
    sla: { value: 2, unit: "business-days" },
    sender: "SDR",
    receiver: "Lifecycle marketing",
    systemOfRecord: "CRM: Lead.Status = Nurture",
    acceptance: "Lead enrolled in a nurture programme",
  },
  h7: {
    trigger: "Engagement score crosses the MQL threshold again",
    requiredData: [{ item: "Engagement history", agreed: true }],
    sla: { value: 15, unit: "minutes" },
    sender: "Lifecycle marketing",
    receiver: "Marketing Ops",
    systemOfRecord: "CRM: Lead",
    acceptance: "Lead re-enters routing",
    noKnownEdgeCases: true,
    integration: "automated",
  },
  h9: {
    trigger: "Discount or terms outside the standard price book",
    requiredData: [
      { item: "Quote with line items", agreed: true },
      { item: "Discount justification", agreed: true },
      { item: "Competing offer", agreed: false },
    ],
    sla: { value: 1, unit: "business-days", text: "same day in the last week of the quarter" },
    sender: "Account executive",
    receiver: "Deal desk manager",
    systemOfRecord: "CPQ: Quote approval",
    acceptance: "CPQ: Quote.ApprovalStatus = Approved",
  },
  h10: {
    trigger: "Approval denied, or approved with conditions",
    requiredData: [{ item: "Approver's conditions", agreed: true }],
    sla: { value: 1, unit: "business-days" },
    sender: "Deal desk manager",
    receiver: "Account executive",
    systemOfRecord: "CPQ: Approval comments",
    acceptance: "Revised quote resubmitted",
  },
  h11: {
    trigger: "Customer signs the order form",
    requiredData: [
      { item: "Signed order form", agreed: true },
      { item: "Billing contact", agreed: true },
      { item: "PO number where required", agreed: true },
      { item: "Tax ID", agreed: false },
    ],
    sla: { value: 1, unit: "business-days" },
    sender: "Deal desk manager",
    receiver: "Order management",
    systemOfRecord: "ERP: Sales order",
    acceptance: "ERP: order booked, matching the approved quote",
  },
  h12: {
    trigger: "Order booked and tenant provisioned",
    requiredData: [
      { item: "Commitments made in the sale", agreed: true },
      { item: "Stakeholder map", agreed: true },
      { item: "Customer's success criteria", agreed: false },
    ],
    sla: { value: 2, unit: "business-days", text: "kickoff within 10 business days" },
    sender: "Order management",
    receiver: "Customer success manager",
    systemOfRecord: "Customer success platform: onboarding project",
    acceptance: "Kickoff booked with the customer",
    integration: "manual re-entry",
  },
  h14: {
    trigger: "Seat usage above 80% or a new team asks for access",
    requiredData: [
      { item: "Usage trend", agreed: true },
      { item: "Expansion contact", agreed: false },
    ],
    sender: "Customer success manager",
    receiver: "Account executive",
    systemOfRecord: "CRM: Opportunity (expansion)",
    acceptance: "Account executive books discovery",
  },
};
