import {
  type Connection,
  Controls,
  type EdgeChange,
  type EdgeTypes,
  type FinalConnectionState,
  type NodeChange,
  type NodeTypes,
  ReactFlow,
  type ReactFlowInstance,
  useStoreApi,
  type Viewport,
} from "@xyflow/react";
import {
  type MouseEvent,
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { laneAt } from "../../layout/geometry";
import type { MapLayout, Point, Rect } from "../../layout/types";
import type { HandoffMap } from "../../model/types";
import type { EditorState, FocusRequest, Selection } from "../../store/editor-store";
import { type FocusStub, isOtherLanes, realStepId, viewLayout, viewMap } from "../../store/lane-focus";
import type { SvgTheme } from "../../theme/svg-theme";
import {
  addConnectedStepAtPoint,
  addStepAtPoint,
  connectSteps,
  moveStepsTo,
} from "../actions/editor-actions";
import { useEditor, useEditorStoreApi } from "../store-context";
import {
  firstViewViewport,
  fitLayoutViewport,
  headerSizes,
  keepLanesAtHeaders,
  type LayoutFrame,
  rectOnScreen,
} from "./canvas-geometry";
import { EmptyMapHint } from "./EmptyMapHint";
import {
  createEdgeGeometryChannel,
  type EdgeGeometry,
  type EdgeGeometryChannel,
  EdgeGeometryContext,
} from "./edge-geometry";
import {
  createFlowAdapter,
  type FlowElements,
  type FlowInput,
  flowNodeId,
  type HandoffFlowEdge,
  type StepFlowNode,
  stepIdOfNode,
} from "./flow-adapter";
import { centerYWithinLanes, fitContentViewport } from "./focus-viewport";
import { EdgeMarkers, HandoffEdge } from "./HandoffEdge";
import { HeaderOverlay } from "./HeaderOverlay";
import { LaneLayer } from "./LaneLayer";
import { LevelOfDetail } from "./level-of-detail";
import { OverviewMap } from "./OverviewMap";
import { StepNode } from "./StepNode";
import { StubNode } from "./StubNode";
import { nextWindow, viewRect } from "./view-window";

const nodeTypes: NodeTypes = { step: StepNode, stub: StubNode };
const edgeTypes: EdgeTypes = { handoff: HandoffEdge };

// In a lane focus the canvas draws the focused view (store/lane-focus.ts); edits still go to the map.
const selectMap = viewMap;
const selectLayout = viewLayout;
const NO_STUBS: ReadonlyMap<string, FocusStub> = new Map();
const selectStubs = (s: EditorState) => s.focusView?.stubs ?? NO_STUBS;
const selectLaneFocus = (s: EditorState) => s.laneFocus;
const selectSelection = (s: EditorState) => s.selection;
const selectViewportRestore = (s: EditorState) => s.viewportRestore;
const selectFocusRequest = (s: EditorState) => s.focusRequest;
const selectEditingStep = (s: EditorState) => s.editingStepId;

/** Layout pixels: where a dropped step lands and a double-clicked one starts (see snapDrop). */
const GRID = 8;
const SNAP: [number, number] = [GRID, GRID];
const NO_NODES: StepFlowNode[] = [];
const NO_EDGES: HandoffFlowEdge[] = [];
const MIN_ZOOM = 0.1;
const MULTI_SELECT_KEYS = ["Shift", "Meta", "Control"];
const PRO_OPTIONS = { hideAttribution: true };
const selectCovered = (s: EditorState) => s.canvasCovered;

/** Screen px a handoff must be dragged from its handle before a drop on empty space adds a step. */
const MIN_NEW_STEP_DRAG = 32;

type StoreApi = ReturnType<typeof useStoreApi<StepFlowNode, HandoffFlowEdge>>;

export interface CanvasApi {
  fitView(): void;
  /** Pan and zoom without animation (tests and the canvas bench drive the view through this). */
  setViewport(viewport: Viewport): void;
  getViewport(): Viewport | null;
  /** The middle of what is on screen, in layout coordinates (where "Add step" puts a step). */
  viewCenter(): Point | null;
}

/** The whole lane area, just inside the frozen headers: what "Fit view" shows. */
function fitLayout(
  instance: ReactFlowInstance<StepFlowNode, HandoffFlowEdge>,
  flow: StoreApi,
  layout: MapLayout,
  duration = 0,
  /** A lane focus: fit the steps drawn, not the whole map's width (focus-viewport.ts). */
  focused = false,
) {
  const { width, height } = flow.getState();
  if (width <= 0 || height <= 0) return;
  const fit = focused
    ? fitContentViewport(layout, layout.steps, width, height, { minZoom: MIN_ZOOM })
    : fitLayoutViewport(layout, width, height, { minZoom: MIN_ZOOM });
  void instance.setViewport(fit, { duration });
}

/** A map opening without a saved viewport: readable, from its top-left (see firstViewViewport). */
function showFirstView(
  instance: ReactFlowInstance<StepFlowNode, HandoffFlowEdge>,
  flow: StoreApi,
  layout: MapLayout,
) {
  const { width, height } = flow.getState();
  if (width <= 0 || height <= 0) return;
  void instance.setViewport(firstViewViewport(layout, width, height));
}

/**
 * The swimlane canvas: React Flow for steps and handoffs, our own layers for the lane bands
 * behind them and the frozen lane and phase headers over them.
 *
 * During a drag the dragged steps are drawn from local session state (`dragPositions`); the map
 * is written once, on drop, inside a store gesture, so the whole drag is one undo entry.
 */
export function Canvas({
  theme,
  onReady,
  className,
  layer,
}: {
  theme: SvgTheme;
  onReady?: (api: CanvasApi) => void;
  className?: string;
  /** Drawn inside React Flow, after the map's own layers (live presence). */
  layer?: ReactNode;
}) {
  const store = useEditorStoreApi();
  const map = useEditor(selectMap);
  const layout = useEditor(selectLayout);
  const selection = useEditor(selectSelection);
  const viewportRestore = useEditor(selectViewportRestore);
  const focusRequest = useEditor(selectFocusRequest);
  const stubs = useEditor(selectStubs);
  const [dragPositions, setDragPositions] = useState<ReadonlyMap<string, Point>>(() => new Map());
  /** While a step is dragged: the lane it will land in, highlighted by the lane layer. */
  const [dropLane, setDropLane] = useState<string | null>(null);
  /**
   * A step drag follows the hand to the pixel and snaps to the grid on drop (snapDrop): React
   * Flow's snapToGrid, kept on for everything else (a double-click's point), is off while dragging.
   */
  const [dragging, setDragging] = useState(false);
  const instanceRef = useRef<ReactFlowInstance<StepFlowNode, HandoffFlowEdge> | null>(null);
  const fitted = useRef(false);
  // Made once (useRef(createFlowAdapter()) would make and drop one on every render, each drag frame).
  const [adapter] = useState(createFlowAdapter);
  const flow = useStoreApi<StepFlowNode, HandoffFlowEdge>();
  const rootRef = useRef<HTMLDivElement>(null);

  const editingStepId = useEditor(selectEditingStep);
  const viewWindow = useViewWindow(flow);
  const { nodes, edges, geometry } = useFlowElements(adapter, {
    map,
    layout,
    selection,
    dragPositions,
    stubs,
    viewWindow,
    editing: editingStepId,
  });
  const geometryChannel = useGeometryChannel(geometry);
  const frame = useLayoutFrame(layout);
  const mounted = useMounted();

  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const nodesRef = useRef(nodes);
  nodesRef.current = nodes;

  // A step whose label opens for typing must be on screen (only visible nodes are rendered).
  useEffect(() => {
    const instance = instanceRef.current;
    const current = layoutRef.current;
    const node =
      editingStepId === null ? undefined : nodesRef.current.find((n) => n.id === flowNodeId(editingStepId));
    if (instance === null || current === null || node === undefined) return;
    const { width, height } = flow.getState();
    const viewport = instance.getViewport();
    const rect = { ...node.position, width: node.width ?? 0, height: node.height ?? 0 };
    if (rectOnScreen(rect, current, viewport, width, height)) return;
    void instance.setCenter(rect.x + rect.width / 2, rect.y + rect.height / 2, {
      zoom: viewport.zoom,
      duration: 0,
    });
  }, [editingStepId, flow]);

  const fitView = useCallback(() => {
    const instance = instanceRef.current;
    const current = layoutRef.current;
    if (instance !== null && current !== null)
      fitLayout(instance, flow, current, 250, store.getState().laneFocus !== null);
  }, [flow, store]);

  useEffect(() => {
    onReady?.({
      fitView,
      setViewport: (viewport) => void instanceRef.current?.setViewport(viewport),
      getViewport: () => instanceRef.current?.getViewport() ?? null,
      viewCenter: () => {
        const instance = instanceRef.current;
        const element = document.querySelector(".hf-canvas .react-flow");
        if (instance === null || element === null) return null;
        const rect = element.getBoundingClientRect();
        return instance.screenToFlowPosition({
          x: rect.left + rect.width / 2,
          y: rect.top + rect.height / 2,
        });
      },
    });
  }, [onReady, fitView]);

  // First layout: the readable first view unless a saved viewport was restored.
  const hasLayout = layout !== null;
  useEffect(() => {
    const instance = instanceRef.current;
    const current = layoutRef.current;
    if (!hasLayout || fitted.current || instance === null || current === null) return;
    fitted.current = true;
    if (store.getState().viewport === null) showFirstView(instance, flow, current);
  }, [hasLayout, store, flow]);

  // Persistence put a viewport back (or, with none saved, asked for the first view).
  useEffect(() => {
    if (viewportRestore === 0) return;
    const instance = instanceRef.current;
    if (instance === null) return;
    const saved = store.getState().viewport;
    const current = layoutRef.current;
    if (saved !== null) void instance.setViewport(saved);
    else if (current !== null) showFirstView(instance, flow, current);
  }, [viewportRestore, store, flow]);

  useFocusRequests(instanceRef, flow, map, layout, focusRequest);
  useLanesKeptAtHeaders(instanceRef, frame);
  const laneFocus = useEditor(selectLaneFocus);
  useTopLaneOnRefocus(instanceRef, laneFocus, frame);

  const onNodesChange = useCallback(
    (changes: NodeChange<StepFlowNode>[]) => {
      let dragging: Map<string, Point> | null = null;
      const dropped = new Map<string, Point>();
      let selectChanged = false;
      const selected = new Set(store.getState().selection.steps);
      for (const change of changes) {
        if (change.type === "position" && change.position !== undefined) {
          if (!change.dragging) dropped.set(stepIdOfNode(change.id), change.position);
          else {
            if (dragging === null) dragging = new Map();
            dragging.set(stepIdOfNode(change.id), change.position);
          }
        } else if (change.type === "select") {
          selectChanged = true;
          if (change.selected) selected.add(stepIdOfNode(change.id));
          else selected.delete(stepIdOfNode(change.id));
        }
      }
      if (selectChanged) {
        const current = store.getState().selection;
        store.getState().select({ steps: [...selected], handoffs: current.handoffs });
      }
      if (dragging !== null) {
        const moving = dragging;
        setDragPositions((previous) => {
          const next = new Map(previous);
          for (const [id, point] of moving) next.set(id, point);
          return next;
        });
      }
      if (dropped.size > 0) {
        // A keyboard nudge has no drag around it: consecutive nudges of one selection coalesce.
        const inDrag = store.getState().history.gestureBase !== null;
        moveStepsTo(store, snapDrop(dropped), inDrag ? "moveSteps" : "nudgeSteps");
        setDragPositions((previous) => {
          if (previous.size === 0) return previous;
          const next = new Map(previous);
          for (const id of dropped.keys()) next.delete(id);
          return next;
        });
      }
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<HandoffFlowEdge>[]) => {
      let selectChanged = false;
      const selected = new Set(store.getState().selection.handoffs);
      for (const change of changes) {
        if (change.type !== "select") continue;
        selectChanged = true;
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      }
      if (selectChanged) {
        const current: Selection = store.getState().selection;
        store.getState().select({ steps: current.steps, handoffs: [...selected] });
      }
    },
    [store],
  );

  const onNodeDragStart = useCallback(() => {
    store.getState().beginGesture();
    setDragging(true);
  }, [store]);
  // The band under the dragged step's middle: the lane moveStepsTo will put it in on drop.
  const onNodeDrag = useCallback((_event: unknown, node: StepFlowNode) => {
    const current = layoutRef.current;
    if (current === null) return;
    const height = node.measured?.height ?? node.height ?? 0;
    const lane = laneAt(current, node.position.y + height / 2)?.id ?? null;
    // "Other lanes" (a lane focus) takes no step: it is not lit as a place to drop.
    setDropLane(lane !== null && isOtherLanes(lane) ? null : lane);
  }, []);
  const onNodeDragStop = useCallback(() => {
    store.getState().endGesture();
    setDragging(false);
    setDropLane(null);
    setDragPositions((previous) => (previous.size === 0 ? previous : new Map()));
  }, [store]);

  const onConnect = useCallback(
    (connection: Connection) => {
      connectSteps(store, stepIdOfNode(connection.source), stepIdOfNode(connection.target));
    },
    [store],
  );

  /**
   * Dropping a connection on a step's body (not just its handle) connects to that step; dropped
   * on empty lane space, it makes a step there (in that lane and phase), connected, its label open
   * for typing.
   */
  const onConnectEnd = useCallback(
    (event: globalThis.MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || state.fromNode === null) return;
      const fromNode = stepIdOfNode(state.fromNode.id);
      const fromTarget = state.fromHandle?.type === "target";
      const target = stepUnderPointer(event);
      if (target !== null) {
        if (fromTarget) connectSteps(store, target, fromNode);
        else connectSteps(store, fromNode, target);
        return;
      }
      const instance = instanceRef.current;
      const current = layoutRef.current;
      const screen = paneUnderPointer(event);
      if (instance === null || current === null || screen === null) return;
      const point = instance.screenToFlowPosition(screen);
      if (point.x < current.laneHeaderWidth || point.y < current.phaseHeaderHeight) return;
      // A slip off the handle is not a request for a step.
      const { zoom } = instance.getViewport();
      if (Math.hypot(point.x - state.from.x, point.y - state.from.y) * zoom < MIN_NEW_STEP_DRAG) return;
      addConnectedStepAtPoint(store, point, fromTarget ? { to: fromNode } : { from: fromNode });
    },
    [store],
  );

  /** A click on a stub (lane focus) selects the handoffs that end at it, for the inspector. */
  const onNodeClick = useCallback(
    (_event: MouseEvent, node: StepFlowNode) => {
      if (node.type !== "stub") return;
      const stub = stepIdOfNode(node.id);
      const { focusView } = store.getState();
      const handoffs = (focusView?.map.handoffs ?? []).filter((h) => h.from === stub || h.to === stub);
      store.getState().select({ handoffs: handoffs.map((h) => h.id) });
    },
    [store],
  );

  const onReconnect = useCallback(
    (edge: HandoffFlowEdge, connection: Connection) => {
      // An end dropped on a stub (lane focus) goes to the real step it stands for.
      store.getState().dispatch({
        type: "reconnectHandoff",
        handoff: edge.id,
        from: realStepId(stepIdOfNode(connection.source)),
        to: realStepId(stepIdOfNode(connection.target)),
      });
    },
    [store],
  );

  const onReconnectEnd = useCallback(
    (
      event: globalThis.MouseEvent | TouchEvent,
      edge: HandoffFlowEdge,
      handleType: "source" | "target",
      state: FinalConnectionState,
    ) => {
      if (state.isValid) return;
      const target = stepUnderPointer(event);
      if (target === null) return;
      // handleType names the end that stays put; the other end was dragged.
      const ends = handleType === "source" ? { to: realStepId(target) } : { from: realStepId(target) };
      store.getState().dispatch({ type: "reconnectHandoff", handoff: edge.id, ...ends });
    },
    [store],
  );

  /*
   * While the view pans or zooms, the steps and handoffs under the hand take no pointer
   * (`hf-canvas--moving` in canvas.css): no hover styles start and stop on every frame.
   */
  const onMoveStart = useCallback(() => rootRef.current?.classList.add("hf-canvas--moving"), []);
  const onMoveEnd = useCallback(
    (_event: unknown, viewport: Viewport) => {
      rootRef.current?.classList.remove("hf-canvas--moving");
      store.getState().setViewport(viewport);
    },
    [store],
  );

  /** Double-click on empty space in a lane: a new step right there, in that lane and phase. */
  const onDoubleClick = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      const target = event.target as Element;
      if (!target.classList.contains("react-flow__pane")) return;
      const instance = instanceRef.current;
      if (instance === null || layoutRef.current === null) return;
      const point = instance.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      if (point.x < layoutRef.current.laneHeaderWidth || point.y < layoutRef.current.phaseHeaderHeight)
        return;
      addStepAtPoint(store, point, { center: true });
    },
    [store],
  );

  const onInit = useCallback(
    (instance: ReactFlowInstance<StepFlowNode, HandoffFlowEdge>) => {
      instanceRef.current = instance;
      const current = layoutRef.current;
      if (!fitted.current && current !== null) {
        fitted.current = true;
        if (store.getState().viewport === null) showFirstView(instance, flow, current);
      }
    },
    [store, flow],
  );

  const initialViewport = store.getState().viewport ?? undefined;
  const covered = useEditor(selectCovered);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: double-click on the pane adds a step; N (or the toolbar's "Add step") is the keyboard way
    <div
      className={["hf-canvas", className].filter(Boolean).join(" ")}
      onDoubleClick={onDoubleClick}
      ref={rootRef}
      inert={covered}
    >
      <EdgeMarkers />
      <EdgeGeometryContext.Provider value={geometryChannel}>
        <LevelOfDetail root={rootRef} steps={map.steps.length}>
          <ReactFlow<StepFlowNode, HandoffFlowEdge>
            nodes={mounted ? nodes : NO_NODES}
            edges={mounted ? edges : NO_EDGES}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeDragStart={onNodeDragStart}
            onNodeDrag={onNodeDrag}
            onNodeDragStop={onNodeDragStop}
            onNodeClick={onNodeClick}
            onConnect={onConnect}
            onConnectEnd={onConnectEnd}
            onReconnect={onReconnect}
            onReconnectEnd={onReconnectEnd}
            onMoveStart={onMoveStart}
            onMoveEnd={onMoveEnd}
            onInit={onInit}
            {...(initialViewport === undefined ? {} : { defaultViewport: initialViewport })}
            onlyRenderVisibleElements
            snapToGrid={!dragging}
            snapGrid={SNAP}
            minZoom={MIN_ZOOM}
            maxZoom={2.5}
            zoomOnDoubleClick={false}
            deleteKeyCode={null}
            selectionKeyCode="Shift"
            multiSelectionKeyCode={MULTI_SELECT_KEYS}
            elevateNodesOnSelect={false}
            colorMode={theme.name === "dark" ? "dark" : "light"}
            proOptions={PRO_OPTIONS}
            connectionRadius={28}
            aria-label="Process map canvas"
          >
            {frame !== null && (
              <LaneLayer frame={frame} lanes={map.lanes} theme={theme} dropLane={dropLane} />
            )}
            {frame !== null && (
              <HeaderOverlay frame={frame} lanes={map.lanes} phases={map.phases} theme={theme} />
            )}
            {frame !== null && <OverviewMap frame={frame} lanes={map.lanes} theme={theme} editor={store} />}
            <Controls showInteractive={false} showFitView={false} position="bottom-left" />
            {layer}
          </ReactFlow>
        </LevelOfDetail>
      </EdgeGeometryContext.Provider>
      <EmptyMapHint />
    </div>
  );
}

