/**
 * Paper sizes of the PDF export, in PDF points (1/72 inch), portrait width x height. Landscape
 * is the default: a swimlane diagram is wide.
 */

export const PAGE_SIZES = ["a4", "a3", "letter", "tabloid"] as const;
export type PageSizeName = (typeof PAGE_SIZES)[number];
export type Orientation = "landscape" | "portrait";

const PORTRAIT: Record<PageSizeName, readonly [number, number]> = {
  a4: [595.28, 841.89],
  a3: [841.89, 1190.55],
  letter: [612, 792],
  tabloid: [792, 1224],
};

export const PAGE_LABELS: Record<PageSizeName, string> = {
  a4: "A4",
  a3: "A3",
  letter: "Letter",
  tabloid: "Tabloid",
};

export interface PageSize {
  width: number;
  height: number;
}

/**
 * @example
 * pageSize("a3") // { width: 1190.55, height: 841.89 } (landscape)
 */
export function pageSize(name: PageSizeName, orientation: Orientation = "landscape"): PageSize {
  const [short, long] = PORTRAIT[name];
  return orientation === "landscape" ? { width: long, height: short } : { width: short, height: long };
}

/** A 16:9 slide page: 13.333 x 7.5 inches, the size of a widescreen presentation slide. */
export const SLIDE_PAGE: Readonly<PageSize> = Object.freeze({ width: 960, height: 540 });

export function isPageSizeName(value: string): value is PageSizeName {
  return (PAGE_SIZES as readonly string[]).includes(value);
}
