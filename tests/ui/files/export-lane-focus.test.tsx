// @vitest-environment jsdom
import "../jsdom-setup";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { createEditorStore } from "../../../src/store/editor-store";
import { ExportButton } from "../../../src/ui/files/ExportButton";
import { EditorStoreProvider } from "../../../src/ui/store-context";

describe("Export in a lane focus", () => {
  it("given Sales and Deal Desk focused, when Export opens its dialog, then its lanes are those two", () => {
    localStorage.clear();
    const store = createEditorStore({ map: createRevOpsTemplate(), runLayout: () => new Promise(() => {}) });
    render(
      <EditorStoreProvider store={store}>
        <ExportButton />
      </EditorStoreProvider>,
    );
    act(() => store.getState().setLaneFocus(["sales", "deal-desk"]));
    // Export opens the dialog directly (the menu and its "Export with options…" item are gone).
    fireEvent.click(screen.getByRole("button", { name: "Export" }));
    const lanes = within(screen.getByRole("group", { name: "Lanes" }));
    const ticked = lanes
      .getAllByRole("checkbox")
      .filter((box) => (box as HTMLInputElement).checked)
      .map((box) => box.closest("label")?.textContent);
    expect(ticked).toEqual(["Sales", "Deal Desk"]);
  });
});
