import { useCallback } from "react";
import { confirmLeave } from "../library/confirm-leave";
import { useMapSession } from "../library/session-context";
import { useEditorStoreApi } from "../store-context";
import { useFilesUi } from "./files-context";
import { readImportFile } from "./import-file";

/** Imports a file as a new map in the library, or shows why not (the open map is untouched). */
export function useImportFile(): (file: File) => Promise<boolean> {
  const session = useMapSession();
  const editor = useEditorStoreApi();
  const show = useFilesUi((s) => s.showImportProblem);
  return useCallback(
    async (file: File) => {
      const result = await readImportFile(file);
      if (!result.ok) {
        show({ source: file.name === "" ? "the file" : file.name, errors: result.errors });
        return false;
      }
      show(null);
      if (!(await confirmLeave(session))) return false;
      await session.openNew(result.map, { discardUnsaved: true });
      const warnings = result.warnings.length;
      editor.getState().notify(
        `Imported “${result.map.title}” as a new map${
          warnings > 0
            ? ` (${warnings} warning${warnings === 1 ? "" : "s"}: ${result.warnings
                .map((w) => (w.path === "" ? w.message : `${w.path}: ${w.message}`))
                .slice(0, 3)
                .join("; ")})`
            : ""
        }.`,
      );
      return true;
    },
    [session, editor, show],
  );
}
