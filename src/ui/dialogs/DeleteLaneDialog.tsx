import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";

export interface DeleteLaneDialogProps {
  laneName: string;
  stepCount: number;
  /** The lanes that can take the steps, top to bottom. */
  otherLanes: ReadonlyArray<{ id: string; name: string }>;
  onConfirm(moveStepsTo: string): void;
  onCancel(): void;
}

/**
 * Asked before deleting a lane that still holds steps: which lane takes them. Nothing is lost,
 * and the delete is one undo entry.
 */
export function DeleteLaneDialog({
  laneName,
  stepCount,
  otherLanes,
  onConfirm,
  onCancel,
}: DeleteLaneDialogProps) {
  const titleId = useId();
  const selectId = useId();
  const [target, setTarget] = useState(otherLanes[0]?.id ?? "");
  const selectRef = useRef<HTMLSelectElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    opener.current = document.activeElement;
    selectRef.current?.focus();
    return () => {
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    event.stopPropagation();
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  };

  return createPortal(
    <div className="hf-dialog-backdrop">
      <div
        className="hf-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>Delete lane “{laneName}”?</h2>
        <p>
          It still holds {stepCount} step{stepCount === 1 ? "" : "s"}. Choose the lane that takes{" "}
          {stepCount === 1 ? "it" : "them"}; positions are kept.
        </p>
        <label htmlFor={selectId}>Move the steps to</label>
        <select
          id={selectId}
          ref={selectRef}
          value={target}
          onChange={(event) => setTarget(event.target.value)}
        >
          {otherLanes.map((lane) => (
            <option key={lane.id} value={lane.id}>
              {lane.name}
            </option>
          ))}
        </select>
        <div className="hf-dialog__actions">
          <button type="button" className="hf-button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="hf-button hf-button--danger"
            disabled={target === ""}
            onClick={() => onConfirm(target)}
          >
            Move steps and delete lane
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
