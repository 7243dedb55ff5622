import type { HandoffContract } from "../model/contract";
import type { HandoffMap } from "../model/types";

/**
 * A handoff's contract fields in the fixed order of docs/format.md, only those that are set, for
 * the JSON export and the saved file (render-json.ts spreads this after the edge cases).
 */
export function contractJson(h: HandoffContract): HandoffContract {
  const out: HandoffContract = {};
  if (h.trigger !== undefined) out.trigger = h.trigger;
  if (h.requiredData !== undefined)
    out.requiredData = h.requiredData.map(({ item, agreed }) => ({ item, agreed }));
  if (h.sla !== undefined)
    out.sla = {
      ...(h.sla.value === undefined ? {} : { value: h.sla.value }),
      ...(h.sla.unit === undefined ? {} : { unit: h.sla.unit }),
      ...(h.sla.text === undefined ? {} : { text: h.sla.text }),
    };
  if (h.sender !== undefined) out.sender = h.sender;
  if (h.receiver !== undefined) out.receiver = h.receiver;
  if (h.systemOfRecord !== undefined) out.systemOfRecord = h.systemOfRecord;
  if (h.acceptance !== undefined) out.acceptance = h.acceptance;
  if (h.noKnownEdgeCases !== undefined) out.noKnownEdgeCases = h.noKnownEdgeCases;
  if (h.integration !== undefined) out.integration = h.integration;
  return out;
}

/** The map's `lint` section, keys sorted so two saves of the same settings are byte-identical. */
export function lintSettingsJson(map: HandoffMap): Pick<HandoffMap, "lint"> {
  if (map.lint === undefined) return {};
  const lint: Record<string, NonNullable<HandoffMap["lint"]>[string]> = {};
  for (const key of Object.keys(map.lint).sort()) {
    const level = map.lint[key];
    if (level !== undefined) lint[key] = level;
  }
  return { lint };
}
