import { type KeyboardEvent, useEffect, useId, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import type { Lane } from "../../model/types";
import type { EditorState } from "../../store/editor-store";
import { useEditor, useEditorStoreApi } from "../store-context";
import "./lane-focus.css";

const selectPicker = (s: EditorState) => ({
  lanes: s.map.lanes,
  focus: s.laneFocus,
  open: s.panels.has("lanes"),
});

export function laneName(lane: Lane): string {
  return lane.name.trim() === "" ? "(unnamed lane)" : lane.name;
}

/**
 * What the Lanes button says: "Lanes: All", the names of one or two lanes shown ("Lanes: Sales,
 * Deal Desk"), else how many ("Lanes: 3 of 7").
 */
export function lanesSummary(lanes: readonly Lane[], focus: readonly string[] | null): string {
  if (focus === null) return "Lanes: All";
  const shown = lanes.filter((lane) => focus.includes(lane.id));
  if (shown.length <= 2) return `Lanes: ${shown.map(laneName).join(", ")}`;
  return `Lanes: ${shown.length} of ${lanes.length}`;
}

/**
 * The toolbar's lane focus control: a button naming what is shown, and a small panel with a
 * checkbox per lane (ticked: shown), "Only" beside each, and "Show all lanes". Every change
 * applies at once. Keyboard: L opens it with nothing selected; Tab and Space inside; Esc closes
 * and gives the focus back to the button. Its open state is the store's "lanes" panel.
 */
export function LanesPicker() {
  const store = useEditorStoreApi();
  const { lanes, focus, open } = useEditor(useShallow(selectPicker));
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const summary = lanesSummary(lanes, focus);
  const shown = (id: string) => focus === null || focus.includes(id);
  const shownCount = focus?.length ?? lanes.length;

  const setOpen = (next: boolean) => store.getState().togglePanel("lanes", next);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>("input, button")?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (panel.current?.contains(target) || button.current?.contains(target)) return;
      store.getState().togglePanel("lanes", false);
    };
    document.addEventListener("pointerdown", onPointer, true);
    return () => document.removeEventListener("pointerdown", onPointer, true);
  }, [open, store]);

  const toggle = (id: string, on: boolean) => {
    const current = lanes.filter((lane) => shown(lane.id)).map((lane) => lane.id);
    const next = on ? [...current, id] : current.filter((lane) => lane !== id);
    store.getState().setLaneFocus(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // The panel's keys are its own: no editor shortcut acts on them.
    event.stopPropagation();
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    }
  };

  return (
    <div className="hf-lanes-picker">
      <button
        ref={button}
        type="button"
        className={`hf-button hf-button--fold-1${focus === null ? "" : " is-focused"}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        title={`${
          focus === null
            ? "Lane focus: show only some lanes"
            : `Showing ${shownCount} of ${lanes.length} lanes: ${lanes
                .filter((l) => shown(l.id))
                .map(laneName)
                .join(", ")}`
        } (L)`}
        onClick={() => setOpen(!open)}
      >
        <svg className="hf-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M1.5 3.5h13 M1.5 8h13 M1.5 12.5h13 M4 1.5v4 M4 6v4" />
        </svg>
        <span className="hf-button__label">{summary}</span>
        {focus !== null && (
          <span className="hf-lanes-picker__count" aria-hidden="true">
            {shownCount}/{lanes.length}
          </span>
        )}
      </button>
      {open && (
        <div
          ref={panel}
          id={panelId}
          className="hf-lanes-picker__panel"
          role="dialog"
          aria-label="Lanes shown"
          onKeyDown={onKeyDown}
        >
          <p className="hf-lanes-picker__hint">
            Tick the lanes to show. Handoffs to the others end at dashed stubs in “Other lanes”; nothing is
            deleted.
          </p>
          <ul className="hf-lanes-picker__list">
            {lanes.map((lane) => (
              <li key={lane.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={shown(lane.id)}
                    // The last lane shown stays: "no lane" is not a view.
                    disabled={shown(lane.id) && shownCount === 1}
                    onChange={(event) => toggle(lane.id, event.target.checked)}
                  />
                  {laneName(lane)}
                </label>
                <button
                  type="button"
                  className="hf-lanes-picker__only"
                  aria-label={`Only ${laneName(lane)}`}
                  onClick={() => store.getState().setLaneFocus([lane.id])}
                >
                  Only
                </button>
              </li>
            ))}
          </ul>
          <div className="hf-lanes-picker__actions">
            <button
              type="button"
              className="hf-button"
              disabled={focus === null}
              onClick={() => store.getState().setLaneFocus(null)}
            >
              Show all lanes
            </button>
            <button type="button" className="hf-button" onClick={() => close(true)}>
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
