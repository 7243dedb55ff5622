import { useRef } from "react";
import { useImportFiles } from "./use-import";

/** "Import": Handoff .json maps and BPMN 2.0 files through the file chooser, each a new map. */
export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const importFiles = useImportFiles();
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json,.bpmn,.xml"
        multiple
        hidden
        data-testid="handoff-import-input"
        aria-label="Import a map file"
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = "";
          if (files.length > 0) void importFiles(files);
        }}
      />
    </>
  );
}
