import { Handle, type NodeProps, Position } from "@xyflow/react";
import {
  type ClipboardEvent,
  type KeyboardEvent,
  memo,
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { updateStep } from "../../model/operations";
import type { StepKind } from "../../model/types";
import { useEditor, useEditorStoreApi } from "../store-context";
import type { StepFlowNode } from "./flow-adapter";

const KIND_NAMES: Record<StepKind, string> = {
  start: "Start",
  task: "Task",
  decision: "Decision",
  end: "End",
};

/** Pasted text as one plain line: rich text, tabs and line breaks become single spaces. */
export function plainLabelText(text: string): string {
  let flat = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    flat += code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? " " : char;
  }
  return flat.replace(/\s{2,}/g, " ");
}

/**
 * A step: its shape by kind (task box, start/end pill, decision diamond), the label as the layout
 * wrapped it, systems as chips below the box, and a badge counting the edge cases on its
 * handoffs. Double-click or Enter edits the label in place in a textarea (never contentEditable):
 * Enter commits, Escape cancels, leaving the field commits.
 */
function StepNodeComponent({ id, data, selected }: NodeProps<StepFlowNode>) {
  const { step, lines, edgeCaseCount, severity } = data;
  const editing = useEditor((s) => s.editingStepId === id);
  const store = useEditorStoreApi();

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the node wrapper is the focusable element; Enter edits from the keyboard
    <div
      className={`hf-step hf-step--${step.kind}${selected ? " is-selected" : ""}`}
      data-testid="step-node"
      data-step-id={id}
      data-kind={step.kind}
      data-lane={step.lane}
      onDoubleClick={(event) => {
        event.stopPropagation();
        store.getState().select({ steps: [id] });
        store.getState().setEditingStep(id);
      }}
    >
      {step.kind === "decision" && (
        <svg className="hf-step__diamond" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
          <polygon points="50,1 99,50 50,99 1,50" vectorEffect="non-scaling-stroke" />
        </svg>
      )}
      <Handle type="target" position={Position.Left} className="hf-handle" />
      {editing ? (
        <LabelEditor stepId={id} initial={step.label} />
      ) : (
        <div className="hf-step__label" title={step.label}>
          {lines === null
            ? step.label
            : lines.map((line, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional; the same text may repeat
                <span key={i}>{line}</span>
              ))}
        </div>
      )}
      <Handle type="source" position={Position.Right} className="hf-handle" />
      {step.kind !== "task" && <span className="hf-sr-only">{KIND_NAMES[step.kind]}</span>}
      {step.systems.length > 0 && (
        <div className="hf-step__systems" title={`Systems: ${step.systems.join(", ")}`}>
          {step.systems.map((system, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: systems are positional; names may repeat
            <span className="hf-chip" key={i}>
              {system}
            </span>
          ))}
        </div>
      )}
      {edgeCaseCount > 0 && (
        <span
          className="hf-step__badge"
          data-testid="step-edge-case-badge"
          data-severity={severity ?? "resolved"}
          title={`${edgeCaseCount} edge case${edgeCaseCount === 1 ? "" : "s"} on this step's handoffs`}
        >
          {edgeCaseCount}
        </span>
      )}
    </div>
  );
}

function LabelEditor({ stepId, initial }: { stepId: string; initial: string }) {
  const store = useEditorStoreApi();
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);

  useLayoutEffect(() => {
    const field = ref.current;
    if (field === null) return;
    field.focus({ preventScroll: true });
    field.select();
  }, []);

  const finish = useCallback(
    (commit: boolean) => {
      if (done.current) return;
      done.current = true;
      const state = store.getState();
      const label = value.trim();
      if (commit && label !== "" && label !== initial)
        state.apply((map) => updateStep(map, stepId, { label }));
      if (state.editingStepId === stepId) state.setEditingStep(null);
      // Back to the canvas, so Tab and Enter keep working on the selection.
      const node = ref.current?.closest<HTMLElement>(".react-flow__node");
      node?.focus({ preventScroll: true });
    },
    [store, stepId, value, initial],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    event.stopPropagation();
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      finish(true);
    } else if (event.key === "Escape") {
      event.preventDefault();
      finish(false);
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    event.preventDefault();
    const text = plainLabelText(event.clipboardData.getData("text/plain"));
    const field = event.currentTarget;
    const start = field.selectionStart;
    const end = field.selectionEnd;
    const next = value.slice(0, start) + text + value.slice(end);
    setValue(next);
    requestAnimationFrame(() => {
      field.selectionStart = start + text.length;
      field.selectionEnd = start + text.length;
    });
  };

  return (
    <textarea
      ref={ref}
      className="hf-step__editor nodrag nopan nowheel"
      aria-label="Step label"
      value={value}
      rows={2}
      onChange={(event) => setValue(plainLabelText(event.target.value))}
      onKeyDown={onKeyDown}
      onPaste={onPaste}
      onBlur={() => finish(true)}
    />
  );
}

export const StepNode = memo(StepNodeComponent);
