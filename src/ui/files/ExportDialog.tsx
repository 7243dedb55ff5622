import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { exportFormat, needsLayout } from "../../export/export-formats";
import { EXPORT_PART_NAMES, type ExportPartName } from "../../export/export-parts";
import { PAGE_LABELS, PAGE_SIZES, type PageSizeName } from "../../export/pdf/page-sizes";
import { SVG_THEMES, type SvgThemeName } from "../../theme/svg-theme";
import { useEditor, useEditorStoreApi } from "../store-context";
import { downloadBlob } from "./download";
import {
  DIALOG_FORMATS,
  type DialogFormat,
  type ExportChoice,
  isDrawing,
  loadChoice,
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

/**
 * Export with options, the CLI's flags as controls: format, slides, theme, parts, lanes, page size
 * and scale, with a live thumbnail of what will be written. Remembers the last choice. A modal
 * dialog: focus starts on the format, Tab stays inside, Escape closes, focus returns to the opener.
 */
export function ExportDialog({ onClose, initial }: { onClose(): void; initial?: Partial<ExportChoice> }) {
  const editor = useEditorStoreApi();
  const map = useEditor((s) => s.map);
  const layout = useEditor((s) => s.layout);
  const titleId = useId();
  const statusId = useId();
  const [choice, setChoice] = useState<ExportChoice>(() => ({ ...loadChoice(), ...initial }));
  const [preview, setPreview] = useState<{ url: string | null; status: string }>({ url: null, status: "" });
  const [busy, setBusy] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const opener = useRef<Element | null>(null);
  const drawable = drawableLayout(layout);

  useEffect(() => {
    opener.current = document.activeElement;
    dialogRef.current?.querySelector<HTMLInputElement>('input[name$="format"]:checked')?.focus();
    return () => {
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    };
  }, []);

  // The thumbnail follows the choice, a moment after the last change.
  useEffect(() => {
    if (!isDrawing(choice.format)) {
      setPreview({ url: null, status: `${formatLabel(choice.format)}: no picture to preview.` });
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
            status: choice.slides ? "Preview of the first slide." : "Preview of the export.",
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
  const drawing = isDrawing(choice.format);
  const noPart = !EXPORT_PART_NAMES.some((name) => choice.parts[name]);

  const run = async () => {
    if (drawable === null && needsLayout(exportFormat(choice.format))) {
      editor.getState().notify("The diagram is still being laid out; try again in a moment.", "error");
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
    if (event.key !== "Tab") return;
    // Keep Tab inside the dialog.
    const focusable = Array.from(
      dialogRef.current?.querySelectorAll<HTMLElement>("button, input, select") ?? [],
    ).filter(
      (el) =>
        !(el as HTMLInputElement).disabled &&
        !(el instanceof HTMLInputElement && el.type === "radio" && !el.checked),
    );
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
  const noLane =
    choice.lanes !== null && choice.lanes.filter((id) => map.lanes.some((l) => l.id === id)).length === 0;

  return createPortal(
    <div className="hf-dialog-backdrop">
      <div
        ref={dialogRef}
        className="hf-dialog hf-export-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>Export</h2>
        <div className="hf-export-dialog__body">
          <div className="hf-export-dialog__options">
            <fieldset>
              <legend>Format</legend>
              {DIALOG_FORMATS.map((format) => (
                <label key={format} className="hf-export-dialog__choice">
                  <input
                    type="radio"
                    name={`${titleId}-format`}
                    value={format}
                    checked={choice.format === format}
                    onChange={() => set({ format })}
                  />
                  {formatLabel(format)}
                </label>
              ))}
            </fieldset>
            <label className="hf-export-dialog__choice">
              <input
                type="checkbox"
                checked={choice.slides}
                disabled={!drawing}
                onChange={(event) => set({ slides: event.target.checked })}
              />
              Slides: one 16:9 slide per phase
            </label>
            <fieldset disabled={!drawing || choice.slides}>
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
            <fieldset disabled={!drawing}>
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
            <div className="hf-export-dialog__row">
              <label>
                Theme{" "}
                <select
                  value={choice.theme}
                  disabled={!drawing}
                  onChange={(event) => set({ theme: event.target.value as SvgThemeName })}
                >
                  {SVG_THEMES.map((theme) => (
                    <option key={theme} value={theme}>
                      {THEME_LABELS[theme]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Page size{" "}
                <select
                  value={choice.page}
                  disabled={choice.format !== "pdf" || choice.slides}
                  onChange={(event) => set({ page: event.target.value as PageSizeName })}
                >
                  {PAGE_SIZES.map((page) => (
                    <option key={page} value={page}>
                      {PAGE_LABELS[page]} landscape
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Scale{" "}
                <select
                  value={choice.scale}
                  disabled={choice.format !== "png" || choice.slides}
                  onChange={(event) => set({ scale: Number(event.target.value) })}
                >
                  {SCALES.map((scale) => (
                    <option key={scale} value={scale}>
                      {scale}x
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </div>
          <figure className="hf-export-dialog__preview" aria-describedby={statusId}>
            {preview.url === null ? null : <img src={preview.url} alt="Thumbnail of the export" />}
            <figcaption id={statusId} aria-live="polite">
              {preview.status}
            </figcaption>
          </figure>
        </div>
        {drawing && !choice.slides && noPart ? <p role="alert">Choose at least one part to draw.</p> : null}
        {drawing && noLane ? <p role="alert">Choose at least one lane.</p> : null}
        <div className="hf-dialog__actions">
          <button type="button" className="hf-button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="hf-button hf-button--primary"
            disabled={busy || (drawing && ((!choice.slides && noPart) || noLane))}
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
