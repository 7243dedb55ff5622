import { type Transform, useReactFlow, useStoreApi } from "@xyflow/react";
import { memo, type RefObject, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { wrapText } from "../../layout/text-metrics";
import type { Lane, Phase } from "../../model/types";
import type { EditorState, HeaderTarget } from "../../store/editor-store";
import { isOtherLanes } from "../../store/lane-focus";
import type { SvgTheme } from "../../theme/svg-theme";
import { addLaneAtEnd, addPhaseAtEnd } from "../actions/editor-actions";
import { DeleteLaneDialog } from "../dialogs/DeleteLaneDialog";
import { useEditor, useEditorStoreApi } from "../store-context";
import { headerSizes, type LayoutFrame } from "./canvas-geometry";
import { LANE_COLORS, laneAccentColor } from "./canvas-theme";
import { HeaderActions, type MenuItem } from "./HeaderActions";
import { OtherLanesHeader, useLaneFocusItems } from "./OtherLanesHeader";

const headerSelection = (s: EditorState) => ({ lane: s.selection.lane, phase: s.selection.phase });
const selectEditingHeader = (s: EditorState) => s.editingHeader;

/** Room kept between a header brought into view and the pane's edge, in screen pixels. */
const REVEAL_MARGIN = 12;

/** Horizontal room for a lane name: the header's padding, accent bar and the button's own. */
const NAME_INSET = 20;

/**
 * The largest font (13 down to 9 px) at which the lane name, wrapped to the header column, fits
 * the band's height; at the floor it wraps to as many lines as fit. Measured, not guessed from the
 * height alone: a one-line name in a short band keeps the size of its neighbours.
 */
function headerFont(height: number, name: string, width: number): { size: number; lines: number } {
  for (let size = 13; size >= 9; size--) {
    const lines = wrapText(name, Math.max(1, width - NAME_INSET), { fontSize: size, weight: "bold" }).lines
      .length;
    if (lines <= 3 && lines * size * 1.25 + 6 <= height) return { size, lines };
  }
  return { size: 9, lines: Math.max(1, Math.min(3, Math.floor((height - 6) / (9 * 1.25)))) };
}

/**
 * headerFont's last answer per header element: a pan keeps the zoom, so every header's height,
 * and with it the font, stays the same frame after frame; it is worked out again only when the
 * height, the column or the name changed.
 */
const lastFont = new WeakMap<Element, { key: string; font: { size: number; lines: number } }>();

function headerFontOf(element: Element, height: number, column: number) {
  const name = element.querySelector(".hf-header-text")?.textContent ?? "";
  const key = `${height}|${column}|${name}`;
  const last = lastFont.get(element);
  if (last !== undefined && last.key === key) return last.font;
  const font = headerFont(height, name, column);
  lastFont.set(element, { key, font });
  return font;
}

/** Writes a style property only when its text changes: most frames change a few of them. */
function setStyle(element: HTMLElement, property: string, value: string) {
  if (element.style.getPropertyValue(property) !== value) element.style.setProperty(property, value);
}

/**
 * Puts the headers where the viewport says, straight into the DOM: panning and zooming change
 * only these styles, so the headers (and their menus) never re-render per frame.
 *
 * Each header row and column holds a track that follows the pan (one transform); a header's own
 * place in its track changes only with the zoom. A pan therefore restyles two tracks, not every
 * header: on a 2-core machine each restyled element costs the browser about a tenth of a
 * millisecond a frame.
 *
 * A phase header covers only the part of its column that is on screen (`paneWidth` wide, 0 when
 * not yet measured), so a phase running off either edge keeps its name centred in what shows and
 * its menu button in reach, as a spreadsheet's frozen row does (those one or two headers change
 * with the pan). A phase wholly off screen keeps its full place, outside the clipped row.
 */
function placeHeaders(root: HTMLElement, frame: LayoutFrame, [tx, ty, zoom]: Transform, paneWidth: number) {
  const { column, row } = headerSizes(frame, zoom);
  const laneColumn = root.querySelector<HTMLElement>(".hf-lane-headers");
  const phaseRow = root.querySelector<HTMLElement>(".hf-phase-headers");
  const corner = root.querySelector<HTMLElement>(".hf-header-corner");
  const laneTrack = laneColumn?.querySelector<HTMLElement>(".hf-header-track");
  const phaseTrack = phaseRow?.querySelector<HTMLElement>(".hf-header-track");
  if (laneColumn != null) {
    setStyle(laneColumn, "top", `${row}px`);
    setStyle(laneColumn, "width", `${column}px`);
  }
  if (phaseRow != null) {
    setStyle(phaseRow, "left", `${column}px`);
    setStyle(phaseRow, "height", `${row}px`);
  }
  if (corner !== null) {
    setStyle(corner, "width", `${column}px`);
    setStyle(corner, "height", `${row}px`);
  }
  // Layout y 0 sits at screen ty; the lane column starts at screen `row`.
  if (laneTrack != null) setStyle(laneTrack, "transform", `translateY(${ty - row}px)`);
  // Layout x 0 sits at screen tx; the phase row starts at screen `column`.
  if (phaseTrack != null) setStyle(phaseTrack, "transform", `translateX(${tx - column}px)`);
  const lanes = byData(laneTrack, "laneId");
  for (const band of frame.lanes) {
    const element = lanes.get(band.id);
    if (element === undefined) continue;
    const height = band.height * zoom;
    const font = headerFontOf(element, height, column);
    setStyle(element, "transform", `translateY(${band.y * zoom}px)`);
    setStyle(element, "height", `${height}px`);
    setStyle(element, "font-size", `${font.size}px`);
    setStyle(element, "-webkit-line-clamp", String(font.lines));
  }
  const rowEnd = paneWidth > 0 ? paneWidth : Number.POSITIVE_INFINITY;
  const phases = byData(phaseTrack, "phaseId");
  for (const col of frame.phases) {
    const element = phases.get(col.id);
    if (element === undefined) continue;
    let left = col.x * zoom + tx;
    let right = left + col.width * zoom;
    if (Math.max(left, column) < Math.min(right, rowEnd)) {
      left = Math.max(left, column);
      right = Math.min(right, rowEnd);
    }
    // In the track: screen x less the track's offset (tx - column) and the row's left (column).
    setStyle(element, "transform", `translateX(${left - tx}px)`);
    setStyle(element, "width", `${right - left}px`);
    // At the lane header column the column's own border marks the edge; a dashed one beside it is noise.
    setStyle(element, "border-left-color", left <= column + 0.5 ? "transparent" : "");
  }
}

/** The track's headers by their `data-*` id (dataset key `key`). */
function byData(track: HTMLElement | null | undefined, key: "laneId" | "phaseId"): Map<string, HTMLElement> {
  const found = new Map<string, HTMLElement>();
  if (track == null) return found;
  for (const child of track.children)
    if (child instanceof HTMLElement) {
      const id = child.dataset[key];
      if (id !== undefined) found.set(id, child);
    }
  return found;
}

/**
 * The lane header column and the phase header row, in screen space over the canvas: synced to
 * the viewport's y (lanes) and x (phases) and zoom, but frozen at the left and top edges, so lane
 * and phase names stay readable however far the room pans. Each header selects its lane or phase
 * and has a menu for rename, color, reorder, add and delete.
 *
 * React renders the headers when the map, the layout's frame (canvas-geometry.ts) or the
 * selection change; their places and sizes follow the viewport through `placeHeaders`, outside
 * React (a 60 fps pan would otherwise re-render every header and rebuild its menu items on every
 * animation frame).
 */
function HeaderOverlayView({
  frame,
  lanes,
  phases,
  theme,
}: {
  frame: LayoutFrame;
  lanes: readonly Lane[];
  phases: readonly Phase[];
  theme: SvgTheme;
}) {
  const flow = useStoreApi();
  const root = useRef<HTMLDivElement>(null);
  const selected = useEditor(useShallow(headerSelection));
  const laneById = new Map(lanes.map((lane) => [lane.id, lane]));
  const phaseById = new Map(phases.map((phase) => [phase.id, phase]));
  useRevealEditedHeader(frame);
  const editing = useEditor(selectEditingHeader);
  const draft = useRef<HeaderDraft | null>(null);
  const editingName =
    editing === null
      ? undefined
      : (editing.kind === "lane" ? laneById.get(editing.id) : phaseById.get(editing.id))?.name;
  const editingDrawn =
    editing !== null &&
    (editing.kind === "lane" ? frame.lanes : frame.phases).some((item) => item.id === editing.id);

  // After every render (new headers get their places at once) ...
  useLayoutEffect(() => {
    const { transform, width } = flow.getState();
    if (root.current !== null) placeHeaders(root.current, frame, transform, width);
  });
  // ... and on every viewport change or pane resize.
  useLayoutEffect(() => {
    let last: Transform | null = null;
    let lastWidth = -1;
    return flow.subscribe((state) => {
      if ((state.transform === last && state.width === lastWidth) || root.current === null) return;
      last = state.transform;
      lastWidth = state.width;
      placeHeaders(root.current, frame, state.transform, state.width);
    });
  }, [flow, frame]);

  return (
    <div className="hf-headers" ref={root}>
      <div className="hf-lane-headers">
        <div className="hf-header-track">
          {frame.lanes.map((band) => {
            const lane = laneById.get(band.id);
            if (lane === undefined) return null;
            if (isOtherLanes(lane.id)) return <OtherLanesHeader key={band.id} lane={lane} />;
            return (
              <LaneHeader
                key={band.id}
                lane={lane}
                accent={laneAccentColor(lane, theme)}
                selected={selected.lane === lane.id}
                draft={draft}
              />
            );
          })}
        </div>
      </div>
      {frame.phases.length > 0 && (
        <div className="hf-phase-headers">
          <div className="hf-header-track">
            {frame.phases.map((col, index) => {
              const phase = phaseById.get(col.id);
              if (phase === undefined) return null;
              return (
                <PhaseHeader
                  key={col.id}
                  phase={phase}
                  index={index}
                  count={frame.phases.length}
                  selected={selected.phase === phase.id}
                  draft={draft}
                />
              );
            })}
          </div>
        </div>
      )}
      <div className="hf-header-corner" />
      {editing !== null && editingName !== undefined && !editingDrawn && (
        <PendingName
          key={`${editing.kind}:${editing.id}`}
          target={editing}
          name={editingName}
          draft={draft}
        />
      )}
    </div>
  );
}

/**
 * A header whose name opens for typing (a lane or phase just added) is brought into view once it
 * is drawn: the lane column follows y and the phase row follows x, so a lane added at the bottom
 * of a tall map would otherwise take the typing off screen.
 */
function useRevealEditedHeader(frame: LayoutFrame) {
  const flow = useStoreApi();
  const { setViewport } = useReactFlow();
  const editing = useEditor(selectEditingHeader);
  const revealed = useRef<HeaderTarget | null>(null);
  useLayoutEffect(() => {
    if (editing === null || editing === revealed.current) return;
    const { transform, width, height } = flow.getState();
    const [tx, ty, zoom] = transform;
    const { column, row } = headerSizes(frame, zoom);
    const lane = editing.kind === "lane";
    const item = lane
      ? frame.lanes.find((band) => band.id === editing.id)
      : frame.phases.find((col) => col.id === editing.id);
    if (item === undefined) return; // not drawn yet: the next layout brings it
    revealed.current = editing;
    const moved =
      "y" in item
        ? revealAlong(item.y, item.height, zoom, ty, row, height)
        : revealAlong(item.x, item.width, zoom, tx, column, width);
    if (moved !== null) void setViewport(lane ? { x: tx, y: moved, zoom } : { x: moved, y: ty, zoom });
  }, [editing, frame, flow, setViewport]);
}

/**
 * Along one axis: the viewport offset that brings the span [start, start + size) (layout pixels)
 * into the pane between the frozen header (`header` px) and the pane's far edge, or null when it
 * is already there. A span that fits ends REVEAL_MARGIN short of the far edge; one that does not
 * starts at the header.
 */
function revealAlong(
  start: number,
  size: number,
  zoom: number,
  offset: number,
  header: number,
  pane: number,
): number | null {
  const near = start * zoom + offset;
  const far = near + size * zoom;
  if (near >= header && far <= pane) return null;
  return far > pane && size * zoom <= pane - header - REVEAL_MARGIN
    ? pane - REVEAL_MARGIN - (start + size) * zoom
    : header - start * zoom;
}

/**
 * What was typed into a name before its header was drawn, handed to the header's name field: the
 * text and the selection, so typing goes on where it was.
 */
interface HeaderDraft {
  target: HeaderTarget;
  value: string;
  start: number;
  end: number;
}

const sameTarget = (a: HeaderTarget, b: HeaderTarget) => a.kind === b.kind && a.id === b.id;

/**
 * The name field of a lane or phase just added, while its header waits for the next layout (a
 * worker round trip, longer on a big map): it takes the focus at once, so the first keys typed
 * after "Add lane" go into the name and never reach a button or a shortcut (Space would add a
 * second lane, F would start presenting). Enter and Esc work here as in the header; whatever else
 * was typed moves into the header's field when it is drawn.
 */
function PendingName({
  target,
  name,
  draft,
}: {
  target: HeaderTarget;
  name: string;
  draft: RefObject<HeaderDraft | null>;
}) {
  const store = useEditorStoreApi();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const element = input.current;
    if (element === null) return;
    element.focus({ preventScroll: true });
    element.select();
    draft.current = { target, value: element.value, start: 0, end: element.value.length };
  }, [target, draft]);
  const remember = () => {
    const element = input.current;
    if (element === null) return;
    const start = element.selectionStart ?? element.value.length;
    draft.current = { target, value: element.value, start, end: element.selectionEnd ?? start };
  };
  const finish = (next: string | null) => {
    draft.current = null;
    store.getState().setEditingHeader(null);
    if (next === null || next === name) return;
    store
      .getState()
      .dispatch(
        target.kind === "lane"
          ? { type: "renameLane", lane: target.id, name: next }
          : { type: "renamePhase", phase: target.id, name: next },
      );
  };
  return (
    <input
      ref={input}
      className="hf-visually-hidden"
      aria-label={target.kind === "lane" ? "Lane name" : "Phase name"}
      defaultValue={name}
      onChange={remember}
      onSelect={remember}
      onKeyDown={(event) => {
        event.stopPropagation();
        const value = event.currentTarget.value.trim();
        if (event.key === "Enter") finish(value === "" ? null : value);
        if (event.key === "Escape") finish(null);
      }}
    />
  );
}

