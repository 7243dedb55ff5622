/**
 * The page `npm run bench:canvas` drives (bench/canvas.bench.ts): one map, drawn either by our
 * editor ("ours") or by a bare React Flow with default nodes and edges at the same positions
 * ("bare", "bare-visible" = with onlyRenderVisibleElements). Ours runs its layout in the
 * layout worker, as the app does. The driver hands the map in through
 * `window.handoffBench.start` and reads the timings back; nothing here is part of the app.
 */
import "@xyflow/react/dist/style.css";
import {
  applyNodeChanges,
  type Edge,
  type Node,
  type OnNodesChange,
  ReactFlow,
  type ReactFlowInstance,
} from "@xyflow/react";
import { useCallback, useState } from "react";
import { createRoot } from "react-dom/client";
import { createLayoutClient } from "../src/layout/layout-client";
import { firstPaintLayout, layoutForPositions } from "../src/layout/layout-map";
import type { HandoffMap } from "../src/model/types";
import { createEditorStore } from "../src/store/editor-store";
import type { CanvasApi } from "../src/ui/canvas/Canvas";
import { Editor } from "../src/ui/editor/Editor";
import { EditorStoreProvider } from "../src/ui/store-context";

type Mode = "ours" | "bare" | "bare-visible";

interface ViewControl {
  setViewport(v: { x: number; y: number; zoom: number }): void;
  getViewport(): { x: number; y: number; zoom: number } | null;
}

type View = { x: number; y: number; zoom: number };

interface Bench {
  /**
   * Draws the map; a bare page opens at `at` when given (the driver passes the viewport our
   * editor opened at, so both pages draw the same part of the map), otherwise it fits the view.
   */
  start(map: HandoffMap, at?: View): Promise<{ settledMs: number; inDomMs: number; rendered: number }>;
  /**
   * Resolves once the page has no work in flight: for ours, when no layout is out at the worker
   * and the store's layout has stayed the same for `quietMs` (the layout the drop of a drag asked
   * for has arrived and been applied); the bare pages have no such work. Heap is read after
   * this, not mid-answer.
   */
  idle(quietMs: number): Promise<void>;
  /** The current viewport (after start). */
  viewport(): View | null;
  /** Pans and zooms every frame for `ms`; resolves with the frame times. */
  panZoom(ms: number): Promise<number[]>;
  /** Records frame times until stopFrames. */
  startFrames(): void;
  stopFrames(): number[];
  heapBytes(): number;
}

declare global {
  interface Window {
    handoffBench: Bench;
  }
}

const mode = (new URLSearchParams(location.search).get("mode") ?? "ours") as Mode;
let view: ViewControl | null = null;
let editorStore: ReturnType<typeof createEditorStore> | null = null;
/** Layouts asked of the worker and not answered yet (ours): idle() waits for none. */
let layoutsInFlight = 0;

/**
 * Resolves when the steps are shown: the number of drawn steps that are visible has not changed
 * for 30 frames. React Flow puts a node it has not measured yet in the DOM with
 * `visibility: hidden` and shows it after its ResizeObserver has measured it, so a node in the
 * DOM is not yet a node on screen. `inDomMs` is when the count of nodes in the DOM last changed,
 * for orientation.
 */
