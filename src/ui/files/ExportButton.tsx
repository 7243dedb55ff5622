import { useState } from "react";
import { ExportDialog } from "./ExportDialog";

/**
 * "Export": opens the Export dialog on the last choice made (every format of the export table,
 * src/export/export-formats.ts, with the options that apply to it), so Export then Enter repeats
 * the last export. Works whatever the storage state: exporting is the way out when saving fails.
 */
export function ExportButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)}>
        Export
      </button>
      {open ? <ExportDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
