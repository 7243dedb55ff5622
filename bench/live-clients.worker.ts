/**
 * A share of bench/live.bench.ts's participants, in a worker thread: the clients' own work
 * (decoding, applying and observing 29 people's edits each) spread over threads, so the bench
 * measures the server rather than one overloaded client event loop. Times are
 * process.hrtime.bigint(), one monotonic clock for every thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { MAP_DOC_KEYS } from "../src/live/map-doc";
import { seededRandom } from "./generate-map";

interface Setup {
  url: string;
  room: string;
  indices: number[];
  steps: number;
  seconds: number;
  clients: number;
  seed: number;
}

const setup = workerData as Setup;
const port = parentPort;
if (port === null) throw new Error("live-clients.worker.ts runs as a worker");
process.setMaxListeners(setup.indices.length * 4 + 10);

const sent = new Map<string, bigint>();
const arrivals = new Map<string, { count: number; last: bigint }>();

const clients = setup.indices.map((index) => {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(setup.url, setup.room, doc, {
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  const origin = { index };
  doc.getMap(MAP_DOC_KEYS.steps).observeDeep((events, transaction) => {
    if (transaction.origin === origin) return;
    const now = process.hrtime.bigint();
    for (const event of events)
      for (const key of event.changes.keys.keys()) {
        const item = event.target as Y.Map<unknown>;
        let mark: string | undefined;
        if (key === "owner") mark = item.get("owner") as string;
        else if (key === "position") mark = `x${(item.get("position") as { x?: number } | undefined)?.x}`;
        if (mark === undefined) continue;
        const seen = arrivals.get(mark);
        if (seen === undefined) arrivals.set(mark, { count: 1, last: now });
        else {
          seen.count++;
          seen.last = now;
        }
      }
  });
  return { index, doc, provider, origin };
});

const ready = setInterval(() => {
  if (clients.every((c) => c.doc.getMap(MAP_DOC_KEYS.steps).size === setup.steps)) {
    clearInterval(ready);
    port.postMessage({ type: "ready" });
  }
}, 50);

port.on("message", (message: { type: "go"; delayMs: number } | { type: "stop" }) => {
  if (message.type === "go") {
    for (const client of clients) {
      const random = seededRandom(setup.seed * 1000 + client.index);
      const stepIds = [...client.doc.getMap(MAP_DOC_KEYS.steps).keys()].sort();
      for (let second = 0; second < setup.seconds; second++) {
        const at = message.delayMs + second * 1000 + (client.index * 1000) / setup.clients + random() * 20;
        const step = stepIds[Math.floor(random() * stepIds.length)] as string;
        const drop = random() < 0.3;
        const n = second;
        setTimeout(() => {
          const item = client.doc.getMap(MAP_DOC_KEYS.steps).get(step) as Y.Map<unknown>;
          // A drop carries the edit in x (within the format's ±1,000,000); an owner, in its text.
          const x = client.index * 1000 + n;
          const mark = drop ? `x${x}` : `edit-${client.index}-${n}`;
          sent.set(mark, process.hrtime.bigint());
          client.doc.transact(() => {
            if (drop) item.set("position", { x, y: 20 });
            else item.set("owner", mark);
          }, client.origin);
        }, at);
      }
    }
    return;
  }
  for (const client of clients) {
    client.provider.destroy();
    client.doc.destroy();
  }
  port.postMessage({
    type: "result",
    sent: [...sent].map(([mark, at]) => [mark, at.toString()]),
    arrivals: [...arrivals].map(([mark, { count, last }]) => [mark, count, last.toString()]),
  });
});
