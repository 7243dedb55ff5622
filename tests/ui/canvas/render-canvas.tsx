/**
 * The whole canvas (Canvas in its providers) over the RevOps template, for component tests in
 * jsdom: the layout comes at once from layoutForPositions, as the worker's would.
 */
import { act, render } from "@testing-library/react";
import { ReactFlowProvider } from "@xyflow/react";
import { afterAll, beforeAll } from "vitest";
import { layoutForPositions } from "../../../src/layout/layout-map";
import { createRevOpsTemplate } from "../../../src/model/templates";
import type { HandoffMap } from "../../../src/model/types";
import { createEditorStore, type EditorStore } from "../../../src/store/editor-store";
import { Canvas, type CanvasApi } from "../../../src/ui/canvas/Canvas";
import { canvasTheme } from "../../../src/ui/canvas/canvas-theme";
import { EditorStoreProvider } from "../../../src/ui/store-context";

// jsdom has no CSS.escape (the headers find their elements by id with it): enough of it for
// the ids inside a quoted attribute selector.
if (globalThis.CSS === undefined)
  (globalThis as unknown as { CSS: Pick<typeof CSS, "escape"> }).CSS = {
    escape: (value: string) => value.replace(/["\\]/g, "\\$&"),
  };

// The pane measures 1200 x 700 unless a file asks for another size (jsdom lays nothing out;
// React Flow reads offsetWidth/Height).
export const PANE = { width: 1200, height: 700 };
/** The elements React Flow measures its pane by. */
const isPane = (element: HTMLElement) =>
  element.classList.contains("react-flow") || element.classList.contains("react-flow__renderer");

/** Call at a test file's top level: React Flow's pane then measures PANE. */
export function paneOfSize(size: { width: number; height: number } = { width: 1200, height: 700 }): void {
  PANE.width = size.width;
  PANE.height = size.height;
  const sizes = {
    width: Object.getOwnPropertyDescriptor(HTMLElement.prototype, "offsetWidth"),
    height: Object.getOwnPropertyDescriptor(HTMLElement.prototype, "offsetHeight"),
  };
  beforeAll(() => {
    Object.defineProperties(HTMLElement.prototype, {
      offsetWidth: {
        configurable: true,
        get(this: HTMLElement) {
          return isPane(this) ? PANE.width : sizes.width?.get?.call(this);
        },
      },
      offsetHeight: {
        configurable: true,
        get(this: HTMLElement) {
          return isPane(this) ? PANE.height : sizes.height?.get?.call(this);
        },
      },
    });
  });
  afterAll(() => {
    if (sizes.width !== undefined) Object.defineProperty(HTMLElement.prototype, "offsetWidth", sizes.width);
    if (sizes.height !== undefined)
      Object.defineProperty(HTMLElement.prototype, "offsetHeight", sizes.height);
  });
}

/**
 * The RevOps template with `copies` more of its steps and handoffs side by side to its right (new
 * ids, edge-case numbers and places): a map of 13 x (copies + 1) steps with systems chips, edge
 * cases and SLAs, big enough for the canvas's level of detail.
 */
export function widerTemplate(copies: number): HandoffMap {
  const template = createRevOpsTemplate();
  const steps = [...template.steps];
  const handoffs = [...template.handoffs];
  for (let k = 1; k <= copies; k++) {
    const id = (base: string) => `${base}-copy-${k}`;
    for (const step of template.steps)
      steps.push({
        ...step,
        id: id(step.id),
        ...(step.position === undefined
          ? {}
          : { position: { ...step.position, x: step.position.x + k * 4000 } }),
      });
    for (const handoff of template.handoffs)
      handoffs.push({
        ...handoff,
        id: id(handoff.id),
        from: id(handoff.from),
        to: id(handoff.to),
        edgeCases: handoff.edgeCases.map((edgeCase) => ({
          ...edgeCase,
          id: id(edgeCase.id),
          number: (edgeCase.number ?? 0) + k * 100,
        })),
      });
  }
  const { lastEdgeCaseNumber: _dropped, ...rest } = template;
  return { ...rest, steps, handoffs };
}

export function makeStore(map: HandoffMap = createRevOpsTemplate()): EditorStore {
  return createEditorStore({
    map,
    runLayout: async (map) => ({ ok: true, layout: layoutForPositions(map) }),
  });
}

export async function renderCanvas(store: EditorStore): Promise<CanvasApi> {
  let api: CanvasApi | null = null;
  render(
    <EditorStoreProvider store={store}>
      <ReactFlowProvider>
        <Canvas theme={canvasTheme("light")} onReady={(ready) => (api = ready)} />
      </ReactFlowProvider>
    </EditorStoreProvider>,
  );
  // The worker's layout (routes) arrives and is drawn.
  for (let i = 0; i < 20 && store.getState().layout === null; i++) await act(() => Promise.resolve());
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  if (api === null) throw new Error("the canvas never handed out its api");
  return api;
}

/** The ids of the steps in the DOM (React Flow renders only the visible ones). */
export const stepsOnScreen = () =>
  [...document.querySelectorAll<HTMLElement>(".react-flow__node")].map((node) => node.dataset.id ?? "");
