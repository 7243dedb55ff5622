import { formatIssue } from "../../model/map-issue";
import { parseMapText } from "../../model/parse-map";
import type { HandoffMap } from "../../model/types";

/** Stored text through the same pipeline as an imported file, problems in the CLI's words. */
export function parseStoredText(
  text: string,
): { ok: true; map: HandoffMap } | { ok: false; problems: string[] } {
  const result = parseMapText(text);
  return result.ok ? { ok: true, map: result.map } : { ok: false, problems: result.errors.map(formatIssue) };
}