/**
 * Whether this header's name is open for typing, and the switch: the state lives in the editor
 * store (editingHeader), so "Add lane" anywhere can open the new lane's name.
 */
function useHeaderRenaming(kind: HeaderTarget["kind"], id: string): [boolean, (renaming: boolean) => void] {
  const store = useEditorStoreApi();
  const renaming = useEditor((s) => s.editingHeader?.kind === kind && s.editingHeader.id === id);
  const setRenaming = (next: boolean) => {
    const current = store.getState().editingHeader;
    if (next) store.getState().setEditingHeader({ kind, id });
    else if (current?.kind === kind && current.id === id) store.getState().setEditingHeader(null);
  };
  return [renaming, setRenaming];
}

/**
 * The name field of a header: opens with its text selected, so typing replaces it; Enter or
 * leaving the field keeps what was typed, Esc keeps the name it had.
 */
function NameEditor({
  initial,
  label,
  typed,
  onDone,
}: {
  initial: string;
  label: string;
  /** Typed before this field was drawn (PendingName): its text and selection carry on here. */
  typed: HeaderDraft | null;
  onDone(name: string | null): void;
}) {
  const [value, setValue] = useState(typed?.value ?? initial);
  const done = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const selection = useRef(typed === null ? null : ([typed.start, typed.end] as const));
  // Focused without scrolling: the header column clips its content, and a scroll there would
  // shift every lane name off its band.
  useEffect(() => {
    const element = input.current;
    if (element === null) return;
    element.focus({ preventScroll: true });
    if (selection.current === null) element.select();
    else element.setSelectionRange(...selection.current);
  }, []);
  const finish = (name: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(name);
  };
  return (
    <input
      ref={input}
      className="hf-header-input nodrag nopan"
      aria-label={label}
      value={value}
      onChange={(event) => setValue(event.target.value)}
      onBlur={() => finish(value.trim() === "" ? null : value.trim())}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === "Enter") finish(value.trim() === "" ? null : value.trim());
        if (event.key === "Escape") finish(null);
      }}
    />
  );
}

