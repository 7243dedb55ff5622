/**
 * Deterministic fresh ids: a readable slug of the label where there is one ("discovery",
 * "discovery-2"), otherwise prefix + counter ("h12"). No randomness, so edits replay exactly.
 */
export function freshId(taken: ReadonlySet<string>, base: string, fallback: string): string {
  const slug = slugify(base);
  const stem = slug === "" ? fallback : slug;
  if (slug !== "" && !taken.has(stem)) return stem;
  for (let n = slug === "" ? 1 : 2; ; n++) {
    const candidate = slug === "" ? `${stem}${n}` : `${stem}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Lowercase ASCII letters, digits and hyphens; at most 40 characters. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}
