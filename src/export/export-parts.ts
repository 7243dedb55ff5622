/**
 * The parts of an image export (`--parts diagram,legend,register,title`): which blocks the SVG,
 * PNG and PDF draw. The diagram alone is cropped to the lanes, ready for a wiki page.
 */

export const EXPORT_PART_NAMES = ["diagram", "legend", "register", "title"] as const;
export type ExportPartName = (typeof EXPORT_PART_NAMES)[number];

export type ExportParts = Record<ExportPartName, boolean>;

export const ALL_PARTS: Readonly<ExportParts> = Object.freeze({
  diagram: true,
  legend: true,
  register: true,
  title: true,
});

export type PartsResult = { ok: true; parts: ExportParts } | { ok: false; error: string };

/**
 * Reads a comma-separated list of part names (spaces and case ignored, repeats allowed).
 *
 * @example
 * parseParts("diagram") // { ok: true, parts: { diagram: true, legend: false, register: false, title: false } }
 * parseParts("diagram,map") // { ok: false, error: 'unknown part "map"; use diagram, legend, register, title' }
 */
export function parseParts(text: string): PartsResult {
  const names = text
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
  if (names.length === 0)
    return { ok: false, error: `no parts given; use one or more of ${EXPORT_PART_NAMES.join(", ")}` };
  const parts: ExportParts = { diagram: false, legend: false, register: false, title: false };
  for (const name of names) {
    if (!(EXPORT_PART_NAMES as readonly string[]).includes(name))
      return {
        ok: false,
        error: `unknown part ${JSON.stringify(name)}; use ${EXPORT_PART_NAMES.join(", ")}`,
      };
    parts[name as ExportPartName] = true;
  }
  return { ok: true, parts };
}

/** "diagram,legend": the parts that are on, in the canonical order. */
export function formatParts(parts: Readonly<ExportParts>): string {
  return EXPORT_PART_NAMES.filter((name) => parts[name]).join(",");
}
