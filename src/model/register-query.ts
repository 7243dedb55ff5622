import {
  EDGE_CASE_STATUSES,
  type EdgeCase,
  type EdgeCaseStatus,
  type Handoff,
  type HandoffMap,
  SEVERITIES,
  type Severity,
} from "./types";

/**
 * Filtering and sorting the edge-case register, pure and without a DOM. Works on any row that
 * carries these fields, such as the rows numbered by register-rows.ts.
 */
export interface RegisterQueryRow {
  /** Map-order number (EC-n). */
  number: number;
  /** "From → To". */
  handoffName: string;
  handoff: Handoff;
  edgeCase: EdgeCase;
}

export const REGISTER_SORT_KEYS = [
  "number",
  "handoff",
  "title",
  "severity",
  "status",
  "owner",
  "votes",
] as const;
export type RegisterSortKey = (typeof REGISTER_SORT_KEYS)[number];
export type SortDirection = "ascending" | "descending";

export interface RegisterSort {
  key: RegisterSortKey;
  direction: SortDirection;
}

/** null means "any". */
export interface RegisterFilter {
  severity: Severity | null;
  status: EdgeCaseStatus | null;
  /** Keeps edge cases whose handoff starts or ends in this lane. */
  lane: string | null;
}

export const NO_FILTER: RegisterFilter = { severity: null, status: null, lane: null };
export const DEFAULT_SORT: RegisterSort = { key: "number", direction: "ascending" };

/**
 * The direction a column sorts in when first clicked: the most severe and the most voted come
 * first, everything else from A or 1.
 */
export const FIRST_DIRECTION: Record<RegisterSortKey, SortDirection> = {
  number: "ascending",
  handoff: "ascending",
  title: "ascending",
  severity: "descending",
  status: "ascending",
  owner: "ascending",
  votes: "descending",
};

/** Clicking a column header: the same column flips, another starts in its first direction. */
export function nextSort(current: RegisterSort, key: RegisterSortKey): RegisterSort {
  if (current.key === key)
    return { key, direction: current.direction === "ascending" ? "descending" : "ascending" };
  return { key, direction: FIRST_DIRECTION[key] };
}

export function isFiltered(filter: RegisterFilter): boolean {
  return filter.severity !== null || filter.status !== null || filter.lane !== null;
}

export function filterRegister<R extends RegisterQueryRow>(
  rows: readonly R[],
  map: HandoffMap,
  filter: RegisterFilter,
): R[] {
  const laneOf = new Map<string, string>();
  if (filter.lane !== null) for (const step of map.steps) laneOf.set(step.id, step.lane);
  return rows.filter(
    (row) =>
      (filter.severity === null || row.edgeCase.severity === filter.severity) &&
      (filter.status === null || row.edgeCase.status === filter.status) &&
      (filter.lane === null ||
        laneOf.get(row.handoff.from) === filter.lane ||
        laneOf.get(row.handoff.to) === filter.lane),
  );
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

type SortValue = { kind: "number"; value: number } | { kind: "text"; value: string };

function sortValue(row: RegisterQueryRow, key: RegisterSortKey): SortValue {
  switch (key) {
    case "number":
      return { kind: "number", value: row.number };
    case "handoff":
      return { kind: "text", value: row.handoffName };
    case "title":
      return { kind: "text", value: row.edgeCase.title };
    case "severity":
      return { kind: "number", value: SEVERITIES.indexOf(row.edgeCase.severity) };
    case "status":
      return { kind: "number", value: EDGE_CASE_STATUSES.indexOf(row.edgeCase.status) };
    case "owner":
      return { kind: "text", value: row.edgeCase.owner.trim() };
    case "votes":
      return { kind: "number", value: row.edgeCase.votes };
    default: {
      const unknown: never = key;
      throw new Error(`unknown register column ${String(unknown)}`);
    }
  }
}

/**
 * Sorts a copy of the rows. Ties keep map order (by number, ascending, whatever the direction);
 * blank text (an edge case with no owner) sorts last in both directions, so "who owns what" reads
 * from the top.
 */
export function sortRegister<R extends RegisterQueryRow>(rows: readonly R[], sort: RegisterSort): R[] {
  const sign = sort.direction === "ascending" ? 1 : -1;
  return rows
    .map((row) => ({ row, value: sortValue(row, sort.key) }))
    .sort((a, b) => {
      let order = 0;
      if (a.value.kind === "number" && b.value.kind === "number")
        order = sign * (a.value.value - b.value.value);
      else if (a.value.kind === "text" && b.value.kind === "text") {
        const aBlank = a.value.value === "";
        const bBlank = b.value.value === "";
        if (aBlank !== bBlank) order = aBlank ? 1 : -1;
        else order = sign * collator.compare(a.value.value, b.value.value);
      }
      return order !== 0 ? order : a.row.number - b.row.number;
    })
    .map(({ row }) => row);
}

/** Filter, then sort: the rows the register shows. */
export function queryRegister<R extends RegisterQueryRow>(
  rows: readonly R[],
  map: HandoffMap,
  query: { filter: RegisterFilter; sort: RegisterSort },
): R[] {
  return sortRegister(filterRegister(rows, map, query.filter), query.sort);
}