/*
 * HAZARD V8 gives all closures created in one call of a function one shared context, holding
 * every variable any of them captures. The Canvas's callbacks are memoized on its first render
 * and live as long as it does, so anything a closure in the Canvas body captures (map, layout,
 * nodes, edges, geometry) would stay on the heap from the first render on: a second copy of the
 * document and layout after the first edit. Closures over those values live in the small hooks
 * below, whose contexts only their own (short-lived) closures keep; in the Canvas body, read the
 * layout through layoutRef.
 */

/** React Flow's nodes and edges and the edges' geometry for the map, layout and selection. */
function useFlowElements(
  adapt: (input: FlowInput) => FlowElements,
  {
    map,
    layout,
    selection,
    dragPositions,
    stubs,
    viewWindow,
    editing,
  }: Pick<FlowInput, "map" | "layout" | "dragPositions" | "stubs" | "viewWindow" | "editing"> & {
    selection: Selection;
  },
): FlowElements {
  const selectedSteps = useMemo(() => new Set(selection.steps), [selection.steps]);
  const selectedHandoffs = useMemo(() => new Set(selection.handoffs), [selection.handoffs]);
  return useMemo(
    () => adapt({ map, layout, selectedSteps, selectedHandoffs, dragPositions, stubs, viewWindow, editing }),
    [adapt, map, layout, selectedSteps, selectedHandoffs, dragPositions, stubs, viewWindow, editing],
  );
}

