import { useId } from "react";
import { renderDiffMarkdown } from "../../export/render-diff";
import { DIFF_KINDS, type DiffKind, type EntityChange } from "../../model/diff/diff-maps";
import { describeField } from "../../model/diff/diff-summary";
import type { HandoffMap } from "../../model/types";
import { CloseButton } from "../fields/CloseButton";
import { downloadText } from "../files/download";
import { fileBaseName } from "../files/file-name";
import { useEditor, useEditorStoreApi } from "../store-context";
import { compareData } from "./compare-data";
import { downloadComparePicture } from "./compare-export";
import { appendChangesToPlan } from "./versions-commands";
import { useVersionsUi, useVersionsUiApi } from "./versions-context";

const HEADINGS: Record<DiffKind, string> = {
  lane: "Lanes",
  phase: "Phases",
  step: "Steps",
  handoff: "Handoffs",
  edgeCase: "Edge cases",
};

const MARKS = { added: "+", changed: "~", removed: "−" } as const;
const WORDS = { added: "Added", changed: "Changed", removed: "Removed" } as const;

const selectMap = (s: { map: HandoffMap }) => s.map;

/**
 * The compare's side panel: the counts, every change by kind with its fields before → after
 * (each a button that shows it on the compare view), and what to do with it: "Changes to plan",
 * the picture (SVG, PNG) and the Markdown change list.
 */
export function ComparePanel() {
  const editor = useEditorStoreApi();
  const ui = useVersionsUiApi();
  const map = useEditor(selectMap);
  const target = useVersionsUi((s) => s.compare);
  const showLayout = useVersionsUi((s) => s.showLayout);
  const focus = useVersionsUi((s) => s.focus);
  const headingId = useId();
  const layoutId = useId();
  const data = target === null ? null : compareData(map, target, showLayout);

  if (data === null)
    return (
      <section className="hf-versions" data-testid="compare-panel">
        <p>That version or scenario is no longer in this map.</p>
        <button type="button" onClick={() => ui.getState().close()}>
          Close compare
        </button>
      </section>
    );

  const { diff } = data;
  const base = `${fileBaseName(map.title)} - ${data.beforeName} to ${data.afterName}`.replace(/[“”]/g, "");

  const toPlan = () => {
    const result = appendChangesToPlan(editor, data.before, diff, `From the compare ${data.heading}.`);
    const skipped =
      result.skipped.length === 0 ? "" : ` ${result.skipped.length} could not: ${result.skipped.join("; ")}.`;
    editor
      .getState()
      .notify(
        result.added === 0
          ? `Nothing new for the change plan: its items are already there.${skipped}`
          : `Added ${result.added} ${result.added === 1 ? "item" : "items"} to the change plan.${skipped}`,
      );
    if (result.added > 0) editor.getState().togglePanel("changePlan", true);
  };

  const exportPicture = (format: "svg" | "png") => {
    downloadComparePicture(data, format, `${base}.${format}`).catch((error: unknown) =>
      editor
        .getState()
        .notify(
          `The compare picture could not be made: ${error instanceof Error ? error.message : String(error)}`,
          "error",
        ),
    );
  };

  return (
    <section className="hf-versions hf-compare-panel" aria-labelledby={headingId} data-testid="compare-panel">
      <header className="hf-versions__header">
        <h2 id={headingId}>Compare</h2>
        <CloseButton label="Close compare" onClick={() => ui.getState().close()} />
      </header>
      <p className="hf-compare-panel__heading">{data.heading}</p>
      <p className="hf-compare-panel__counts" data-testid="compare-counts">
        {data.summary}
      </p>
      <div className="hf-compare-panel__legend" aria-hidden="true">
        <span className="is-added">Added</span>
        <span className="is-changed">Changed</span>
        <span className="is-removed">Removed</span>
      </div>
      <div className="hf-versions__row">
        <input
          id={layoutId}
          type="checkbox"
          checked={showLayout}
          onChange={(event) => ui.getState().setShowLayout(event.target.checked)}
        />
        <label htmlFor={layoutId}>
          Show layout-only changes
          {diff.layoutChanges > 0 && !showLayout ? ` (${diff.layoutChanges} hidden)` : ""}
        </label>
      </div>
      <div className="hf-versions__actions">
        <button type="button" disabled={diff.changes.length === 0} onClick={toPlan}>
          Changes to plan
        </button>
        <button type="button" onClick={() => exportPicture("svg")}>
          Export SVG
        </button>
        <button type="button" onClick={() => exportPicture("png")}>
          Export PNG
        </button>
        <button
          type="button"
          onClick={() =>
            downloadText(
              renderDiffMarkdown(
                diff,
                { title: data.before.title, scenario: data.beforeName },
                { title: data.after.title, scenario: data.afterName },
              ),
              `${base}.md`,
              "text/markdown;charset=utf-8",
            )
          }
        >
          Export change list
        </button>
      </div>
      {diff.changes.length === 0 ? (
        <p className="hf-versions__empty">No changes.</p>
      ) : (
        DIFF_KINDS.map((kind) => {
          const changes = diff.changes.filter((c) => c.kind === kind);
          if (changes.length === 0) return null;
          return (
            <div key={kind} className="hf-compare-panel__group">
              <h3>
                {HEADINGS[kind]} <span>({changes.length})</span>
              </h3>
              <ul aria-label={HEADINGS[kind]}>
                {changes.map((change) => (
                  <ChangeItem
                    key={`${change.kind}:${change.id}`}
                    change={change}
                    picked={focus?.key === `${change.kind}:${change.id}`}
                    onPick={() => ui.getState().focusChange(`${change.kind}:${change.id}`)}
                  />
                ))}
              </ul>
            </div>
          );
        })
      )}
    </section>
  );
}

function ChangeItem({
  change,
  picked,
  onPick,
}: {
  change: EntityChange;
  picked: boolean;
  onPick: () => void;
}) {
  return (
    <li className={`hf-compare-change is-${change.change}`} data-change={change.change}>
      <button type="button" aria-current={picked ? "true" : undefined} onClick={onPick}>
        <span className="hf-compare-change__mark" aria-hidden="true">
          {MARKS[change.change]}
        </span>
        <span className="hf-visually-hidden">{WORDS[change.change]} </span>
        <span className="hf-compare-change__label">{change.label}</span>
      </button>
      {change.fields.length > 0 && (
        <ul className="hf-compare-change__fields">
          {change.fields.map((field) => (
            <li key={field.field}>{describeField(change, field)}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
