import { useRef } from "react";
import { useImportFile } from "./use-import";

/** "Import": a Handoff .json file through the file chooser. */
export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const importFile = useImportFile();
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="handoff-import-input"
        aria-label="Import a map file"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = "";
          if (file !== undefined) void importFile(file);
        }}
      />
    </>
  );
}
