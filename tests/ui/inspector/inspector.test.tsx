// @vitest-environment jsdom
import "../jsdom-setup";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Inspector } from "../../../src/ui/inspector/Inspector";
import { makeStore, renderWithStore } from "./render-editor";

function stepOf(store: ReturnType<typeof makeStore>, id: string) {
  const step = store.getState().map.steps.find((s) => s.id === id);
  if (step === undefined) throw new Error(`no step ${id}`);
  return step;
}

function selectStep(store: ReturnType<typeof makeStore>, id: string) {
  act(() => store.getState().select({ steps: [id] }));
}

describe("Inspector: nothing selected", () => {
  it("shows the map's title, description and counts", () => {
    const { store } = renderWithStore(<Inspector />);
    expect(screen.getByLabelText("Title")).toHaveProperty("value", "RevOps customer lifecycle");
    const counts = screen.getByLabelText("Map contents");
    expect(within(counts).getByText("Edge cases").nextSibling?.textContent).toBe("17");
    expect(within(counts).getByText("Steps").nextSibling?.textContent).toBe(
      String(store.getState().map.steps.length),
    );
  });

  it("edits the map title as one undo entry", async () => {
    const { store, user } = renderWithStore(<Inspector />);
    const title = screen.getByLabelText("Title");
    await user.clear(title);
    await user.type(title, "Q3 workshop");
    await user.tab();
    expect(store.getState().map.title).toBe("Q3 workshop");
    // clear left a blank title, refused; the typing is one entry
    expect(store.getState().history.past).toHaveLength(1);
    act(() => store.getState().undo());
    expect(store.getState().map.title).toBe("RevOps customer lifecycle");
  });
});

describe("Inspector: a step", () => {
  it("given a selected step, typing a word into its label is one undo entry (do, undo, redo)", async () => {
    const store = makeStore();
    const { user } = renderWithStore(<Inspector />, store);
    selectStep(store, "lead-capture");
    const before = store.getState().map;
    const label = screen.getByLabelText("Label");
    expect(label).toHaveProperty("value", "Lead capture");

    await user.type(label, " form");
    await user.tab();

    expect(stepOf(store, "lead-capture").label).toBe("Lead capture form");
    expect(store.getState().history.past).toHaveLength(1);

    act(() => store.getState().undo());
    expect(store.getState().map).toBe(before);
    expect(screen.getByLabelText("Label")).toHaveProperty("value", "Lead capture");

    act(() => store.getState().redo());
    expect(stepOf(store, "lead-capture").label).toBe("Lead capture form");
    expect(screen.getByLabelText("Label")).toHaveProperty("value", "Lead capture form");
  });

  it("two separate edits of the same field (blur between) are two undo entries", async () => {
    const store = makeStore();
    const { user } = renderWithStore(<Inspector />, store);
    selectStep(store, "lead-capture");
    await user.type(screen.getByLabelText("Label"), " A");
    await user.tab();
    await user.type(screen.getByLabelText("Label"), " B");
    await user.tab();
    expect(store.getState().history.past).toHaveLength(2);
    act(() => store.getState().undo());
    expect(stepOf(store, "lead-capture").label).toBe("Lead capture A");
  });

  it("refuses a blank label with an inline error and keeps the map's label", async () => {
    const store = makeStore();
    const { user } = renderWithStore(<Inspector />, store);
    selectStep(store, "lead-capture");
    const label = screen.getByLabelText("Label");
    await user.clear(label);

    expect(screen.getByRole("alert").textContent).toBe("Label must not be blank");
    expect(label.getAttribute("aria-invalid")).toBe("true");
    expect(label).toHaveProperty("value", "");
    expect(stepOf(store, "lead-capture").label).toBe("Lead capture");
    expect(store.getState().history.past).toHaveLength(0);

    // Typing again clears the error; leaving a refused draft shows the map's value again.
    await user.type(label, "Capture");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(stepOf(store, "lead-capture").label).toBe("Capture");
    await user.clear(label);
    await user.tab();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByLabelText("Label")).toHaveProperty("value", "Capture");
  });

  it("Escape in a field puts back the value it had and takes its undo entry back", async () => {
    const store = makeStore();
    const { user } = renderWithStore(<Inspector />, store);
    selectStep(store, "lead-capture");
    const before = store.getState().map;
    const owner = screen.getByLabelText("Owner");
    await user.type(owner, "x");
    expect(stepOf(store, "lead-capture").owner).not.toBe(before.steps[1]?.owner);
    await user.keyboard("{Escape}");
    expect(store.getState().map).toBe(before);
    expect(store.getState().history.past).toHaveLength(0);
    expect(owner).toHaveProperty("value", stepOf(store, "lead-capture").owner);
  });

  it("changes the lane, the phase (and back to no phase) and the kind, each one entry", async () => {
    const store = makeStore();
    const { user } = renderWithStore(<Inspector />, store);
    selectStep(store, "lead-capture");
    await user.selectOptions(screen.getByLabelText("Lane"), "Sales");
    expect(stepOf(store, "lead-capture").lane).toBe("sales");
    await user.selectOptions(screen.getByLabelText("Phase"), "No phase");
    expect(stepOf(store, "lead-capture").phase).toBeUndefined();
    await user.selectOptions(screen.getByLabelText("Kind"), "Decision");
    expect(stepOf(store, "lead-capture").kind).toBe("decision");
    expect(store.getState().history.past).toHaveLength(3);

    act(() => store.getState().undo());
    expect(stepOf(store, "lead-capture").kind).toBe("task");
    expect(screen.getByLabelText("Kind")).toHaveProperty("value", "task");
    act(() => store.getState().undo());
    expect(stepOf(store, "lead-capture").phase).toBe("engagement");
    act(() => store.getState().undo());
    expect(stepOf(store, "lead-capture").lane).toBe("marketing");
    act(() => store.getState().redo());
    expect(stepOf(store, "lead-capture").lane).toBe("sales");
  });

  it("adds systems (comma-separated) and removes one; duplicates are refused", async () => {
    const store = makeStore();
    const { user } = renderWithStore(<Inspector />, store);
    selectStep(store, "lead-capture");
    const initial = stepOf(store, "lead-capture").systems;
    const input = screen.getByLabelText("Add system");
    await user.type(input, "Zapier, Clearbit{Enter}");
    expect(stepOf(store, "lead-capture").systems).toEqual([...initial, "Zapier", "Clearbit"]);
    expect(input).toHaveProperty("value", "");

    await user.type(input, "zapier{Enter}");
    expect(screen.getByRole("alert").textContent).toBe("zapier is already listed");
    expect(stepOf(store, "lead-capture").systems).toEqual([...initial, "Zapier", "Clearbit"]);

    await user.click(screen.getByRole("button", { name: "Remove system Zapier" }));
    expect(stepOf(store, "lead-capture").systems).toEqual([...initial, "Clearbit"]);

    act(() => store.getState().undo());
    expect(stepOf(store, "lead-capture").systems).toEqual([...initial, "Zapier", "Clearbit"]);
    act(() => store.getState().undo());
    expect(stepOf(store, "lead-capture").systems).toEqual(initial);
    act(() => store.getState().redo());
    expect(stepOf(store, "lead-capture").systems).toEqual([...initial, "Zapier", "Clearbit"]);
  });

  it("follows a change made elsewhere (the canvas) while showing the field", () => {
    const store = makeStore();
    renderWithStore(<Inspector />, store);
    selectStep(store, "lead-capture");
    act(() => {
      store.getState().apply((map) => ({
        ...map,
        steps: map.steps.map((s) => (s.id === "lead-capture" ? { ...s, label: "Renamed on canvas" } : s)),
      }));
    });
    expect(screen.getByLabelText("Label")).toHaveProperty("value", "Renamed on canvas");
  });
});

