/**
 * Seeded generator of realistic-looking maps for the layout bench (and any test that needs a big
 * map): a main flow that moves left to right through the phases, hopping between lanes, plus
 * extra forward handoffs and some back edges (rework loops). Same options, same map.
 */
import type { Handoff, HandoffMap, Lane, Phase, Step } from "../src/model/types";

export interface GenerateMapOptions {
  steps: number;
  /** Default: 6 to 9, chosen by the seed. */
  lanes?: number;
  phases?: number;
  /** Handoffs per step, about; default 1.4. */
  handoffsPerStep?: number;
  /** Share of handoffs that go back to an earlier step; default 0.08. */
  backEdgeShare?: number;
  seed?: number;
}

/** mulberry32: small, fast, good enough for fixtures; never Math.random. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = ["Qualify", "Review", "Approve", "Send", "Enrich", "Route", "Score", "Sign", "Book", "Sync"];
const NOUNS = ["lead", "quote", "contract", "account", "opportunity", "invoice", "renewal", "discount"];

export function generateMap(options: GenerateMapOptions): HandoffMap {
  const random = seededRandom(options.seed ?? 1);
  const int = (n: number) => Math.floor(random() * n);
  const laneCount = options.lanes ?? 6 + int(4);
  const phaseCount = options.phases ?? 4;
  const perStep = options.handoffsPerStep ?? 1.4;
  const backShare = options.backEdgeShare ?? 0.08;

  const lanes: Lane[] = Array.from({ length: laneCount }, (_, i) => ({
    id: `lane-${i}`,
    name: `Team ${i + 1}`,
  }));
  const phases: Phase[] = Array.from({ length: phaseCount }, (_, i) => ({
    id: `phase-${i}`,
    name: `Phase ${i + 1}`,
  }));
  const steps: Step[] = [];
  let lane = 0;
  for (let i = 0; i < options.steps; i++) {
    // Mostly stay in the lane, sometimes hand over to another team.
    if (random() < 0.45) lane = int(laneCount);
    const phase = phases[Math.min(phaseCount - 1, Math.floor((i / options.steps) * phaseCount))];
    const words = 2 + int(5);
    const label = Array.from({ length: words }, (_, w) =>
      w === 0 ? (VERBS[int(VERBS.length)] ?? "Do") : (NOUNS[int(NOUNS.length)] ?? "thing"),
    ).join(" ");
    const step: Step = {
      id: `s${i}`,
      lane: lanes[lane]?.id ?? "lane-0",
      label,
      kind: i === 0 ? "start" : i === options.steps - 1 ? "end" : random() < 0.15 ? "decision" : "task",
      description: "",
      owner: "",
      systems: [],
    };
    if (phase) step.phase = phase.id;
    steps.push(step);
  }

  const handoffs: Handoff[] = [];
  const target = Math.round(options.steps * perStep);
  const add = (from: number, to: number) => {
    const n = handoffs.length;
    handoffs.push({
      id: `h${n}`,
      from: `s${from}`,
      to: `s${to}`,
      label: n % 3 === 0 ? "hand over" : "",
      edgeCases: [],
    });
  };
  // Every step after the first is reached from one of the few steps just before it: a flow with
  // parallel branches rather than one long chain.
  for (let i = 1; i < options.steps; i++) add(i - 1 - int(Math.min(i, 3)), i);
  while (handoffs.length < target && options.steps > 2) {
    const from = int(options.steps);
    if (random() < backShare / Math.max(0.01, perStep - 1)) {
      const to = Math.max(0, from - 1 - int(6));
      if (to !== from) add(from, to);
    } else {
      const to = from + 2 + int(8);
      if (to < options.steps) add(from, to);
    }
  }
  return {
    format: "handoff-map",
    version: 1,
    title: `Generated ${options.steps}`,
    description: "",
    lanes,
    phases,
    steps,
    handoffs,
  };
}
