import { renderBacklogCsv, renderBacklogMarkdown } from "../../export/render-backlog";
import { downloadText } from "../files/download";
import { fileBaseName } from "../files/file-name";
import { useEditorStoreApi } from "../store-context";

/**
 * "Ranked backlog" downloads: open edge cases by votes, then severity, as Markdown and as CSV.
 * Reads the map at click time, so it can sit in any panel without re-rendering on every edit.
 */
export function RankedBacklogButtons() {
  const editor = useEditorStoreApi();
  const download = (format: "md" | "csv") => {
    const map = editor.getState().map;
    const name = `${fileBaseName(map.title)} - ranked backlog.${format}`;
    if (format === "md") downloadText(renderBacklogMarkdown(map), name, "text/markdown;charset=utf-8");
    else downloadText(renderBacklogCsv(map), name, "text/csv;charset=utf-8");
  };
  return (
    <fieldset className="hf-backlog-buttons">
      <legend>Ranked backlog</legend>
      <button type="button" onClick={() => download("md")}>
        Ranked backlog (Markdown)
      </button>
      <button type="button" onClick={() => download("csv")}>
        Ranked backlog (CSV)
      </button>
    </fieldset>
  );
}
