import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { exportFormat, needsLayout } from "../../export/export-formats";
import { EXPORT_PART_NAMES, type ExportPartName } from "../../export/export-parts";
import { type Orientation, PAGE_LABELS, PAGE_SIZES, type PageSizeName } from "../../export/pdf/page-sizes";
import { SVG_THEMES, type SvgThemeName } from "../../theme/svg-theme";
import { useEditor, useEditorStoreApi } from "../store-context";
import { downloadBlob } from "./download";
import {
  choosesPicture,
  DIALOG_FORMATS,
  type DialogFormat,
  type ExportChoice,
  loadChoice,
  offers,
  SCALES,
  saveChoice,
} from "./export-choice";
import { drawableLayout } from "./export-formats";

// pdfkit, fontkit and the slide code load when the dialog first needs them, not with the editor.
const loadRunExport = () => import("./run-export");

const formatLabel = (format: DialogFormat) => exportFormat(format).label;
const THEME_LABELS: Record<SvgThemeName, string> = {
  light: "Light",
  dark: "Dark",
  print: "Print (grayscale)",
};
const PART_LABELS: Record<ExportPartName, string> = {
  diagram: "Diagram",
  legend: "Legend",
  register: "Edge-case register",
  title: "Title",
};
const ORIENTATION_LABELS: Record<Orientation, string> = { landscape: "Landscape", portrait: "Portrait" };

/** The controls Tab moves between: enabled, and of a radio group only the checked radio. */
function tabStops(root: HTMLElement | null): HTMLElement[] {
  return Array.from(root?.querySelectorAll<HTMLElement>("button, input, select") ?? []).filter(
    (el) =>
      !el.matches(":disabled") && !(el instanceof HTMLInputElement && el.type === "radio" && !el.checked),
  );
}

/**
 * Export: every format of the export table as a choice, with the CLI's flags as controls where
 * the format takes them (theme, parts, lanes, slides, page size and orientation, scale), a live
 * thumbnail of a picture, and the list formats described instead. Opens on the last choice made
 * (with `initial` over it: the lanes of a lane focus), so Export then Enter repeats it. A modal dialog: focus starts on the chosen format, Tab stays
 * inside, Enter exports (on a button it presses the button), Escape closes, and focus returns to
 * the Export button.
 */
