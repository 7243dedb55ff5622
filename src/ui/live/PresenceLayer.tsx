import { useStore as useFlowStore, useInternalNode, useReactFlow, ViewportPortal } from "@xyflow/react";
import { useEffect } from "react";
import { pathPoints } from "../../layout/route-path";
import type { EditorState } from "../../store/editor-store";
import type { LiveSession } from "../../store/live/live-session";
import type { RoomPerson } from "../../store/live/presence";
import { useEdgeGeometry } from "../canvas/edge-geometry";
import { flowNodeId } from "../canvas/flow-adapter";
import { useEditor, useEditorStoreApi } from "../store-context";
import { useLiveSession, useLiveState } from "./live-context";

const NOBODY: never[] = [];
/**
 * Pointers are points of one picture: in a lane focus this person's picture is not the others'
 * (the lanes shown stack together), so while focused they neither send theirs nor see the
 * others'. Selection outlines follow the steps themselves: a step not in view has none.
 */
const selectFocused = (s: EditorState) => s.laneFocus !== null;

/**
 * The others on the canvas: their selected steps and handoffs outlined in their colour, their
 * name on the step or handoff they are editing, and their pointers while over the map. Drawn in flow coordinates (a
 * ViewportPortal), so it pans and zooms with the map. Also reports this person's own pointer.
 */
export function PresenceLayer() {
  const session = useLiveSession();
  const people = useLiveState(session, (s) => s.people, NOBODY);
  const focused = useEditor(selectFocused);
  if (session === null) return null;
  const others = people.filter((person) => !person.self);
  return (
    <>
      <PointerReporter session={session} focused={focused} />
      <EditingReporter session={session} />
      <ViewportPortal>
        <div className="hf-presence" aria-hidden="true">
          {others.map((person) => (
            <PersonMarks key={person.id} person={person} pointer={!focused} />
          ))}
        </div>
      </ViewportPortal>
    </>
  );
}

function PersonMarks({ person, pointer }: { person: RoomPerson; pointer: boolean }) {
  const editingStep = person.editing?.kind === "step" ? person.editing.id : null;
  const editingHandoff = person.editing?.kind === "handoff" ? person.editing.id : null;
  const outlined = new Set(person.selection.steps);
  if (editingStep !== null) outlined.add(editingStep);
  const traced = new Set(person.selection.handoffs);
  if (editingHandoff !== null) traced.add(editingHandoff);
  return (
    <>
      {[...outlined].slice(0, 50).map((stepId) => (
        <StepOutline key={stepId} stepId={stepId} person={person} editing={stepId === editingStep} />
      ))}
      {[...traced].slice(0, 50).map((handoffId) => (
        <HandoffOutline
          key={handoffId}
          handoffId={handoffId}
          person={person}
          editing={handoffId === editingHandoff}
        />
      ))}
      {person.pointer === null || !pointer ? null : (
        <div
          className="hf-presence__pointer"
          style={{
            transform: `translate(${person.pointer.x}px, ${person.pointer.y}px)`,
            color: person.colour,
          }}
          data-testid="hf-presence-pointer"
        >
          <svg width="16" height="20" viewBox="0 0 16 20" aria-hidden="true">
            <path
              d="M1 1l13 11-6 1 3 6-2.5 1-3-6L1 17z"
              fill="currentColor"
              stroke="#fff"
              strokeWidth="1.2"
            />
          </svg>
          <span className="hf-presence__tag" style={{ background: person.colour }}>
            {person.name}
          </span>
        </div>
      )}
    </>
  );
}

function StepOutline({ stepId, person, editing }: { stepId: string; person: RoomPerson; editing: boolean }) {
  const node = useInternalNode(flowNodeId(stepId));
  if (node === undefined) return null;
  const { x, y } = node.internals.positionAbsolute;
  const width = node.measured.width ?? node.width ?? 0;
  const height = node.measured.height ?? node.height ?? 0;
  return (
    <div
      className="hf-presence__outline"
      data-testid="hf-presence-outline"
      data-person={person.name}
      style={{
        transform: `translate(${x - 4}px, ${y - 4}px)`,
        width: width + 8,
        height: height + 8,
        borderColor: person.colour,
      }}
    >
      <span className="hf-presence__tag hf-presence__tag--outline" style={{ background: person.colour }}>
        {editing ? `${person.name} is editing` : person.name}
      </span>
    </div>
  );
}