/**
 * A header's name: a button that selects the lane or phase (double-click renames), or the rename
 * field while `renaming`. `onRenamed` hears only a real change: not a cancel, a blank or the same name.
 */
function HeaderName({
  kind,
  id,
  name,
  selected,
  renaming,
  draft,
  onSelect,
  onRename,
  onRenamed,
}: {
  kind: "lane" | "phase";
  id: string;
  name: string;
  selected: boolean;
  renaming: boolean;
  draft: RefObject<HeaderDraft | null>;
  onSelect(): void;
  onRename(renaming: boolean): void;
  onRenamed(name: string): void;
}) {
  if (renaming) {
    const typed =
      draft.current !== null && sameTarget(draft.current.target, { kind, id }) ? draft.current : null;
    return (
      <NameEditor
        initial={name}
        label={kind === "lane" ? "Lane name" : "Phase name"}
        typed={typed}
        onDone={(next) => {
          onRename(false);
          draft.current = null;
          if (next !== null && next !== name) onRenamed(next);
        }}
      />
    );
  }
  return (
    <button
      type="button"
      className={`hf-${kind}-header__name`}
      title={`${name} (double-click to rename)`}
      aria-pressed={selected}
      onClick={onSelect}
      onDoubleClick={() => onRename(true)}
    >
      <span className="hf-header-text">{name}</span>
    </button>
  );
}

