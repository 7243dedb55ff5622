import { useState } from "react";
import { EXPORT_FORMATS, type ExportFormatId, exportFormat } from "../../export/export-formats";
import { withScenarioTitle } from "../../model/scenarios";
import { useEditorStoreApi } from "../store-context";
import { downloadBlob, downloadText } from "./download";
import { ExportDialog } from "./ExportDialog";
import type { ExportChoice } from "./export-choice";
import { drawableLayout, exportFileName, exportSvgText, textExport } from "./export-formats";
import { svgToPng } from "./png";

/**
 * "Export": the open map in every format of the export table (src/export/export-formats.ts), with
 * the CLI's renderers; a paged document (PDF) opens the Export dialog on its row, since it is
 * chosen with its paper. Then the dialog's own items: slides, and every option. Works whatever the
 * storage state: exporting is the way out when saving fails.
 */
export function ExportMenu() {
  const editor = useEditorStoreApi();
  const [open, setOpen] = useState(false);
  // The dialog with options (PDF, slides, parts, lanes, ...), opened from the menu's last items.
  const [dialog, setDialog] = useState<Partial<ExportChoice> | null>(null);
  const openDialog = (initial: Partial<ExportChoice>) => {
    setOpen(false);
    // In a lane focus the dialog starts from the lanes on screen.
    const focus = editor.getState().laneFocus;
    setDialog(focus === null ? initial : { lanes: [...focus], ...initial });
  };

  const run = async (format: ExportFormatId) => {
    setOpen(false);
    const { map: document, notify, layoutError } = editor.getState();
    // Pictures and lists name the scenario they show; a file that is read back (JSON, BPMN)
    // keeps the map's own title, so importing it does not rename the map.
    const map = format === "json" || format === "bpmn" ? document : withScenarioTitle(document);
    // A failed layout is not "still being laid out": say what happened and what still works.
    const notDrawn =
      layoutError === null
        ? "The diagram is still being laid out; try again in a moment."
        : `The diagram could not be laid out (${layoutError}), so it cannot be drawn. Export JSON, CSV or Markdown, or try again from the canvas.`;
    const layout = drawableLayout(editor.getState().layout);
    try {
      if (exportFormat(format).renderer.kind === "raster") {
        if (layout === null) return notify(notDrawn, "error");
        const png = await svgToPng(exportSvgText(map, layout));
        downloadBlob(png, exportFileName(map, format));
        return;
      }
      const file = textExport(format, map, layout);
      if (file === null) return notify(notDrawn, "error");
      downloadText(file.text, file.name, file.type);
    } catch (error) {
      notify(`Export failed: ${error instanceof Error ? error.message : String(error)}`, "error");
    }
  };

  return (
    <div className="handoff-export-menu">
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Export
      </button>
      {open ? (
        <div
          role="menu"
          aria-label="Export formats"
          onKeyDown={(event) => {
            if (event.key === "Escape") setOpen(false);
          }}
        >
          {EXPORT_FORMATS.map((format) =>
            format.renderer.kind === "document" ? (
              <button
                key={format.id}
                type="button"
                role="menuitem"
                onClick={() => openDialog({ format: format.id, slides: false })}
              >
                {format.label}…
              </button>
            ) : (
              <button key={format.id} type="button" role="menuitem" onClick={() => void run(format.id)}>
                {format.label}
              </button>
            ),
          )}
          <button type="button" role="menuitem" onClick={() => openDialog({ slides: true })}>
            Slides (16:9, one per phase)…
          </button>
          <button type="button" role="menuitem" onClick={() => openDialog({})}>
            Export with options…
          </button>
        </div>
      ) : null}
      {dialog === null ? null : <ExportDialog initial={dialog} onClose={() => setDialog(null)} />}
    </div>
  );
}
