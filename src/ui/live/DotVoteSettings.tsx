import { useId } from "react";
import { AUTO_VERSION_NAMES } from "../../model/versions";
import type { EditorStore } from "../../store/editor-store";
import { MAX_BUDGET } from "../../store/live/dot-votes";
import type { LiveSession } from "../../store/live/live-session";
import { useEditor, useEditorStoreApi } from "../store-context";
import { useLiveState } from "./live-context";

/**
 * The automatic version "Votes revealed" (like versions-commands.ts saveAutoVersion, which this
 * folder may not import: ui/versions already depends on ui/live through the editor's help).
 */
function saveRevealedVersion(editor: EditorStore): void {
  if (editor.getState().readOnly !== null) return;
  const name = AUTO_VERSION_NAMES["voting-revealed"];
  const savedAt = new Date().toISOString();
  const done = editor
    .getState()
    .dispatch({ type: "saveVersion", name, note: "", savedAt, trigger: "voting-revealed" });
  if (done.ok) editor.getState().notify(`Saved the version “${name}”.`);
}

const NO_DOTS: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map();

/**
 * Dot votes for the facilitator: how many each person has, and "Reveal who voted" (until then
 * everyone sees the totals and their own dots only). Below, the edge cases with dots, most first.
 */
export function DotVoteSettings({ session }: { session: LiveSession }) {
  const budgetId = useId();
  const settings = useLiveState(session, (s) => s.votes.settings, null);
  const dots = useLiveState(session, (s) => s.votes.dots, NO_DOTS);
  const role = useLiveState(session, (s) => s.role, "participant");
  const people = useLiveState(session, (s) => s.people, []);
  const map = useEditor((s) => s.map);
  const editor = useEditorStoreApi();
  if (settings === null) return null;
  const tally = new Map<
    string,
    { title: string; number: number | undefined; dots: number; voters: string[] }
  >();
  for (const handoff of map.handoffs)
    for (const edgeCase of handoff.edgeCases)
      tally.set(edgeCase.id, { title: edgeCase.title, number: edgeCase.number, dots: 0, voters: [] });
  for (const [person, own] of dots)
    for (const [id, n] of own) {
      const row = tally.get(id);
      if (row === undefined) continue;
      row.dots += n;
      row.voters.push(`${people.find((p) => p.id === person)?.name ?? "someone who left"} ×${n}`);
    }
  const rows = [...tally.values()].filter((row) => row.dots > 0).sort((a, b) => b.dots - a.dots);
  const facilitator = role === "facilitator";
  return (
    <fieldset className="hf-live-votes">
      <legend>Dot votes</legend>
      {facilitator ? (
        <div className="hf-live-votes__settings">
          <label htmlFor={budgetId}>Votes per person</label>
          <input
            id={budgetId}
            type="number"
            min={0}
            max={MAX_BUDGET}
            className="hf-field__input hf-live-votes__budget"
            value={settings.budget}
            onChange={(event) => {
              const budget = Number(event.target.value);
              if (Number.isFinite(budget)) session.setVoteSettings({ budget });
            }}
          />
          <label className="hf-live-votes__reveal">
            <input
              type="checkbox"
              checked={settings.revealed}
              onChange={(event) => {
                const revealed = event.target.checked;
                session.setVoteSettings({ revealed });
                // Revealing who voted is a workshop milestone: keep the map as it stood then.
                if (revealed) saveRevealedVersion(editor);
              }}
            />
            Reveal who voted
          </label>
        </div>
      ) : (
        <p>
          You have {settings.budget} votes: use + on an edge case to place one.{" "}
          {settings.revealed
            ? "Votes are revealed."
            : "Who voted what stays hidden until the facilitator reveals it."}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="hf-live-votes__none">No dots placed yet.</p>
      ) : (
        <ol className="hf-live-votes__list" aria-label="Dot votes so far">
          {rows.slice(0, 10).map((row) => (
            <li key={`${row.number}-${row.title}`}>
              <strong>{row.dots}</strong> EC-{row.number ?? "?"} {row.title}
              {settings.revealed ? (
                <span className="hf-live-votes__voters"> — {row.voters.join(", ")}</span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </fieldset>
  );
}