export function ExportDialog({ onClose, initial }: { onClose(): void; initial?: Partial<ExportChoice> }) {
  const editor = useEditorStoreApi();
  const map = useEditor((s) => s.map);
  const layout = useEditor((s) => s.layout);
  const titleId = useId();
  const summaryId = useId();
  const statusId = useId();
  const [choice, setChoice] = useState<ExportChoice>(() => ({ ...loadChoice(), ...initial }));
  const [preview, setPreview] = useState<{ url: string | null; status: string }>({ url: null, status: "" });
  const [busy, setBusy] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const opener = useRef<Element | null>(null);
  const drawable = drawableLayout(layout);
  const format = exportFormat(choice.format);
  const picture = choosesPicture(choice);

  useEffect(() => {
    opener.current = document.activeElement;
    dialogRef.current?.querySelector<HTMLInputElement>('input[name$="format"]:checked')?.focus();
    return () => {
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    };
  }, []);

  // The thumbnail follows the choice, a moment after the last change.
  useEffect(() => {
    if (!choosesPicture(choice)) {
      setPreview({ url: null, status: "" });
      return;
    }
    if (drawable === null) {
      setPreview({ url: null, status: "The diagram is still being laid out." });
      return;
    }
    const ready = drawable;
    let cancelled = false;
    let url: string | null = null;
    setPreview((p) => ({ url: p.url, status: "Preparing the preview…" }));
    const timer = setTimeout(() => {
      loadRunExport()
        .then(({ previewSvg }) => previewSvg(map, ready, choice))
        .then((svg) => {
          if (cancelled || svg === null) return;
          url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
          setPreview({
            url,
            status:
              choice.slides && offers(choice, "slides")
                ? "Preview of the first slide."
                : "Preview of the export.",
          });
        })
        .catch((error: unknown) => {
          if (!cancelled)
            setPreview({
              url: null,
              status: `No preview: ${error instanceof Error ? error.message : String(error)}`,
            });
        });
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      if (url !== null) URL.revokeObjectURL(url);
    };
  }, [map, drawable, choice]);

  const set = (patch: Partial<ExportChoice>) => setChoice((c) => ({ ...c, ...patch }));
  const slides = choice.slides && offers(choice, "slides");
  const noPart = offers(choice, "parts") && !EXPORT_PART_NAMES.some((name) => choice.parts[name]);
  const noLane =
    offers(choice, "lanes") &&
    choice.lanes !== null &&
    choice.lanes.filter((id) => map.lanes.some((l) => l.id === id)).length === 0;
  const blocked = noPart || noLane;

  const run = async () => {
    if (busy || blocked) return;
    if (drawable === null && needsLayout(format)) {
      const { layoutError, notify } = editor.getState();
      // A failed layout is not "still being laid out": say what happened and what still works.
      notify(
        layoutError === null
          ? "The diagram is still being laid out; try again in a moment."
          : `The diagram could not be laid out (${layoutError}), so it cannot be drawn. Export JSON, CSV or Markdown, or try again from the canvas.`,
        "error",
      );
      return;
    }
    setBusy(true);
    try {
      const { exportFiles } = await loadRunExport();
      const files = await exportFiles(map, drawable, choice);
      saveChoice(choice);
      for (const file of files) downloadBlob(file.blob, file.name);
      onClose();
    } catch (error) {
      editor
        .getState()
        .notify(`Export failed: ${error instanceof Error ? error.message : String(error)}`, "error");
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    event.stopPropagation();
    if (event.key === "Escape") {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key === "Enter") {
      // A button does what it says (Cancel cancels); anywhere else Enter exports, as a form does.
      if (event.target instanceof HTMLButtonElement) return;
      event.preventDefault();
      void run();
      return;
    }
    if (event.key !== "Tab") return;
    // Keep Tab inside the dialog.
    const focusable = tabStops(dialogRef.current);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  const allLanes = choice.lanes === null;
  const laneChecked = (id: string) => allLanes || (choice.lanes?.includes(id) ?? false);
  const toggleLane = (id: string, on: boolean) => {
    const current = map.lanes.filter((l) => laneChecked(l.id)).map((l) => l.id);
    const next = on ? [...current, id] : current.filter((l) => l !== id);
    set({
      lanes:
        next.length === map.lanes.length
          ? null
          : map.lanes.filter((l) => next.includes(l.id)).map((l) => l.id),
    });
  };

  const selects = [
    offers(choice, "theme") ? (
      <label key="theme">
        Theme{" "}
        <select value={choice.theme} onChange={(event) => set({ theme: event.target.value as SvgThemeName })}>
          {SVG_THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {THEME_LABELS[theme]}
            </option>
          ))}
        </select>
      </label>
    ) : null,
    offers(choice, "page") ? (
      <label key="page">
        Page size{" "}
        <select value={choice.page} onChange={(event) => set({ page: event.target.value as PageSizeName })}>
          {PAGE_SIZES.map((page) => (
            <option key={page} value={page}>
              {PAGE_LABELS[page]}
            </option>
          ))}
        </select>
      </label>
    ) : null,
    offers(choice, "portrait") ? (
      <label key="orientation">
        Orientation{" "}
        <select
          value={choice.orientation}
          onChange={(event) => set({ orientation: event.target.value as Orientation })}
        >
          {(["landscape", "portrait"] as const).map((orientation) => (
            <option key={orientation} value={orientation}>
              {ORIENTATION_LABELS[orientation]}
            </option>
          ))}
        </select>
      </label>
    ) : null,
    offers(choice, "scale") ? (
      <label key="scale">
        Scale{" "}
        <select value={choice.scale} onChange={(event) => set({ scale: Number(event.target.value) })}>
          {SCALES.map((scale) => (
            <option key={scale} value={scale}>
              {scale}x
            </option>
          ))}
        </select>
      </label>
    ) : null,
  ].filter((control) => control !== null);

  return createPortal(
    <div className="hf-dialog-backdrop">
      <div
        ref={dialogRef}
        className="hf-dialog hf-export-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={summaryId}
        aria-busy={busy}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>Export</h2>
        <div className={`hf-export-dialog__body${picture ? "" : " hf-export-dialog__body--data"}`}>
          <div className="hf-export-dialog__options">
            <fieldset>
              <legend>Format</legend>
              {DIALOG_FORMATS.map((id) => (
                <label key={id} className="hf-export-dialog__choice">
                  <input
                    type="radio"
                    name={`${titleId}-format`}
                    value={id}
                    checked={choice.format === id}
                    aria-describedby={summaryId}
                    onChange={() => set({ format: id })}
                  />
                  {formatLabel(id)}
                </label>
              ))}
            </fieldset>
            <p id={summaryId} className="hf-export-dialog__summary">
              {format.summary}
            </p>
            {offers(choice, "slides") ? (
              <label className="hf-export-dialog__choice">
                <input
                  type="checkbox"
                  checked={choice.slides}
                  onChange={(event) => set({ slides: event.target.checked })}
                />
                Slides: one 16:9 slide per phase
              </label>
            ) : null}
            {offers(choice, "parts") ? (
              <fieldset>
                <legend>Parts</legend>
                {EXPORT_PART_NAMES.map((name) => (
                  <label key={name} className="hf-export-dialog__choice">
                    <input
                      type="checkbox"
                      checked={choice.parts[name]}
                      onChange={(event) => set({ parts: { ...choice.parts, [name]: event.target.checked } })}
                    />
                    {PART_LABELS[name]}
                  </label>
                ))}
              </fieldset>
            ) : null}
            {offers(choice, "lanes") ? (
              <fieldset>
                <legend>Lanes</legend>
                {map.lanes.map((lane) => (
                  <label key={lane.id} className="hf-export-dialog__choice">
                    <input
                      type="checkbox"
                      checked={laneChecked(lane.id)}
                      onChange={(event) => toggleLane(lane.id, event.target.checked)}
                    />
                    {lane.name.trim() === "" ? "(unnamed lane)" : lane.name}
                  </label>
                ))}
              </fieldset>
            ) : null}
            {selects.length > 0 ? <div className="hf-export-dialog__row">{selects}</div> : null}
            {picture ? null : (
              <p className="hf-export-dialog__note">
                No drawing options: this file holds the map's data, not a picture of it.
              </p>
            )}
          </div>
          {picture ? (
            <figure className="hf-export-dialog__preview" aria-describedby={statusId}>
              {preview.url === null ? null : <img src={preview.url} alt="Thumbnail of the export" />}
              <figcaption id={statusId} aria-live="polite">
                {preview.status}
              </figcaption>
            </figure>
          ) : null}
        </div>
        {noPart ? <p role="alert">Choose at least one part to draw.</p> : null}
        {noLane ? <p role="alert">Choose at least one lane.</p> : null}
        <div className="hf-dialog__actions">
          <p className="hf-export-dialog__status" role="status">
            {busy ? `Exporting ${formatLabel(choice.format)}${slides ? " slides" : ""}…` : ""}
          </p>
          <button type="button" className="hf-button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="hf-button hf-button--primary"
            disabled={busy || blocked}
            onClick={() => void run()}
          >
            {busy ? "Exporting…" : "Export"}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
