import { useEffect, useRef } from "react";
import { formatIssue } from "../../model/map-issue";
import type { ImportProblem } from "./import-file";

const VISIBLE_LIMIT = 200;

/**
 * The problems of a file that was not imported, in the CLI's words, each with its path and value.
 * The open map is untouched; the panel says so.
 */
export function ImportErrorPanel({ problem, onClose }: { problem: ImportProblem; onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const shown = problem.errors.slice(0, VISIBLE_LIMIT);
  const newer = problem.errors.some((e) => e.path === "version" && e.message.includes("newer version"));
  return (
    <div
      role="alertdialog"
      aria-labelledby="handoff-import-error-title"
      aria-describedby="handoff-import-error-summary"
      data-testid="handoff-import-errors"
      className="handoff-import-errors"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <h2 id="handoff-import-error-title">Could not import {problem.source}</h2>
      <p id="handoff-import-error-summary">
        {newer
          ? "This map was made by a newer version of Handoff. Update Handoff to open it."
          : `${problem.errors.length === 1 ? "1 problem" : `${problem.errors.length} problems`} found. Nothing was imported and the open map is unchanged.`}
      </p>
      <ul aria-label="Problems">
        {shown.map((issue, index) => (
          // The same issue text can repeat; the index keeps keys unique and order is stable.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is static for the panel's life
          <li key={index}>
            {issue.path === "" ? null : <code>{issue.path}</code>}
            {issue.path === "" ? formatIssue(issue) : `: ${issue.message}`}
          </li>
        ))}
      </ul>
      {problem.errors.length > shown.length ? (
        <p>
          …and {problem.errors.length - shown.length} more. Run `handoff validate` on the file for the full
          list.
        </p>
      ) : null}
      <button type="button" className="hf-button hf-button--primary" ref={closeRef} onClick={onClose}>
        Close
      </button>
    </div>
  );
}
