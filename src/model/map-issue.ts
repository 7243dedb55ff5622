/**
 * One problem (or warning) found in a map, located by a JSON path that names the ids of the
 * items on the way: `handoffs[3] (h4).to: no step with id "discovry"`.
 */
export interface MapIssue {
  /** e.g. `handoffs[3] (h4).to`; empty for the file as a whole. */
  path: string;
  message: string;
}

export function formatIssue(issue: MapIssue): string {
  return issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`;
}

/** A value quoted for a message: strings in quotes and shortened, others by kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    const short = value.length > 60 ? `${value.slice(0, 57)}…` : value;
    return JSON.stringify(short);
  }
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return "an array";
  return "an object";
}

type PathSegment = string | number;

/**
 * Renders a path such as ["handoffs", 3, "to"] as `handoffs[3] (h4).to`, reading each indexed
 * item's id from the raw input where it has one.
 */
export function formatPath(path: readonly PathSegment[], root: unknown): string {
  let out = "";
  let node: unknown = root;
  for (const segment of path) {
    if (typeof segment === "number") {
      out += `[${segment}]`;
      node = Array.isArray(node) ? node[segment] : undefined;
      const itemId = isRecord(node) ? node.id : undefined;
      if (typeof itemId === "string" && itemId.length > 0) out += ` (${shortId(itemId)})`;
    } else {
      out += out === "" ? segment : `.${segment}`;
      node = isRecord(node) && Object.hasOwn(node, segment) ? node[segment] : undefined;
    }
  }
  return out;
}

function shortId(id: string): string {
  return id.length > 40 ? `${id.slice(0, 37)}…` : id;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
