/**
 * The "Handoff contracts" table (the SLA document RevOps teams keep in spreadsheets today) and
 * the "Dark zones" table, as plain text cells: render-markdown.ts and render-contracts-csv.ts
 * each escape and lay them out their own way.
 */
import { formatSla } from "../model/contract";
import { isSystemCrossing, systemCrossings } from "../model/system-crossings";
import type { Handoff, HandoffMap, Step } from "../model/types";

export const CONTRACT_COLUMNS = [
  "Handoff",
  "From",
  "To",
  "Trigger",
  "Required data",
  "SLA",
  "Sender",
  "Receiver",
  "System of record",
  "Acceptance",
  "Edge cases",
  "Integration",
] as const;

export const DARK_ZONE_COLUMNS = ["Handoff", "From", "To", "Re-keyed from", "Into"] as const;

export function hasContract(h: Handoff): boolean {
  return (
    h.trigger !== undefined ||
    h.requiredData !== undefined ||
    h.sla !== undefined ||
    h.sender !== undefined ||
    h.receiver !== undefined ||
    h.systemOfRecord !== undefined ||
    h.acceptance !== undefined ||
    h.noKnownEdgeCases !== undefined ||
    h.integration !== undefined
  );
}

/** "Company domain (agreed); Budget range (not agreed)". */
export function describeRequiredData(h: Handoff): string {
  return (h.requiredData ?? [])
    .map((item) => `${item.item} (${item.agreed ? "agreed" : "not agreed"})`)
    .join("; ");
}

function stepLabel(steps: ReadonlyMap<string, Step>, id: string): string {
  return steps.get(id)?.label ?? id;
}

/**
 * One row per handoff that crosses lanes or has any contract field, in map order. A handoff
 * within one lane and without a contract is work inside a team, not an agreement between teams.
 */
export function contractTableRows(map: HandoffMap): string[][] {
  const steps = new Map(map.steps.map((step) => [step.id, step]));
  return map.handoffs
    .filter((h) => hasContract(h) || steps.get(h.from)?.lane !== steps.get(h.to)?.lane)
    .map((h) => {
      const crossing = isSystemCrossing(steps.get(h.from), steps.get(h.to));
      const edgeCases =
        h.edgeCases.length > 0
          ? String(h.edgeCases.length)
          : h.noKnownEdgeCases === true
            ? "none known"
            : "not examined";
      return [
        h.label,
        stepLabel(steps, h.from),
        stepLabel(steps, h.to),
        h.trigger ?? "",
        describeRequiredData(h),
        formatSla(h.sla),
        h.sender ?? "",
        h.receiver ?? "",
        h.systemOfRecord ?? "",
        h.acceptance ?? "",
        edgeCases,
        crossing ? (h.integration ?? "unknown") : "",
      ];
    });
}

/** System crossings marked manual re-entry, in map order. */
export function darkZoneRows(map: HandoffMap): string[][] {
  return systemCrossings(map)
    .filter((crossing) => crossing.integration === "manual re-entry")
    .map(({ handoff, from, to }) => [
      handoff.label,
      from.label,
      to.label,
      from.systems.join(", "),
      to.systems.join(", "),
    ]);
}
