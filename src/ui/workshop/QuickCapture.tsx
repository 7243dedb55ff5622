import { type KeyboardEvent, useId, useRef, useState } from "react";
import { LIMITS, SEVERITIES, type Severity } from "../../model/types";
import type { CardHandoff } from "./walk-view";

const SEVERITY_WORDS: Record<Severity, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

/** What the hint line says: the keys of this capture, and nothing it does not do. */
export const CAPTURE_HINT =
  "Alt+1–4 severity · Tab to the severity, then 1–4 or arrows · Enter saves · Esc cancels";

export interface QuickCaptureProps {
  /** Where the edge case can go, the default first; never empty. */
  targets: readonly CardHandoff[];
  onSave: (capture: { handoffId: string; title: string; severity: Severity }) => void;
  onCancel: () => void;
}

/** 1–4 as a severity (low, medium, high, critical), by the key typed or the physical key. */
function severityKey(event: KeyboardEvent): Severity | null {
  const digit = /^Digit([1-4])$/.exec(event.code)?.[1] ?? (/^[1-4]$/.test(event.key) ? event.key : null);
  return digit === null ? null : (SEVERITIES[Number(digit) - 1] ?? null);
}

/**
 * One line to capture an edge case while the room talks. The title is a text field: every key
 * types into it, digits included. Severity: Alt+1–4 from the title, or Tab to the severity
 * radio group (roving focus: 1–4 or the arrows choose, Shift+Tab goes back), or a click. Up/Down
 * in the title pick the handoff when there are several. Enter saves from anywhere in it, Escape
 * drops it.
 *
 * Every key pressed in here stops here: no editor or workshop shortcut acts while it is open.
 */
export function QuickCapture({ targets, onSave, onCancel }: QuickCaptureProps) {
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState<Severity>("medium");
  const [targetIndex, setTargetIndex] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const pillRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const target = targets[Math.min(targetIndex, targets.length - 1)];

  const save = () => {
    const trimmed = title.trim();
    if (trimmed === "") {
      setProblem("Type a title first.");
      inputRef.current?.focus();
      return;
    }
    if (target === undefined) return;
    onSave({ handoffId: target.handoff.id, title: trimmed, severity });
  };

  /** Chooses a severity from the radio group and moves the roving focus onto it. */
  const choose = (value: Severity) => {
    setSeverity(value);
    pillRefs.current[SEVERITIES.indexOf(value)]?.focus();
  };

  const onTitleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const chosen = event.altKey && !event.ctrlKey && !event.metaKey ? severityKey(event) : null;
    if (chosen !== null) {
      event.preventDefault();
      setSeverity(chosen);
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && targets.length > 1) {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setTargetIndex((i) => (i + step + targets.length) % targets.length);
    }
  };

  const onPillKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.ctrlKey || event.metaKey) return;
    const chosen = severityKey(event);
    const at = SEVERITIES.indexOf(severity);
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    const move = moves[event.key];
    if (chosen !== null) {
      event.preventDefault();
      choose(chosen);
    } else if (move !== undefined) {
      event.preventDefault();
      choose(SEVERITIES[(at + move + SEVERITIES.length) % SEVERITIES.length] ?? severity);
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      choose(SEVERITIES[event.key === "Home" ? 0 : SEVERITIES.length - 1] ?? severity);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Keys pressed in the capture never reach the walkthrough's, the canvas's or the editor's keys.
    event.stopPropagation();
    if (event.key === "Enter" && !event.nativeEvent.isComposing) {
      event.preventDefault();
      save();
    } else if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <section className="hf-capture" aria-label="Quick capture" onKeyDown={onKeyDown}>
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
        ref={inputRef}
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
        aria-keyshortcuts="Alt+1 Alt+2 Alt+3 Alt+4"
        onChange={(event) => {
          setTitle(event.target.value);
          setProblem(null);
        }}
        onKeyDown={onTitleKeyDown}
      />
      <div className="hf-capture__severity" role="radiogroup" aria-label="Severity">
        {SEVERITIES.map((value, i) => (
          // biome-ignore lint/a11y/useSemanticElements: pill buttons with roving focus, as the ARIA radio group pattern
          <button
            key={value}
            ref={(element) => {
              pillRefs.current[i] = element;
            }}
            type="button"
            role="radio"
            aria-checked={severity === value}
            tabIndex={severity === value ? 0 : -1}
            className={`hf-capture__sev hf-pill hf-pill--${value}${severity === value ? " is-chosen" : ""}`}
            onClick={() => setSeverity(value)}
            onKeyDown={onPillKeyDown}
          >
            <kbd>{i + 1}</kbd> {SEVERITY_WORDS[value]}
          </button>
        ))}
      </div>
      <p className="hf-capture__hint" id={hintId}>
        {problem ?? CAPTURE_HINT}
      </p>
    </section>
  );
}