/**
 * A colleague's selected handoff: its route traced in their colour under the line, their name at
 * its label (or its middle). Follows the route the canvas draws, in the focused view too; a
 * handoff that is not drawn (no route yet, or out of view in a lane focus) has none.
 */
function HandoffOutline({
  handoffId,
  person,
  editing,
}: {
  handoffId: string;
  person: RoomPerson;
  editing: boolean;
}) {
  const geometry = useEdgeGeometry(handoffId);
  const route = geometry?.route ?? null;
  if (geometry === null || route === null || route.path.length < 4) return null;
  const points = pathPoints(route.path);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const pad = 8;
  const left = Math.min(...xs) - pad;
  const top = Math.min(...ys) - pad;
  const middle = points[Math.floor(points.length / 2)] ?? { x: left, y: top };
  const tagAt = geometry.labeled ? { x: geometry.labelX, y: geometry.labelY } : middle;
  return (
    <>
      <svg
        className="hf-presence__trace"
        data-testid="hf-presence-trace"
        data-person={person.name}
        style={{ transform: `translate(${left}px, ${top}px)` }}
        width={Math.max(...xs) - left + pad}
        height={Math.max(...ys) - top + pad}
        aria-hidden="true"
      >
        <polyline points={points.map((p) => `${p.x - left},${p.y - top}`).join(" ")} stroke={person.colour} />
      </svg>
      <span
        className="hf-presence__tag hf-presence__tag--trace"
        style={{ transform: `translate(${tagAt.x}px, ${tagAt.y - 22}px)`, background: person.colour }}
      >
        {editing ? `${person.name} is editing` : person.name}
      </span>
    </>
  );
}

/** Sends where this person's pointer is over the map (a few times a second at most). */
function PointerReporter({ session, focused }: { session: LiveSession; focused: boolean }) {
  const flow = useReactFlow();
  const domNode = useFlowStore((s) => s.domNode);
  useEffect(() => {
    if (domNode === null) return;
    if (focused) {
      session.setPointer(null);
      return;
    }
    let frame: number | null = null;
    let last: { x: number; y: number } | null = null;
    const send = () => {
      frame = null;
      session.setPointer(last);
    };
    const onMove = (event: PointerEvent) => {
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      last = { x: Math.round(point.x), y: Math.round(point.y) };
      if (frame === null) frame = window.setTimeout(send, 80);
    };
    const onLeave = () => {
      last = null;
      if (frame === null) frame = window.setTimeout(send, 0);
    };
    domNode.addEventListener("pointermove", onMove);
    domNode.addEventListener("pointerleave", onLeave);
    return () => {
      domNode.removeEventListener("pointermove", onMove);
      domNode.removeEventListener("pointerleave", onLeave);
      if (frame !== null) clearTimeout(frame);
    };
  }, [domNode, flow, session, focused]);
  return null;
}

/**
 * Says what this person is editing while a field of the inspector has the focus: the selected
 * step or handoff, so the others see their name on it. (The step label typed in place is said
 * by the live session itself.)
 */
function EditingReporter({ session }: { session: LiveSession }) {
  const editor = useEditorStoreApi();
  useEffect(() => {
    const inInspector = (target: EventTarget | null) =>
      target instanceof Element && target.closest(".hf-editor__inspector") !== null;
    const onFocusIn = (event: FocusEvent) => {
      if (!inInspector(event.target)) return;
      const { selection } = editor.getState();
      const step = selection.steps.length === 1 ? selection.steps[0] : undefined;
      const handoff = selection.handoffs.length === 1 ? selection.handoffs[0] : undefined;
      if (step !== undefined) session.setEditing({ kind: "step", id: step });
      else if (handoff !== undefined) session.setEditing({ kind: "handoff", id: handoff });
    };
    const onFocusOut = (event: FocusEvent) => {
      if (inInspector(event.target) && !inInspector(event.relatedTarget)) {
        const editing = editor.getState().editingStepId;
        session.setEditing(editing === null ? null : { kind: "step", id: editing });
      }
    };
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("focusout", onFocusOut);
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("focusout", onFocusOut);
    };
  }, [editor, session]);
  return null;
}
