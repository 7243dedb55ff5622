import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import type { EditorStore } from "../../store/editor-store";
import { useEditorStoreApi } from "../store-context";
import "./lane-focus.css";
import type { StepFlowNode } from "./flow-adapter";

/**
 * Shows the lane of the step a stub stands for beside the lanes in focus (the stub then turns
 * into that step). The lane focus's "Show Finance too".
 */
export function showStubLane(store: EditorStore, stepId: string): void {
  const { map, laneFocus } = store.getState();
  const lane = map.steps.find((step) => step.id === stepId)?.lane;
  if (lane === undefined || laneFocus === null) return;
  store.getState().setLaneFocus([...laneFocus, lane]);
}

/**
 * A stub of a lane focus: the step at the far end of a handoff into or out of the lanes shown,
 * drawn where it lives in "Other lanes", dashed, with its real label and a chip naming its lane
 * (as the SVG export draws stubs). Not a step of the view: it cannot be dragged, selected,
 * renamed or deleted. A click selects its handoffs (Canvas); the chip is a button that shows its
 * lane too (so do a double-click and Enter on the chip). Its dots connect to the real step.
 */
function StubNodeComponent({ data, width, height }: NodeProps<StepFlowNode>) {
  const store = useEditorStoreApi();
  const { step, face, stub } = data;
  // The stub's chips name its lane (slice-map.ts); a lane without a name has none.
  const lane = step.systems.length === 0 ? "its lane" : step.systems.join(", ");
  const chip = face?.systems?.chips[0];
  const direction = stub?.direction === "in" ? "from" : stub?.direction === "out" ? "to" : "to and from";
  const show = () => {
    if (stub !== undefined) showStubLane(store, stub.stepId);
  };
  const w = face?.width ?? width ?? 0;
  const h = face?.height ?? height ?? 0;
  const area = face?.textArea;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the node wrapper is the focusable element; the lane chip is the keyboard's button
    <div
      className="hf-step hf-stub"
      data-testid="stub-node"
      data-stub-of={stub?.stepId}
      style={{ width: w, height: h }}
      title={`${step.label}: in ${lane}, a lane not shown. Handoffs go ${direction} it. Double-click to show ${lane} too.`}
      onDoubleClick={(event) => {
        event.stopPropagation();
        show();
      }}
    >
      <Handle type="target" position={Position.Left} className="hf-handle" />
      <div
        className={`hf-step__label${area === undefined ? "" : " hf-step__label--placed"}`}
        style={area === undefined ? undefined : { left: area.x, top: area.y, width: area.width }}
      >
        {(face?.lines ?? [step.label]).map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional; the same text may repeat
          <span key={i}>{line}</span>
        ))}
      </div>
      <Handle type="source" position={Position.Right} className="hf-handle" />
      <button
        type="button"
        className="hf-chip hf-stub__lane nodrag"
        aria-label={`Show lane ${lane} too`}
        title={`Show ${lane} too`}
        style={
          chip === undefined
            ? undefined
            : {
                left: chip.x,
                top: chip.y,
                width: chip.width,
                height: chip.height,
                lineHeight: `${chip.height - 1.5}px`,
                fontSize: face?.systems?.fontSize,
              }
        }
        onClick={(event) => {
          event.stopPropagation();
          show();
        }}
      >
        {chip?.text ?? lane}
      </button>
    </div>
  );
}

export const StubNode = memo(StubNodeComponent);