describe("Inspector: lanes, phases and multi-selection", () => {
  it("renames and recolors a lane picked in its header", async () => {
    const store = makeStore();
    const { user } = renderWithStore(<Inspector />, store);
    act(() => store.getState().select({ lane: "sdr" }));
    const name = screen.getByLabelText("Name");
    await user.type(name, " team");
    await user.tab();
    expect(store.getState().map.lanes.find((l) => l.id === "sdr")?.name).toBe("SDR team");
    expect(store.getState().history.past).toHaveLength(1);

    fireEvent.change(screen.getByLabelText("Color"), { target: { value: "#fde68a" } });
    expect(store.getState().map.lanes.find((l) => l.id === "sdr")?.color).toBe("#fde68a");
    await user.click(screen.getByRole("button", { name: "Use default color" }));
    expect(store.getState().map.lanes.find((l) => l.id === "sdr")?.color).toBeUndefined();
    expect(store.getState().history.past).toHaveLength(3);
    act(() => store.getState().undo());
    expect(store.getState().map.lanes.find((l) => l.id === "sdr")?.color).toBe("#fde68a");
  });

  it("renames a phase picked in its header", async () => {
    const store = makeStore();
    const { user } = renderWithStore(<Inspector />, store);
    act(() => store.getState().select({ phase: "execution" }));
    await user.clear(screen.getByLabelText("Name"));
    await user.type(screen.getByLabelText("Name"), "Delivery");
    expect(store.getState().map.phases.find((p) => p.id === "execution")?.name).toBe("Delivery");
  });

  it("summarises several selected steps", () => {
    const store = makeStore();
    renderWithStore(<Inspector />, store);
    act(() => store.getState().select({ steps: ["lead-capture", "discovery"], handoffs: ["h1"] }));
    expect(screen.getByRole("heading", { name: "2 steps and 1 handoff selected" })).toBeDefined();
  });
});
