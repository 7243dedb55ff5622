/**
 * A V8 heap snapshot (CDP HeapProfiler.takeHeapSnapshot) summed up by what holds the memory:
 * self size and count per node type and constructor name, largest first. Used by
 * `BENCH_HEAP_SUMMARY=1 npm run bench:canvas` to see what our canvas page holds that the bare
 * React Flow page does not.
 */
import type { CDPSession } from "playwright-core";

export interface Snapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
    node_count: number;
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface HeapGroup {
  /** "type name", e.g. "object Object", "closure HandoffEdgeComponent", "array (object properties)". */
  key: string;
  count: number;
  bytes: number;
}

export async function takeHeapSnapshot(cdp: CDPSession): Promise<Snapshot> {
  const chunks: string[] = [];
  const onChunk = (event: { chunk: string }) => chunks.push(event.chunk);
  cdp.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  cdp.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
  return JSON.parse(chunks.join("")) as Snapshot;
}

/** Where a node's fields sit in the snapshot's flat `nodes` array, and the names of node types. */
function nodeLayout(snapshot: Snapshot) {
  const fields = snapshot.snapshot.meta.node_fields;
  return {
    types: snapshot.snapshot.meta.node_types[0],
    width: fields.length,
    typeAt: fields.indexOf("type"),
    nameAt: fields.indexOf("name"),
    sizeAt: fields.indexOf("self_size"),
    edgeCountAt: fields.indexOf("edge_count"),
  };
}

/**
 * Self sizes summed per type and constructor name; the `top` largest groups. With `byShape`,
 * plain objects ("object Object") are told apart by their property names, e.g.
 * "object Object {x,y}": which kind of record holds the memory.
 */
export function summarizeHeap(snapshot: Snapshot, top = 30, byShape = false): HeapGroup[] {
  const { types, width, typeAt, nameAt, sizeAt, edgeCountAt } = nodeLayout(snapshot);
  const edgeFields = snapshot.snapshot.meta.edge_fields;
  const edgeWidth = edgeFields.length;
  const edgeTypeAt = edgeFields.indexOf("type");
  const edgeNameAt = edgeFields.indexOf("name_or_index");
  const propertyType = snapshot.snapshot.meta.edge_types[0].indexOf("property");
  const groups = new Map<string, HeapGroup>();
  let edge = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt] ?? 0] ?? "?";
    const rawName = snapshot.strings[snapshot.nodes[i + nameAt] ?? 0] ?? "?";
    const edgeCount = snapshot.nodes[i + edgeCountAt] ?? 0;
    // Strings are grouped as one; their text is not a constructor.
    const name =
      type === "string" || type === "concatenated string" || type === "sliced string" ? "" : rawName;
    let key = `${type} ${name.slice(0, 60)}`;
    if (byShape && type === "object" && name === "Object") {
      const properties: string[] = [];
      for (let e = edge; e < edge + edgeCount * edgeWidth; e += edgeWidth)
        if (snapshot.edges[e + edgeTypeAt] === propertyType)
          properties.push(snapshot.strings[snapshot.edges[e + edgeNameAt] ?? 0] ?? "?");
      key = `${key} {${properties.sort().join(",").slice(0, 80)}}`;
    }
    edge += edgeCount * edgeWidth;
    const group = groups.get(key) ?? { key, count: 0, bytes: 0 };
    group.count++;
    group.bytes += snapshot.nodes[i + sizeAt] ?? 0;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top);
}

/** The `top` largest single objects (a map's JSON kept as one string shows here), largest first. */
export function largestNodes(snapshot: Snapshot, top = 12): HeapGroup[] {
  const { types, width, typeAt, nameAt, sizeAt } = nodeLayout(snapshot);
  const found: HeapGroup[] = [];
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const bytes = snapshot.nodes[i + sizeAt] ?? 0;
    if (bytes < 16_384) continue;
    const type = types[snapshot.nodes[i + typeAt] ?? 0] ?? "?";
    const name = (snapshot.strings[snapshot.nodes[i + nameAt] ?? 0] ?? "?").slice(0, 70).replace(/\s+/g, " ");
    found.push({ key: `${type} ${name}`, count: 1, bytes });
  }
  return found.sort((a, b) => b.bytes - a.bytes).slice(0, top);
}