/**
 * The window around the view that the flow adapter makes nodes and edges for (view-window.ts):
 * a new one only when the view leaves it, so a pan re-renders nothing here until then. Null until
 * the pane has a size.
 */
function useViewWindow(flow: StoreApi): Rect | null {
  const [viewWindow, setViewWindow] = useState<Rect | null>(null);
  useEffect(() => {
    let current: Rect | null = null;
    const update = ({ transform, width, height }: ReturnType<StoreApi["getState"]>) => {
      if (width <= 0 || height <= 0) return;
      const next = nextWindow(current, viewRect(transform, width, height));
      if (next === current) return;
      current = next;
      setViewWindow(next);
    };
    update(flow.getState());
    return flow.subscribe(update);
  }, [flow]);
  return viewWindow;
}

/**
 * The layout's frame (canvas-geometry.ts), a new object only when one of its parts changes: the
 * lane layer and the headers take this, not the layout, so their previous props (which React
 * keeps until they render again) never hold a previous layout's boxes and routes.
 */
function useLayoutFrame(layout: MapLayout | null): LayoutFrame | null {
  const width = layout?.width;
  const height = layout?.height;
  const laneHeaderWidth = layout?.laneHeaderWidth;
  const phaseHeaderHeight = layout?.phaseHeaderHeight;
  const lanes = layout?.lanes;
  const phases = layout?.phases;
  return useMemo(
    () =>
      width === undefined ||
      height === undefined ||
      laneHeaderWidth === undefined ||
      phaseHeaderHeight === undefined ||
      lanes === undefined ||
      phases === undefined
        ? null
        : { width, height, laneHeaderWidth, phaseHeaderHeight, lanes, phases },
    [width, height, laneHeaderWidth, phaseHeaderHeight, lanes, phases],
  );
}

