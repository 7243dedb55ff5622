import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { createRevOpsTemplate } from "../../../src/model/templates";
import type { HandoffMap } from "../../../src/model/types";
import { createEditorStore, type EditorStore } from "../../../src/store/editor-store";
import { EditorStoreProvider } from "../../../src/ui/store-context";

/** A store over the RevOps template (or a given map) with no layout engine behind it. */
export function makeStore(map: HandoffMap = createRevOpsTemplate()): EditorStore {
  return createEditorStore({ map, runLayout: async () => ({ ok: false, error: "no layout in this test" }) });
}

/** Renders UI inside a provider for `store`; returns testing-library's result and a user. */
export function renderWithStore(ui: ReactNode, store: EditorStore = makeStore()) {
  const user = userEvent.setup();
  const result = render(<EditorStoreProvider store={store}>{ui}</EditorStoreProvider>);
  return { ...result, store, user };
}
