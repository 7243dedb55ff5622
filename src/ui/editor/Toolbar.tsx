import { type ReactNode, useLayoutEffect, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { type EditorState, undoAvailability } from "../../store/editor-store";
import { addLaneAtEnd, addPhaseAtEnd, addStepFromToolbar } from "../actions/editor-actions";
import type { CanvasApi } from "../canvas/Canvas";
import { HealthCount } from "../health/HealthCount";
import { useEditor, useEditorStoreApi } from "../store-context";
import { LanesPicker } from "./LanesPicker";

const selectToolbar = (s: EditorState) => ({
  ...undoAvailability(s),
  layoutRunning: s.layoutStatus === "running",
  registerOpen: s.panels.has("register"),
  helpOpen: s.panels.has("help"),
  title: s.map.title,
});

function Icon({ d }: { d: string }) {
  return (
    <svg className="hf-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}

const ICONS = {
  step: "M2.5 4.5h11v7h-11z M8 6v4 M6 8h4",
  lane: "M1.5 3.5h13 M1.5 8h13 M1.5 12.5h13",
  phase: "M3.5 1.5v13 M8 1.5v13 M12.5 1.5v13",
  undo: "M5.5 3.5 2.5 6.5l3 3 M2.5 6.5h7a4 4 0 0 1 0 8h-3",
  redo: "M10.5 3.5l3 3-3 3 M13.5 6.5h-7a4 4 0 0 0 0 8h3",
  layout: "M1.5 2.5h5v4h-5z M9.5 9.5h5v4h-5z M6.5 4.5h3v7h0",
  fit: "M1.5 5.5v-4h4 M10.5 1.5h4v4 M14.5 10.5v4h-4 M5.5 14.5h-4v-4",
  register: "M3.5 1.5v13 M3.5 2.5h9l-2 3 2 3h-9",
};

/**
 * A labelled cluster of toolbar buttons with a divider before it. Parts that fill the toolbar's
 * end slot use it too ("File", "Workshop"), so the whole bar reads as one row of groups.
 */
export function ToolbarGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar group, not a form fieldset
    <div className="hf-toolbar__group" role="group" aria-label={label}>
      {children}
    </div>
  );
}

/**
 * Keeps `--hf-toolbar-bottom` on the editor's root at the toolbar's bottom edge, in px: the
 * toolbar wraps to two rows on a narrow window (and more buttons in a live session), and what
 * floats under it (the presenter card, quick capture) must start below it, not over its buttons.
 */
function useToolbarBottom() {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const header = ref.current;
    const root = header?.closest<HTMLElement>(".hf-editor");
    if (!header || !root) return;
    const update = () =>
      root.style.setProperty("--hf-toolbar-bottom", `${Math.round(header.getBoundingClientRect().bottom)}px`);
    update();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(update);
    observer.observe(header);
    return () => observer.disconnect();
  }, []);
  return ref;
}

/**
 * The editor's toolbar. Accessible names are exactly the words on the buttons, so people (and
 * tests) find them by what they do.
 */
export function Toolbar({ canvas, end }: { canvas: () => CanvasApi | null; end?: ReactNode }) {
  const store = useEditorStoreApi();
  const state = useEditor(useShallow(selectToolbar));
  const headerRef = useToolbarBottom();

  return (
    <header className="hf-toolbar" ref={headerRef}>
      <div className="hf-toolbar__brand">
        <span className="hf-toolbar__logo" aria-hidden="true">
          ⇄
        </span>
        <span className="hf-toolbar__title" title={state.title}>
          {state.title}
        </span>
      </div>
      <ToolbarGroup label="Add">
        <button
          type="button"
          className="hf-button hf-button--fold-2"
          onClick={() => addStepFromToolbar(store, canvas()?.viewCenter() ?? null)}
          title="Add step in the middle of the view (N)"
        >
          <Icon d={ICONS.step} />
          <span className="hf-button__label">Add step</span>
        </button>
        <button
          type="button"
          className="hf-button hf-button--fold-1"
          title="Add lane at the bottom"
          onClick={() => addLaneAtEnd(store)}
        >
          <Icon d={ICONS.lane} />
          <span className="hf-button__label">Add lane</span>
        </button>
        <button
          type="button"
          className="hf-button hf-button--fold-1"
          title="Add phase at the end"
          onClick={() => addPhaseAtEnd(store)}
        >
          <Icon d={ICONS.phase} />
          <span className="hf-button__label">Add phase</span>
        </button>
      </ToolbarGroup>
      <ToolbarGroup label="History">
        <button
          type="button"
          className="hf-button hf-button--icon"
          disabled={!state.canUndo}
          aria-label="Undo"
          title="Undo (Ctrl/Cmd+Z)"
          onClick={() => store.getState().undo()}
        >
          <Icon d={ICONS.undo} />
        </button>
        <button
          type="button"
          className="hf-button hf-button--icon"
          disabled={!state.canRedo}
          aria-label="Redo"
          title="Redo (Ctrl/Cmd+Shift+Z)"
          onClick={() => store.getState().redo()}
        >
          <Icon d={ICONS.redo} />
        </button>
      </ToolbarGroup>
      <ToolbarGroup label="View">
        <button
          type="button"
          className="hf-button hf-button--fold-1"
          title="Auto layout: arrange the steps in their lanes and phases"
          aria-busy={state.layoutRunning}
          disabled={state.layoutRunning}
          onClick={() => void store.getState().autoLayout()}
        >
          <Icon d={ICONS.layout} />
          <span className="hf-button__label">Auto layout</span>
        </button>
        <button
          type="button"
          className="hf-button hf-button--icon"
          aria-label="Fit view"
          title="Fit view: show the whole map (Shift+1)"
          onClick={() => canvas()?.fitView()}
        >
          <Icon d={ICONS.fit} />
        </button>
        <LanesPicker />
      </ToolbarGroup>
      <ToolbarGroup label="Panels">
        <button
          type="button"
          className="hf-button hf-button--fold-2"
          title="Edge cases: the register of every edge case"
          aria-pressed={state.registerOpen}
          onClick={() => store.getState().togglePanel("register")}
        >
          <Icon d={ICONS.register} />
          <span className="hf-button__label">Edge cases</span>
        </button>
        <HealthCount />
        <button
          type="button"
          className="hf-button hf-button--round"
          aria-pressed={state.helpOpen}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={() => store.getState().togglePanel("help")}
        >
          ?
        </button>
      </ToolbarGroup>
      <div className="hf-toolbar__spacer" />
      {end !== undefined && <div className="hf-toolbar__end">{end}</div>}
    </header>
  );
}
