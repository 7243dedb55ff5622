import { Handle, type NodeProps, Position } from "@xyflow/react";
import {
  type ClipboardEvent,
  type KeyboardEvent,
  memo,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { STEP_FONT_SIZE, STEP_LINE_HEIGHT } from "../../layout/metrics";
import { decisionOutline } from "../../layout/step-outline";
import type { StepSystems } from "../../layout/types";
import type { StepKind } from "../../model/types";
import { addNextStep } from "../actions/editor-actions";
import { useEditor, useEditorStoreApi } from "../store-context";
import { type StepFace, type StepFlowNode, stepIdOfNode } from "./flow-adapter";
import { useFar } from "./level-of-detail";

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
 * A step, drawn as the SVG export draws it (render-svg.ts drawStep): its shape by kind (task
 * rounded box, start/end pill, decision the sideways-stretched diamond of step-outline.ts), the
 * label lines and the systems chips exactly where the layout put them inside the box (StepBox
 * textArea and systems), and a badge counting the edge cases on its handoffs. Until the layout
 * has caught up with an edit the label is centered and the chips wait.
 * Double-click or Enter edits the label in place in a textarea (never contentEditable):
 * Enter commits, Escape cancels, leaving the field commits; Tab commits and adds the next step,
 * connected, with its label open (the fast chain: Tab, label, Tab, label...); Shift+Tab commits
 * and goes back to the step.
 */
function StepNodeComponent({ id: nodeId, data, selected, width, height }: NodeProps<StepFlowNode>) {
  const id = stepIdOfNode(nodeId);
  const { step, lines, face, edgeCaseCount, severity } = data;
  const editing = useEditor((s) => s.editingStepId === id);
  // Zoomed far out: the shape and the badge's dot, no words (level-of-detail.tsx).
  const far = useFar();
  const store = useEditorStoreApi();
  const w = face?.width ?? width ?? 0;
  const h = face?.height ?? height ?? 0;
  const shownLines = face?.lines ?? lines;
  const outline = useMemo(
    () =>
      step.kind !== "decision"
        ? null
        : decisionOutline(
            { x: 0, y: 0, width: w, height: h, lines: shownLines ?? [step.label], textArea: face?.textArea },
            STEP_FONT_SIZE,
            STEP_LINE_HEIGHT,
          )
            .map((p) => `${p.x},${p.y}`)
            .join(" "),
    [step.kind, step.label, w, h, shownLines, face],
  );

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
      {outline !== null && (
        <svg className="hf-step__shape" width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true">
          <polygon points={outline} />
        </svg>
      )}
      <Handle type="target" position={Position.Left} className="hf-handle" />
      {editing ? (
        <LabelEditor stepId={id} initial={step.label} />
      ) : (
        !far && <StepLabel label={step.label} lines={shownLines} face={face} />
      )}
      <Handle type="source" position={Position.Right} className="hf-handle" />
      {step.kind !== "task" && <span className="hf-sr-only">{KIND_NAMES[step.kind]}</span>}
      {face?.systems !== undefined && !editing && !far && (
        <SystemChips systems={face.systems} title={`Systems: ${step.systems.join(", ")}`} />
      )}
      {edgeCaseCount > 0 && (
        <span
          className="hf-step__badge"
          data-testid="step-edge-case-badge"
          data-severity={severity ?? "resolved"}
          title={`${edgeCaseCount} edge case${edgeCaseCount === 1 ? "" : "s"} on this step's handoffs`}
        >
          {far ? null : edgeCaseCount}
        </span>
      )}
    </div>
  );
}

/** The label: at the layout's text area when there is one (as in the SVG), else centered. */
function StepLabel({
  label,
  lines,
  face,
}: {
  label: string;
  lines: readonly string[] | null;
  face: StepFace | null;
}) {
  const area = face?.textArea;
  return (
    <div
      className={`hf-step__label${area === undefined ? "" : " hf-step__label--placed"}`}
      title={label}
      style={area === undefined ? undefined : { left: area.x, top: area.y, width: area.width }}
    >
      {lines === null
        ? label
        : lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional; the same text may repeat
            <span key={i}>{line}</span>
          ))}
    </div>
  );
}

/** The systems chips at the places the layout gave them, relative to the box. */
function SystemChips({ systems, title }: { systems: StepSystems; title: string }) {
  return (
    <div className="hf-step__systems" title={title}>
      {systems.chips.map((chip, i) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: chips are positional; names may repeat
          key={i}
          className={chip.system === null ? "hf-chip hf-chip--more" : "hf-chip"}
          style={{
            left: chip.x,
            top: chip.y,
            width: chip.width,
            height: chip.height,
            // The border (0.75 each side) is inside the chip: center the text in what is left.
            lineHeight: `${chip.height - 1.5}px`,
            fontSize: systems.fontSize,
          }}
        >
          {chip.text}
        </span>
      ))}
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
        state.dispatch({ type: "renameStep", step: stepId, label });
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
    } else if (event.key === "Tab" && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      finish(true);
      if (event.shiftKey) return;
      store.getState().select({ steps: [stepId] });
      addNextStep(store);
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
