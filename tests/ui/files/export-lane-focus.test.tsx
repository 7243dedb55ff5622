// @vitest-environment jsdom
import "../jsdom-setup";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { createEditorStore } from "../../../src/store/editor-store";
import { ExportMenu } from "../../../src/ui/files/ExportMenu";
import { EditorStoreProvider } from "../../../src/ui/store-context";

describe("Export in a lane focus", () => {
  it("given Sales and Deal Desk focused, when 'Export with options…' opens, then its lanes are those two", () => {
    localStorage.clear();
    const store = createEditorStore({ map: createRevOpsTemplate(), runLayout: () => new Promise(() => {}) });
    render(
      <EditorStoreProvider store={store}>
        <ExportMenu />
      </EditorStoreProvider>,
    );
    act(() => store.getState().setLaneFocus(["sales", "deal-desk"]));
    fireEvent.click(screen.getByRole("button", { name: "Export" }));
    fireEvent.click(screen.getByRole("menuitem", { name: "Export with options…" }));
    const lanes = within(screen.getByRole("group", { name: "Lanes" }));
    const ticked = lanes
      .getAllByRole("checkbox")
      .filter((box) => (box as HTMLInputElement).checked)
      .map((box) => box.closest("label")?.textContent);
    expect(ticked).toEqual(["Sales", "Deal Desk"]);
  });
});