/**
 * False on the first render, true from the layout effect after it (before the first paint).
 *
 * HAZARD React Flow's StoreUpdater keeps the props of its first render for as long as it is
 * mounted (its unmount cleanup closes over them). Handed the first nodes and edges, it would keep
 * them, with the steps, boxes and faces they hold, after every later change: a second copy of
 * the map on the heap. The first render hands it empty arrays; the real ones follow before paint.
 */
function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useLayoutEffect(() => setMounted(true), []);
  return mounted;
}

/**
 * The channel that hands routes and label spots to the edges (edge-geometry.ts): set during
 * render for the edges rendered in this pass, published before paint for the memoized rest.
 */
function useGeometryChannel(geometry: ReadonlyMap<string, EdgeGeometry>): EdgeGeometryChannel {
  const [channel] = useState(createEdgeGeometryChannel);
  channel.set(geometry);
  useLayoutEffect(() => channel.publish(geometry), [channel, geometry]);
  return channel;
}

/**
 * When the frozen header row or column changes size (the first phase added, the last deleted),
 * the viewport moves with it, before paint, so the lanes stay where they were under the headers:
 * without this, adding a first phase slid the top lane's steps under the new header row.
 */
function useLanesKeptAtHeaders(
  instanceRef: RefObject<ReactFlowInstance<StepFlowNode, HandoffFlowEdge> | null>,
  frame: LayoutFrame | null,
): void {
  const previous = useRef(frame);
  useLayoutEffect(() => {
    const before = previous.current;
    previous.current = frame;
    const instance = instanceRef.current;
    if (before === null || frame === null || before === frame || instance === null) return;
    const moved = keepLanesAtHeaders(before, frame, instance.getViewport());
    if (moved !== null) void instance.setViewport(moved);
  }, [instanceRef, frame]);
}

