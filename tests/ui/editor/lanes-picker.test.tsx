// @vitest-environment jsdom
import "../jsdom-setup";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { createEditorStore, type EditorStore } from "../../../src/store/editor-store";
import { LaneFocusBar } from "../../../src/ui/editor/LaneFocusBar";
import { LanesPicker, lanesSummary } from "../../../src/ui/editor/LanesPicker";
import { useEditorShortcuts } from "../../../src/ui/keyboard/use-editor-shortcuts";
import { EditorStoreProvider } from "../../../src/ui/store-context";

function Keys({ store }: { store: EditorStore }) {
  useEditorShortcuts({ store, canvas: () => document.getElementById("canvas") });
  return <div id="canvas" tabIndex={-1} data-testid="canvas" />;
}

function setup() {
  const store = createEditorStore({ map: createRevOpsTemplate(), runLayout: () => new Promise(() => {}) });
  render(
    <EditorStoreProvider store={store}>
      <LanesPicker />
      <LaneFocusBar />
      <Keys store={store} />
    </EditorStoreProvider>,
  );
  return store;
}

describe("the toolbar's Lanes picker", () => {
  it("given every lane shown, when Sales is picked with Only and Deal Desk ticked, then those two are focused and the bar says so", () => {
    const store = setup();
    const button = screen.getByRole("button", { name: "Lanes: All" });
    expect(screen.queryByTestId("lane-focus-bar")).toBeNull();
    // when
    fireEvent.click(button);
    const panel = screen.getByRole("dialog", { name: "Lanes shown" });
    // the first control has the focus, every lane is ticked
    expect(document.activeElement).toBe(screen.getByRole("checkbox", { name: "Marketing" }));
    expect(screen.getAllByRole("checkbox").every((box) => (box as HTMLInputElement).checked)).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Only Sales" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Deal Desk" }));
    // then
    expect(store.getState().laneFocus).toEqual(["sales", "deal-desk"]);
    expect(screen.getByRole("button", { name: "Lanes: Sales, Deal Desk" })).toBeTruthy();
    expect(screen.getByTestId("lane-focus-bar").textContent).toMatch(
      /Showing 2 of 7 lanes: Sales, Deal Desk/,
    );
    // the last lane shown cannot be unticked
    fireEvent.click(screen.getByRole("checkbox", { name: "Deal Desk" }));
    expect((screen.getByRole("checkbox", { name: "Sales" }) as HTMLInputElement).disabled).toBe(true);
    // Escape closes and gives the focus back to the button
    fireEvent.keyDown(panel, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Lanes: Sales" }));
  });

  it("when 'Show all lanes' is pressed on the bar, then the focus ends", () => {
    const store = setup();
    act(() => store.getState().setLaneFocus(["finance"]));
    fireEvent.click(screen.getByRole("button", { name: "Show all lanes" }));
    expect(store.getState().laneFocus).toBeNull();
    expect(screen.queryByTestId("lane-focus-bar")).toBeNull();
  });

  it("names one or two lanes, else counts them", () => {
    const lanes = createRevOpsTemplate().lanes;
    expect(lanesSummary(lanes, null)).toBe("Lanes: All");
    expect(lanesSummary(lanes, ["sales"])).toBe("Lanes: Sales");
    expect(lanesSummary(lanes, ["sdr", "sales", "finance"])).toBe("Lanes: 3 of 7");
  });
});

describe("the L key", () => {
  it("focuses the selected steps' lanes, shows every lane when pressed again, and opens the picker with nothing selected", () => {
    const store = setup();
    const canvas = screen.getByTestId("canvas");
    canvas.focus();
    act(() => store.getState().select({ steps: ["discovery", "deal-desk"] }));
    fireEvent.keyDown(canvas, { key: "l" });
    expect(store.getState().laneFocus).toEqual(["sales", "deal-desk"]);
    fireEvent.keyDown(canvas, { key: "l" });
    expect(store.getState().laneFocus).toBeNull();
    act(() => store.getState().select({}));
    fireEvent.keyDown(canvas, { key: "l" });
    expect(screen.getByRole("dialog", { name: "Lanes shown" })).toBeTruthy();
  });
});