function LaneHeader({
  lane,
  accent,
  selected,
  draft,
}: {
  lane: Lane;
  accent: string | null;
  selected: boolean;
  draft: RefObject<HeaderDraft | null>;
}) {
  const store = useEditorStoreApi();
  const [renaming, setRenaming] = useHeaderRenaming("lane", lane.id);
  const [deleting, setDeleting] = useState(false);
  const dispatch = store.getState().dispatch;
  // Moves and adds work on the map's order of lanes: in a lane focus the header's place on
  // screen is not the lane's place in the map.
  const index = useEditor((s) => s.map.lanes.findIndex((l) => l.id === lane.id));
  const count = useEditor((s) => s.map.lanes.length);
  const focusItems = useLaneFocusItems(store, lane.id);

  const stepCount = () => store.getState().map.steps.filter((s) => s.lane === lane.id).length;
  const askDelete = () => {
    if (stepCount() > 0 && count > 1) setDeleting(true);
    else dispatch({ type: "removeLane", lane: lane.id });
  };

  const items: MenuItem[] = [
    { label: "Rename lane", onSelect: () => setRenaming(true) },
    {
      label: "Move lane up",
      onSelect: () => dispatch({ type: "moveLane", lane: lane.id, delta: -1 }),
      disabled: index === 0,
    },
    {
      label: "Move lane down",
      onSelect: () => dispatch({ type: "moveLane", lane: lane.id, delta: 1 }),
      disabled: index === count - 1,
    },
    { label: "Add lane above", onSelect: () => addLaneAtEnd(store, index) },
    { label: "Add lane below", onSelect: () => addLaneAtEnd(store, index + 1) },
    ...LANE_COLORS.map((color) => ({
      label: `Color: ${color.name}`,
      swatch: color.value,
      onSelect: () => dispatch({ type: "setLaneColor", lane: lane.id, color: color.value }),
    })),
    {
      label: "No color",
      onSelect: () => dispatch({ type: "setLaneColor", lane: lane.id, color: null }),
      disabled: lane.color === undefined,
    },
    ...focusItems,
    { label: "Delete lane", onSelect: askDelete, danger: true },
  ];

  return (
    <div className={`hf-lane-header${selected ? " is-selected" : ""}`} data-lane-id={lane.id}>
      {accent !== null && <span className="hf-lane-header__accent" style={{ background: accent }} />}
      <HeaderName
        kind="lane"
        id={lane.id}
        name={lane.name}
        selected={selected}
        renaming={renaming}
        draft={draft}
        onSelect={() => store.getState().select({ lane: lane.id })}
        onRename={setRenaming}
        onRenamed={(name) => dispatch({ type: "renameLane", lane: lane.id, name })}
      />
      <HeaderActions label={`Lane actions: ${lane.name}`} items={items} />
      {deleting && (
        <DeleteLaneDialog
          laneName={lane.name}
          stepCount={stepCount()}
          otherLanes={store.getState().map.lanes.filter((l) => l.id !== lane.id)}
          onCancel={() => setDeleting(false)}
          onConfirm={(target) => {
            setDeleting(false);
            dispatch({ type: "removeLane", lane: lane.id, moveStepsTo: target });
          }}
        />
      )}
    </div>
  );
}

