import "@xyflow/react/dist/style.css";
import "../canvas/canvas.css";
import "./editor.css";
import { ReactFlowProvider } from "@xyflow/react";
import { type ReactNode, useCallback, useMemo, useRef } from "react";
import { Canvas, type CanvasApi } from "../canvas/Canvas";
import {
  canvasTheme,
  PROJECTOR_THEME,
  themeVariables,
  useColorScheme,
  usePresenting,
} from "../canvas/canvas-theme";
import { HealthPanel } from "../health/HealthPanel";
import { HelpOverlay } from "../help/HelpOverlay";
import { Inspector } from "../inspector/Inspector";
import { useEditorShortcuts } from "../keyboard/use-editor-shortcuts";
import { RegisterPanel } from "../register/RegisterPanel";
import { useEditorStoreApi } from "../store-context";
import { LaneFocusBar } from "./LaneFocusBar";
import { LayoutFailure } from "./LayoutFailure";
import { NoticeArea } from "./NoticeArea";
import { Toolbar } from "./Toolbar";

export interface EditorSlots {
  /** After the editor's own toolbar buttons (Export, Import, save status...). */
  toolbarEnd?: ReactNode;
  /** A bar under the canvas. */
  statusBar?: ReactNode;
  /** Dialogs and overlays over the whole editor. */
  overlays?: ReactNode;
  /** Shown above the inspector in the side column (a library, a change plan...). */
  sidePanel?: ReactNode;
  /** Drawn inside the canvas, in its coordinates (the others' marks in a live session). */
  canvasLayer?: ReactNode;
}

/**
 * The editor shell: toolbar, canvas, inspector, the "Edge cases" register, notices and help.
 * Reads one editor store from context (EditorStoreProvider); the composition root decides what
 * fills the slots. Colors follow the system's light or dark setting; presenting, the projector's.
 */
export function Editor({
  slots = {},
  onCanvasReady,
}: {
  slots?: EditorSlots;
  /** Hands out the canvas's view controls (fit, pan, zoom) once it is mounted. */
  onCanvasReady?: (api: CanvasApi) => void;
}) {
  const store = useEditorStoreApi();
  // Presenting, the canvas is the projector's light sheet even on a dark system; the editor
  // follows the system's light or dark setting.
  const presenting = usePresenting();
  const system = useColorScheme();
  const scheme = presenting ? "light" : system;
  const theme = presenting ? PROJECTOR_THEME : canvasTheme(scheme);
  const style = useMemo(() => themeVariables(theme), [theme]);
  const canvasApi = useRef<CanvasApi | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const onReady = useCallback(
    (api: CanvasApi) => {
      canvasApi.current = api;
      onCanvasReady?.(api);
    },
    [onCanvasReady],
  );
  const getCanvas = useCallback(() => canvasApi.current, []);

  useEditorShortcuts({
    store,
    canvas: () => rootRef.current?.querySelector<HTMLElement>(".hf-canvas") ?? null,
    fitView: () => canvasApi.current?.fitView(),
    viewCenter: () => canvasApi.current?.viewCenter() ?? null,
    inspector: () => rootRef.current?.querySelector<HTMLElement>(".hf-editor__inspector") ?? null,
  });

  return (
    <div className={`hf-editor hf-editor--${scheme}`} style={style} ref={rootRef}>
      <Toolbar canvas={getCanvas} end={slots.toolbarEnd} />
      <div className="hf-editor__body">
        <main className="hf-editor__main" aria-label="Process map">
          <LaneFocusBar />
          <ReactFlowProvider>
            <Canvas theme={theme} onReady={onReady} layer={slots.canvasLayer} />
          </ReactFlowProvider>
          <LayoutFailure />
          <RegisterPanel className="hf-editor__register" />
        </main>
        <div className="hf-editor__side">
          {slots.sidePanel}
          <HealthPanel className="hf-editor__health" />
          <Inspector className="hf-editor__inspector" />
        </div>
      </div>
      {slots.statusBar !== undefined && <div className="hf-editor__status">{slots.statusBar}</div>}
      <NoticeArea />
      <HelpOverlay />
      {slots.overlays}
    </div>
  );
}
