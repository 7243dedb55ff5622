import { type KeyboardEvent, useId, useState } from "react";
import { LIMITS, SEVERITIES, type Severity } from "../../model/types";
import type { CardHandoff } from "./walk-view";

const SEVERITY_WORDS: Record<Severity, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

export interface QuickCaptureProps {
  /** Where the edge case can go, the default first; never empty. */
  targets: readonly CardHandoff[];
  onSave: (capture: { handoffId: string; title: string; severity: Severity }) => void;
  onCancel: () => void;
}

/**
 * One line to capture an edge case while the room talks: type the title, 1–4 for severity
 * (low, medium, high, critical), Up/Down to pick the handoff when the step has several, Enter to
 * save, Escape to drop it.
 *
 * Known trade-off: while this line has the keyboard, the keys 1–4 choose the severity, so those
 * four digits cannot be typed into the title here (other digits can); edit the title later in
 * the inspector when it needs one.
 */
export function QuickCapture({ targets, onSave, onCancel }: QuickCaptureProps) {
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState<Severity>("medium");
  const [targetIndex, setTargetIndex] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();
  const target = targets[Math.min(targetIndex, targets.length - 1)];

  const save = () => {
    const trimmed = title.trim();
    if (trimmed === "") {
      setProblem("Type a title first.");
      return;
    }
    if (target === undefined) return;
    onSave({ handoffId: target.handoff.id, title: trimmed, severity });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Keys handled here never reach the walkthrough's or the canvas's shortcuts.
    event.stopPropagation();
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    const digit = ["1", "2", "3", "4"].indexOf(event.key);
    if (plain && digit >= 0) {
      event.preventDefault();
      setSeverity(SEVERITIES[digit] ?? "medium");
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setTargetIndex((i) => (i + step + targets.length) % targets.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      save();
    } else if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <section className="hf-capture" aria-label="Quick capture">
      <label className="hf-capture__label" htmlFor={inputId}>
        New edge case on <strong>{target?.name ?? "—"}</strong>
        {targets.length > 1 && (
          <span className="hf-capture__which">
            {" "}
            ({Math.min(targetIndex, targets.length - 1) + 1} of {targets.length}, ↑↓ to change)
          </span>
        )}
      </label>
      <input
        id={inputId}
        className="hf-capture__input"
        // biome-ignore lint/a11y/noAutofocus: the capture opens on E so that typing goes straight in
        autoFocus
        type="text"
        value={title}
        maxLength={LIMITS.textLength}
        placeholder="What breaks here?"
        aria-describedby={hintId}
        aria-invalid={problem !== null}
        onChange={(event) => {
          setTitle(event.target.value);
          setProblem(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="hf-capture__severity" role="radiogroup" aria-label="Severity">
        {SEVERITIES.map((value, i) => (
          // biome-ignore lint/a11y/useSemanticElements: a button group reads better than radios here
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={severity === value}
            className={`hf-capture__sev hf-pill hf-pill--${value}${severity === value ? " is-chosen" : ""}`}
            onClick={() => setSeverity(value)}
          >
            <kbd>{i + 1}</kbd> {SEVERITY_WORDS[value]}
          </button>
        ))}
      </div>
      <p className="hf-capture__hint" id={hintId}>
        {problem ?? "1–4 severity · Enter saves · Esc cancels"}
      </p>
    </section>
  );
}