/**
 * A lane focus set, changed or ended starts the view at the first lane (x and zoom kept): the
 * lanes shown stack from the top, so the part of the map the view was on may now be bare canvas.
 * A walkthrough's own request to show its step comes after this and wins.
 */
function useTopLaneOnRefocus(
  instanceRef: RefObject<ReactFlowInstance<StepFlowNode, HandoffFlowEdge> | null>,
  laneFocus: readonly string[] | null,
  frame: LayoutFrame | null,
): void {
  const previous = useRef(laneFocus);
  useLayoutEffect(() => {
    if (previous.current === laneFocus) return;
    const instance = instanceRef.current;
    if (instance === null || frame === null) return; // the next frame tries again
    previous.current = laneFocus;
    const { x, zoom } = instance.getViewport();
    const { row } = headerSizes(frame, zoom);
    void instance.setViewport({ x, y: row - frame.phaseHeaderHeight * zoom, zoom });
  }, [instanceRef, laneFocus, frame]);
}

/**
 * A register row (or a paste) asked to bring a handoff or step into view. Waits for a layout that
 * holds the target (a step just pasted has no box until the next layout), then centers it, once
 * per request; with `ifHidden`, only when it is not already fully on screen.
 */
function useFocusRequests(
  instanceRef: RefObject<ReactFlowInstance<StepFlowNode, HandoffFlowEdge> | null>,
  flow: StoreApi,
  map: HandoffMap,
  layout: MapLayout | null,
  focusRequest: FocusRequest | null,
): void {
  const handled = useRef(0);
  const store = useEditorStoreApi();
  useEffect(() => {
    const instance = instanceRef.current;
    if (focusRequest === null || handled.current === focusRequest.nonce) return;
    // Its target left the map (an undo before the layout came): the request is void, for good.
    const items: ReadonlyArray<{ id: string }> = focusRequest.kind === "step" ? map.steps : map.handoffs;
    if (!items.some((item) => item.id === focusRequest.id)) {
      handled.current = focusRequest.nonce;
      // Or it is in a lane the lane focus hides: said, rather than a click that does nothing.
      const state = store.getState();
      const real: ReadonlyArray<{ id: string }> =
        focusRequest.kind === "step" ? state.map.steps : state.map.handoffs;
      if (state.laneFocus !== null && real.some((item) => item.id === focusRequest.id))
        state.notify(
          `That ${focusRequest.kind} is in a lane not shown: press "Show all lanes" (or L) to see it.`,
          "info",
        );
      return;
    }
    if (instance === null || layout === null) return;
    let target: { x: number; y: number; width: number; height: number } | undefined;
    if (focusRequest.kind === "handoff") {
      const anchor = layout.handoffs.find((r) => r.id === focusRequest.id)?.labelAnchor;
      if (anchor !== undefined) target = { ...anchor, width: 0, height: 0 };
    } else target = layout.steps.find((b) => b.id === focusRequest.id);
    if (target === undefined) return; // not laid out yet: the next layout runs this again
    handled.current = focusRequest.nonce;
    if (focusRequest.ifHidden === true) {
      const { width, height } = flow.getState();
      if (rectOnScreen(target, layout, instance.getViewport(), width, height)) return;
    }
    const zoom = Math.max(instance.getZoom(), focusRequest.minZoom ?? (focusRequest.ifHidden ? 0 : 0.9));
    // Centred on a step of the first (or last) lane, the view would show bare canvas above (or
    // below) the lanes: the walkthrough's first step opened under a quarter screen of nothing.
    const centerY = centerYWithinLanes(layout, target.y + target.height / 2, zoom, flow.getState().height);
    void instance.setCenter(target.x + target.width / 2, centerY, { zoom, duration: 300 });
  }, [instanceRef, flow, map, layout, focusRequest, store]);
}