function PhaseHeader({
  phase,
  index,
  count,
  selected,
  draft,
}: {
  phase: Phase;
  index: number;
  count: number;
  selected: boolean;
  draft: RefObject<HeaderDraft | null>;
}) {
  const store = useEditorStoreApi();
  const [renaming, setRenaming] = useHeaderRenaming("phase", phase.id);
  const dispatch = store.getState().dispatch;

  const items: MenuItem[] = [
    { label: "Rename phase", onSelect: () => setRenaming(true) },
    {
      label: "Move phase left",
      onSelect: () => dispatch({ type: "movePhase", phase: phase.id, delta: -1 }),
      disabled: index === 0,
    },
    {
      label: "Move phase right",
      onSelect: () => dispatch({ type: "movePhase", phase: phase.id, delta: 1 }),
      disabled: index === count - 1,
    },
    { label: "Add phase before", onSelect: () => addPhaseAtEnd(store, index) },
    { label: "Add phase after", onSelect: () => addPhaseAtEnd(store, index + 1) },
    ...LANE_COLORS.map((color) => ({
      label: `Color: ${color.name}`,
      swatch: color.value,
      onSelect: () => dispatch({ type: "setPhaseColor", phase: phase.id, color: color.value }),
    })),
    {
      label: "No color",
      onSelect: () => dispatch({ type: "setPhaseColor", phase: phase.id, color: null }),
      disabled: phase.color === undefined,
    },
    {
      label: "Delete phase (steps stay in their lanes)",
      onSelect: () => dispatch({ type: "removePhase", phase: phase.id }),
      danger: true,
    },
  ];

  return (
    <div
      className={`hf-phase-header${selected ? " is-selected" : ""}`}
      data-phase-id={phase.id}
      style={{ borderTopColor: phase.color }}
    >
      <HeaderName
        kind="phase"
        id={phase.id}
        name={phase.name}
        selected={selected}
        renaming={renaming}
        draft={draft}
        onSelect={() => store.getState().select({ phase: phase.id })}
        onRename={setRenaming}
        onRenamed={(name) => dispatch({ type: "renamePhase", phase: phase.id, name })}
      />
      <HeaderActions label={`Phase actions: ${phase.name}`} items={items} />
    </div>
  );
}

/**
 * Memoized: the canvas re-renders on every frame of a step drag, and its props (the frame, lanes,
 * phases, theme) do not change then; without it every header and its menu items rendered again.
 */
export const HeaderOverlay = memo(HeaderOverlayView);
