/**
 * Reads an exported SVG with a real XML parser (fast-xml-parser) into a small typed tree, so
 * tests check structure instead of matching strings.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface SvgElement {
  name: string;
  attrs: Map<string, string>;
  children: SvgNode[];
}
export type SvgNode = SvgElement | string;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  processEntities: true,
  htmlEntities: false,
});

/** Throws with the parser's message when the document is not well-formed XML. */
export function parseSvg(svg: string): SvgElement {
  const valid = XMLValidator.validate(svg);
  if (valid !== true)
    throw new Error(`not well-formed: ${valid.err.msg} at ${valid.err.line}:${valid.err.col}`);
  const roots = toNodes(parser.parse(svg) as unknown).filter((n): n is SvgElement => typeof n !== "string");
  const root = roots[0];
  if (roots.length !== 1 || root === undefined)
    throw new Error(`expected one root element, got ${roots.length}`);
  return root;
}

function toNodes(raw: unknown): SvgNode[] {
  if (!Array.isArray(raw)) return [];
  const nodes: SvgNode[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== "object" || item === null) continue;
    const record = item as Record<string, unknown>;
    if ("#text" in record) {
      nodes.push(String(record["#text"]));
      continue;
    }
    const name = Object.keys(record).find((k) => k !== ":@");
    if (name === undefined) continue;
    const attrs = new Map<string, string>();
    const rawAttrs = record[":@"];
    if (typeof rawAttrs === "object" && rawAttrs !== null) {
      for (const [k, v] of Object.entries(rawAttrs as Record<string, unknown>)) attrs.set(k, String(v));
    }
    nodes.push({ name, attrs, children: toNodes(record[name]) });
  }
  return nodes;
}

export function* walk(element: SvgElement): Generator<SvgElement> {
  yield element;
  for (const child of element.children) if (typeof child !== "string") yield* walk(child);
}

export function textContent(node: SvgNode): string {
  if (typeof node === "string") return node;
  return node.children.map(textContent).join("");
}

/** The element's direct child elements with that tag name. */
export function childrenNamed(element: SvgElement, name: string): SvgElement[] {
  return element.children.filter((c): c is SvgElement => typeof c !== "string" && c.name === name);
}

/** Every element carrying the attribute, keyed by its value (values must be unique). */
export function byAttr(root: SvgElement, attr: string): Map<string, SvgElement> {
  const found = new Map<string, SvgElement>();
  for (const el of walk(root)) {
    const value = el.attrs.get(attr);
    if (value === undefined) continue;
    if (found.has(value)) throw new Error(`duplicate ${attr}=${JSON.stringify(value)}`);
    found.set(value, el);
  }
  return found;
}

export function num(element: SvgElement, attr: string): number {
  const value = element.attrs.get(attr);
  if (value === undefined) throw new Error(`<${element.name}> has no ${attr}`);
  return Number(value);
}

/** The lines of a <text>: one per <tspan>. */
export function tspanLines(text: SvgElement): string[] {
  return childrenNamed(text, "tspan").map(textContent);
}

/** Points of an "M x,y L x,y ..." path. */
export function svgPathPoints(d: string): { x: number; y: number }[] {
  return Array.from(d.matchAll(/[ML]\s*(-?[\d.]+),(-?[\d.]+)/g), (m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
  }));
}