/**
 * Dropped steps on the grid, all moved by the same amount (the first one's snap), so steps
 * dragged together keep their places relative to each other, as React Flow's own multi-drag
 * snap does. Positions already on the grid (a keyboard nudge of a placed step) stay.
 */
export function snapDrop(dropped: ReadonlyMap<string, Point>): ReadonlyMap<string, Point> {
  const first = dropped.values().next().value;
  if (first === undefined) return dropped;
  const dx = Math.round(first.x / GRID) * GRID - first.x;
  const dy = Math.round(first.y / GRID) * GRID - first.y;
  if (dx === 0 && dy === 0) return dropped;
  const snapped = new Map<string, Point>();
  for (const [id, point] of dropped) snapped.set(id, { x: point.x + dx, y: point.y + dy });
  return snapped;
}

/** The pointer's screen point when it is over empty canvas (the pane, not a header or a control). */
function paneUnderPointer(event: globalThis.MouseEvent | TouchEvent): Point | null {
  const point = "changedTouches" in event ? event.changedTouches[0] : event;
  if (point === undefined) return null;
  const element = document.elementFromPoint(point.clientX, point.clientY);
  if (element === null || !element.classList.contains("react-flow__pane")) return null;
  return { x: point.clientX, y: point.clientY };
}

function stepUnderPointer(event: globalThis.MouseEvent | TouchEvent): string | null {
  const point = "changedTouches" in event ? event.changedTouches[0] : event;
  if (point === undefined) return null;
  const element = document.elementFromPoint(point.clientX, point.clientY);
  const node = element?.closest<HTMLElement>(".react-flow__node");
  const id = node?.dataset.id;
  return id === undefined ? null : stepIdOfNode(id);
}
