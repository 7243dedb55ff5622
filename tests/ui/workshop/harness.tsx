import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import type { HandoffMap } from "../../../src/model/types";
import { createEditorStore } from "../../../src/store/editor-store";
import { createWorkshopStore } from "../../../src/store/workshop-store";
import { EditorStoreProvider } from "../../../src/ui/store-context";
import { WorkshopStoreProvider } from "../../../src/ui/workshop/workshop-context";

/** Both stores for one editor (the layout never settles: these tests need no layout). */
export function renderWorkshop(map: HandoffMap, ui: ReactNode) {
  const editor = createEditorStore({ map, runLayout: () => new Promise(() => {}) });
  const workshop = createWorkshopStore({ editor });
  const result = render(
    <EditorStoreProvider store={editor}>
      <WorkshopStoreProvider store={workshop}>{ui}</WorkshopStoreProvider>
    </EditorStoreProvider>,
  );
  return { ...result, editor, workshop };
}
