import { useCallback } from "react";
import { formatIssue } from "../../model/map-issue";
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
      const name = file.name === "" ? "the file" : file.name;
      try {
        const result = await readImportFile(file);
        if (!result.ok) {
          show({ source: name, errors: result.errors });
          return false;
        }
        show(null);
        if (!(await confirmLeave(session))) return false;
        await session.openNew(result.map, { discardUnsaved: true });
        const warnings = result.warnings.map(formatIssue);
        const detail =
          warnings.length === 0
            ? ""
            : ` (${warnings.length} warning${warnings.length === 1 ? "" : "s"}: ${warnings.slice(0, 3).join("; ")})`;
        editor.getState().notify(`Imported “${result.map.title}” as a new map${detail}.`);
        return true;
      } catch (error) {
        // Nothing was opened, so the current map is untouched: say so rather than fail silently.
        editor.getState().notify(`Could not import ${name}: ${String(error)}`, "error");
        return false;
      }
    },
    [session, editor, show],
  );
}
