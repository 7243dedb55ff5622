/**
 * The maps the export bench measures (bench/export.bench.ts): generated, seeded, with edge cases
 * on about a fifth of the handoffs. Its own module, so a profiling script can build the same map
 * without running the bench.
 */
import type { EdgeCase, HandoffMap } from "../src/model/types";
import { SEVERITIES } from "../src/model/types";
import { generateMap, seededRandom } from "./generate-map";

export const SEED = 7;

/** A generated map with edge cases: every fifth handoff has one to three, in every state. */
export function benchMap(steps: number): HandoffMap {
  const map = generateMap({
    steps,
    seed: SEED + steps,
    // More teams in bigger maps and about three steps per lane and phase, so the diagram grows
    // in both directions instead of into one 100,000-pixel-long strip.
    lanes: Math.max(8, Math.round(steps / 125)),
    phases: Math.max(4, Math.round(steps / 24)),
  });
  const random = seededRandom(SEED);
  map.handoffs.forEach((handoff, i) => {
    if (i % 5 !== 0) return;
    const count = 1 + Math.floor(random() * 3);
    handoff.edgeCases = Array.from(
      { length: count },
      (_, k): EdgeCase => ({
        id: `ec-${i}-${k}`,
        title: `Record incomplete when ${handoff.from} hands over to ${handoff.to}`,
        severity: SEVERITIES[Math.floor(random() * SEVERITIES.length)] ?? "low",
        status: random() < 0.6 ? "open" : random() < 0.5 ? "mitigated" : "accepted",
        owner: "Revenue operations",
        mitigation: random() < 0.5 ? "" : "Validation rule before the handoff; weekly review of exceptions.",
        description: "",
        votes: Math.floor(random() * 5),
      }),
    );
  });
  return map;
}
