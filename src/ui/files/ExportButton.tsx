import { useState } from "react";
import { useEditorStoreApi } from "../store-context";
import { ExportDialog } from "./ExportDialog";
import type { ExportChoice } from "./export-choice";

/**
 * "Export": opens the Export dialog on the last choice made (every format of the export table,
 * src/export/export-formats.ts, with the options that apply to it), so Export then Enter repeats
 * the last export; in a lane focus, the dialog starts from the lanes on screen. Works whatever
 * the storage state: exporting is the way out when saving fails.
 */
export function ExportButton() {
  const editor = useEditorStoreApi();
  const [initial, setInitial] = useState<Partial<ExportChoice> | null>(null);
  const open = () => {
    const focus = editor.getState().laneFocus;
    setInitial(focus === null ? {} : { lanes: [...focus] });
  };
  return (
    <>
      <button type="button" aria-haspopup="dialog" aria-expanded={initial !== null} onClick={open}>
        Export
      </button>
      {initial === null ? null : <ExportDialog initial={initial} onClose={() => setInitial(null)} />}
    </>
  );
}