function waitForSettle(t0: number): Promise<{ settledMs: number; inDomMs: number; rendered: number }> {
  return new Promise((resolve) => {
    let last = -1;
    let lastDom = -1;
    let lastChange = performance.now();
    let lastDomChange = lastChange;
    let quiet = 0;
    const tick = () => {
      const nodes = document.querySelectorAll<HTMLElement>(".react-flow__node");
      let count = 0;
      for (const node of nodes) if (node.style.visibility !== "hidden") count++;
      const now = performance.now();
      if (nodes.length !== lastDom) {
        lastDom = nodes.length;
        lastDomChange = now;
      }
      if (count !== last) {
        last = count;
        lastChange = now;
        quiet = 0;
      } else if (count > 0) quiet++;
      if (quiet >= 30) resolve({ settledMs: lastChange - t0, inDomMs: lastDomChange - t0, rendered: count });
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

function BareFlow({
  initial,
  edges,
  visibleOnly,
  at,
}: {
  initial: Node[];
  edges: Edge[];
  visibleOnly: boolean;
  at: View | undefined;
}) {
  const [nodes, setNodes] = useState(initial);
  const onNodesChange: OnNodesChange = useCallback(
    (changes) => setNodes((n) => applyNodeChanges(changes, n)),
    [],
  );
  const onInit = useCallback((instance: ReactFlowInstance) => {
    view = { setViewport: (v) => void instance.setViewport(v), getViewport: () => instance.getViewport() };
  }, []);
  return (
    <div style={{ position: "fixed", inset: 0 }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onInit={onInit}
        onlyRenderVisibleElements={visibleOnly}
        {...(at === undefined ? { fitView: true } : { defaultViewport: at })}
        minZoom={0.1}
      />
    </div>
  );
}

let frames: number[] | null = null;
let lastFrame = 0;
function frameLoop(now: number) {
  if (frames === null) return;
  if (lastFrame > 0) frames.push(now - lastFrame);
  lastFrame = now;
  requestAnimationFrame(frameLoop);
}

window.handoffBench = {
  async start(map, at) {
    const root = document.getElementById("root");
    if (root === null) throw new Error("no #root");
    if (mode === "ours") {
      // As in the app (src/app/boot.ts): a placed map's boxes are laid out at once in this thread
      // (firstPaintLayout), the full layout in the worker; the driver reads that worker's heap
      // separately.
      // The clock starts before the store: our own layout of the map is part of showing it.
      const t0 = performance.now();
      const client = createLayoutClient();
      client.warm();
      const store = createEditorStore({
        map,
        runLayout: (m, mode) => {
          layoutsInFlight++;
          return client.run(m, { mode }).finally(() => layoutsInFlight--);
        },
        layoutAtOnce: firstPaintLayout,
      });
      editorStore = store;
      createRoot(root).render(
        <EditorStoreProvider store={store}>
          <Editor onCanvasReady={(api: CanvasApi) => (view = api)} />
        </EditorStoreProvider>,
      );
      return waitForSettle(t0);
    }
    const layout = layoutForPositions(map);
    const nodes: Node[] = layout.steps.map((box) => ({
      id: box.id,
      position: { x: box.x, y: box.y },
      data: { label: map.steps.find((s) => s.id === box.id)?.label ?? box.id },
    }));
    const edges: Edge[] = map.handoffs.map((h) => ({ id: h.id, source: h.from, target: h.to }));
    const t0 = performance.now();
    createRoot(root).render(
      <BareFlow initial={nodes} edges={edges} visibleOnly={mode === "bare-visible"} at={at} />,
    );
    return waitForSettle(t0);
  },

  viewport() {
    return view?.getViewport() ?? null;
  },

  idle(quietMs) {
    const store = editorStore;
    if (store === null) return Promise.resolve();
    return new Promise((resolve) => {
      // Quiet: no layout in flight and the store's layout unchanged for quietMs (checked often).
      let lastLayout = store.getState().layout;
      let quietSince = performance.now();
      const started = performance.now();
      const check = setInterval(() => {
        const now = performance.now();
        const layout = store.getState().layout;
        if (layoutsInFlight > 0 || layout !== lastLayout) {
          lastLayout = layout;
          quietSince = now;
        }
        if (now - quietSince >= quietMs || now - started > 30_000) {
          clearInterval(check);
          resolve();
        }
      }, 50);
    });
  },

  panZoom(ms) {
    return new Promise((resolve) => {
      const start = view?.getViewport();
      if (view === null || start === null || start === undefined) {
        resolve([]);
        return;
      }
      const control = view;
      const times: number[] = [];
      let previous = 0;
      const t0 = performance.now();
      const step = (now: number) => {
        if (previous > 0) times.push(now - previous);
        previous = now;
        const t = (now - t0) / 1000;
        control.setViewport({
          x: start.x - 400 * Math.sin(t * 1.7),
          y: start.y - 120 * Math.sin(t * 1.3),
          zoom: start.zoom * (1.6 + 0.5 * Math.sin(t * 2.1)),
        });
        if (now - t0 < ms) requestAnimationFrame(step);
        else {
          control.setViewport(start);
          resolve(times);
        }
      };
      requestAnimationFrame(step);
    });
  },

  startFrames() {
    frames = [];
    lastFrame = 0;
    requestAnimationFrame(frameLoop);
  },

  stopFrames() {
    const out = frames ?? [];
    frames = null;
    return out;
  },

  heapBytes() {
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return memory?.usedJSHeapSize ?? 0;
  },
};
