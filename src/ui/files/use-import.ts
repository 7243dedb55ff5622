import { useCallback } from "react";
import { formatIssue } from "../../model/map-issue";
import type { HandoffMap } from "../../model/types";
import type { MapSession } from "../../store/persistence/map-session";
import { confirmLeave } from "../library/confirm-leave";
import { useMapSession } from "../library/session-context";
import { useEditorStoreApi } from "../store-context";
import { useFilesUi } from "./files-context";
import type { ImportProblem } from "./import-file";
import { readImportFile } from "./import-file";

/** Files taken from one drop or one choice; more are named, not imported silently. */
export const MAX_IMPORT_FILES = 20;

const nameOf = (file: File) => (file.name === "" ? "the file" : file.name);
const quoted = (titles: readonly string[]) => titles.map((t) => `“${t}”`).join(", ");

/**
 * Stores every map but the last in the library, then opens the last as a new map. When storing
 * fails part-way, the maps already stored stay, and the message names them beside the failure
 * (the open map is untouched: nothing more was opened).
 */
export async function storeImported(
  session: Pick<MapSession, "addToLibrary" | "openNew">,
  maps: readonly HandoffMap[],
): Promise<{ ok: true } | { ok: false; imported: string[]; message: string }> {
  const imported: string[] = [];
  try {
    for (const map of maps.slice(0, -1)) {
      await session.addToLibrary(map);
      imported.push(map.title);
    }
    const last = maps.at(-1);
    if (last !== undefined) await session.openNew(last, { discardUnsaved: true });
    return { ok: true };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const before =
      imported.length === 0
        ? ""
        : ` Imported into the library before that: ${quoted(imported)}; the files after it were not imported.`;
    return { ok: false, imported, message: `Could not import: ${reason}.${before}` };
  }
}

/**
 * Imports files as new maps in the library, or shows why not (the open map is untouched).
 * Several files: each valid one becomes a map (up to MAX_IMPORT_FILES), the last one opens, and
 * the notice names them all; the first file that could not be read shows its problems.
 */
export function useImportFiles(): (files: readonly File[]) => Promise<number> {
  const session = useMapSession();
  const editor = useEditorStoreApi();
  const show = useFilesUi((s) => s.showImportProblem);
  return useCallback(
    async (files: readonly File[]) => {
      const taken = files.slice(0, MAX_IMPORT_FILES);
      const valid: { map: HandoffMap; warnings: string[] }[] = [];
      const problems: ImportProblem[] = [];
      for (const file of taken) {
        try {
          const result = await readImportFile(file);
          if (result.ok) valid.push({ map: result.map, warnings: result.warnings.map(formatIssue) });
          else problems.push({ source: nameOf(file), errors: result.errors });
        } catch (error) {
          problems.push({ source: nameOf(file), errors: [{ path: "", message: String(error) }] });
        }
      }
      const first = problems[0];
      if (first === undefined) show(null);
      else
        show(
          problems.length === 1 && taken.length === 1
            ? first
            : {
                ...first,
                source: `${first.source} (${problems.length} of ${taken.length} files could not be imported: ${problems.map((p) => p.source).join(", ")})`,
              },
        );
      const skipped =
        files.length > taken.length
          ? ` Only the first ${MAX_IMPORT_FILES} of ${files.length} files were read; drop the others in another go.`
          : "";
      const last = valid.at(-1);
      if (last === undefined) {
        if (skipped !== "") editor.getState().notify(skipped.trim(), "error");
        return 0;
      }
      if (!(await confirmLeave(session))) return 0;
      const stored = await storeImported(
        session,
        valid.map((v) => v.map),
      );
      if (!stored.ok) {
        editor.getState().notify(stored.message, "error");
        return stored.imported.length;
      }
      const warnings = valid.flatMap((v) => v.warnings);
      const detail =
        warnings.length === 0
          ? ""
          : ` (${warnings.length} warning${warnings.length === 1 ? "" : "s"}: ${warnings.slice(0, 3).join("; ")})`;
      const text =
        valid.length === 1
          ? `Imported “${last.map.title}” as a new map${detail}.`
          : `Imported ${valid.length} maps into the library: ${quoted(valid.map((v) => v.map.title))}; “${last.map.title}” is open${detail}.`;
      editor.getState().notify(text + skipped, skipped === "" ? "info" : "error");
      return valid.length;
    },
    [session, editor, show],
  );
}
