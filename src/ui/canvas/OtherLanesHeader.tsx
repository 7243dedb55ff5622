import { useShallow } from "zustand/react/shallow";
import type { Lane } from "../../model/types";
import type { EditorState, EditorStore } from "../../store/editor-store";
import { useEditor, useEditorStoreApi } from "../store-context";
import { HeaderActions, type MenuItem } from "./HeaderActions";

const selectFocus = (s: EditorState) => s.laneFocus;

/**
 * The lane focus entries of a lane's header menu: "Focus on this lane"; while focused, "Hide this
 * lane" (not the last one shown) and "Show all lanes". A hook: the menu follows the focus.
 */
export function useLaneFocusItems(store: EditorStore, laneId: string): MenuItem[] {
  const focus = useEditor(selectFocus);
  const items: MenuItem[] = [
    {
      label: "Focus on this lane",
      onSelect: () => store.getState().setLaneFocus([laneId]),
      disabled: focus !== null && focus.length === 1 && focus[0] === laneId,
    },
  ];
  if (focus !== null)
    items.push(
      {
        label: "Hide this lane",
        onSelect: () => store.getState().setLaneFocus(focus.filter((id) => id !== laneId)),
        disabled: focus.length === 1,
      },
      { label: "Show all lanes", onSelect: () => store.getState().setLaneFocus(null) },
    );
  return items;
}

/** The lanes with a stub in the focused view (their steps exchange handoffs with the lanes shown). */
const selectStubLanes = (s: EditorState): string[] => {
  if (s.focusView === null) return [];
  const lanes = new Set<string>();
  for (const stub of s.focusView.stubs.values()) lanes.add(stub.step.lane);
  return s.map.lanes.filter((lane) => lanes.has(lane.id)).map((lane) => lane.id);
};

const selectLanes = (s: EditorState) => s.map.lanes;

/**
 * The header of a lane focus's "Other lanes" band: not a lane of the map (no rename, no lane
 * menu), but a menu to show the lanes its stubs live in, one at a time or all.
 */
export function OtherLanesHeader({ lane }: { lane: Lane }) {
  const store = useEditorStoreApi();
  const stubLanes = useEditor(useShallow(selectStubLanes));
  const lanes = useEditor(selectLanes);
  const nameOf = (id: string) => {
    const name = lanes.find((l) => l.id === id)?.name ?? id;
    return name.trim() === "" ? "(unnamed lane)" : name;
  };
  const items: MenuItem[] = [
    ...stubLanes.map((id) => ({
      label: `Show ${nameOf(id)} too`,
      onSelect: () => {
        const focus = store.getState().laneFocus ?? [];
        store.getState().setLaneFocus([...focus, id]);
      },
    })),
    { label: "Show all lanes", onSelect: () => store.getState().setLaneFocus(null) },
  ];
  return (
    <div
      className="hf-lane-header hf-other-lanes-header"
      data-lane-id={lane.id}
      title="Steps in lanes not shown that hand off to or from the lanes in focus (dashed)"
    >
      <span className="hf-lane-header__name">
        <span className="hf-header-text">{lane.name}</span>
      </span>
      <HeaderActions label="Other lanes: show lanes" items={items} />
    </div>
  );
}
