// @vitest-environment jsdom
import "../jsdom-setup";
import { act, fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { removeHandoffs } from "../../../src/model/operations";
import { WorkshopLayer } from "../../../src/ui/workshop/Workshop";
import { wsEdgeCase, wsHandoff, wsMap, wsStep } from "../../fixtures/workshop-fixtures";
import { renderWorkshop } from "./harness";

function branchingMap() {
  return wsMap(
    [
      wsStep("a", { kind: "start", label: "Qualify" }),
      wsStep("b", { label: "Discovery" }),
      wsStep("c", { label: "Nurture" }),
    ],
    [wsHandoff("h-yes", "a", "b", [wsEdgeCase("old", { title: "Existing" })]), wsHandoff("h-no", "a", "c")],
  );
}

const key = (k: string, target: Element = document.body) =>
  act(() => {
    fireEvent.keyDown(target, { key: k });
  });

describe("quick capture", () => {
  it("E opens it, every key types into the title, Alt+3 sets high, Enter saves one undo entry and the walk goes on", async () => {
    // given a walkthrough on the first step
    const user = userEvent.setup();
    const { editor, workshop } = renderWorkshop(branchingMap(), <WorkshopLayer />);
    key("w");
    expect(workshop.getState().walkthrough.active).toBe(true);
    // when
    key("e");
    const input = screen.getByPlaceholderText("What breaks here?");
    expect(document.activeElement).toBe(input);
    await user.keyboard("SLA breached after 24 hours in queue 3; w e f ? + - 1 2 4");
    expect((input as HTMLInputElement).value).toBe(
      "SLA breached after 24 hours in queue 3; w e f ? + - 1 2 4",
    );
    expect(screen.getByRole("radio", { name: /Medium/ }).getAttribute("aria-checked")).toBe("true");
    await user.keyboard("{Alt>}3{/Alt}");
    expect(screen.getByRole("radio", { name: /High/ }).getAttribute("aria-checked")).toBe("true");
    expect((input as HTMLInputElement).value).toBe(
      "SLA breached after 24 hours in queue 3; w e f ? + - 1 2 4",
    );
    await user.keyboard("{Enter}");
    // then
    const saved = editor.getState().map.handoffs[0]?.edgeCases.at(-1);
    expect(saved).toMatchObject({
      title: "SLA breached after 24 hours in queue 3; w e f ? + - 1 2 4",
      severity: "high",
      status: "open",
      votes: 0,
    });
    expect(editor.getState().history.past).toHaveLength(1);
    expect(screen.queryByPlaceholderText("What breaks here?")).toBeNull();
    expect(workshop.getState().walkthrough.active).toBe(true);
    expect(workshop.getState().presenting).toBe(false);
    // the cursor is on the new edge case, so + votes for it at once
    key("+");
    expect(editor.getState().map.handoffs[0]?.edgeCases.at(-1)?.votes).toBe(1);
    // undo takes the vote, then the capture, one at a time
    act(() => editor.getState().undo());
    act(() => editor.getState().undo());
    expect(editor.getState().map.handoffs[0]?.edgeCases).toHaveLength(1);
    act(() => editor.getState().redo());
    expect(editor.getState().map.handoffs[0]?.edgeCases.at(-1)?.title).toBe(
      "SLA breached after 24 hours in queue 3; w e f ? + - 1 2 4",
    );
  });

  it("Tab goes to the severity radio group: 1–4 and the arrows choose with roving focus; Enter saves", async () => {
    const user = userEvent.setup();
    const { editor } = renderWorkshop(branchingMap(), <WorkshopLayer />);
    key("w");
    key("e");
    await user.keyboard("Renewal date 31 12 missing");
    await user.tab();
    const radio = (name: RegExp) => screen.getByRole("radio", { name });
    // Only the chosen pill is in the tab order: Tab lands on it.
    expect(document.activeElement).toBe(radio(/Medium/));
    expect(radio(/Low/).tabIndex).toBe(-1);
    await user.keyboard("4");
    expect(radio(/Critical/).getAttribute("aria-checked")).toBe("true");
    expect(document.activeElement).toBe(radio(/Critical/));
    await user.keyboard("{ArrowLeft}");
    expect(radio(/High/).getAttribute("aria-checked")).toBe("true");
    expect(document.activeElement).toBe(radio(/High/));
    await user.keyboard("{ArrowRight}{ArrowRight}");
    expect(radio(/Low/).getAttribute("aria-checked")).toBe("true");
    await user.click(radio(/Critical/));
    expect(radio(/Critical/).getAttribute("aria-checked")).toBe("true");
    await user.keyboard("{Enter}");
    expect(editor.getState().map.handoffs[0]?.edgeCases.at(-1)).toMatchObject({
      title: "Renewal date 31 12 missing",
      severity: "critical",
    });
  });

  it("says which keys it has in its hint line", () => {
    renderWorkshop(branchingMap(), <WorkshopLayer />);
    key("w");
    key("e");
    const capture = screen.getByRole("region", { name: "Quick capture" });
    expect(capture.textContent).toContain("Alt+1–4 severity");
    expect(capture.textContent).not.toMatch(/(^|[^+])1–4 severity/);
  });

  it("chooses among the step's outgoing handoffs with the arrow keys", () => {
    const { editor } = renderWorkshop(branchingMap(), <WorkshopLayer />);
    key("w");
    key("e");
    const input = screen.getByPlaceholderText("What breaks here?");
    const capture = screen.getByRole("region", { name: "Quick capture" });
    expect(within(capture).getByText("Qualify → Discovery")).toBeTruthy();
    expect(capture.textContent).toContain("1 of 2");
    key("ArrowDown", input);
    expect(within(capture).getByText("Qualify → Nurture")).toBeTruthy();
    fireEvent.change(input, { target: { value: "Nurture list never re-scored" } });
    key("Enter", input);
    expect(editor.getState().map.handoffs[1]?.edgeCases[0]?.title).toBe("Nurture list never re-scored");
    expect(editor.getState().map.handoffs[1]?.edgeCases[0]?.severity).toBe("medium");
  });

  it("Escape drops the capture without touching the map, and keeps the walkthrough", () => {
    const { editor, workshop } = renderWorkshop(branchingMap(), <WorkshopLayer />);
    key("w");
    key("e");
    const input = screen.getByPlaceholderText("What breaks here?");
    fireEvent.change(input, { target: { value: "never mind" } });
    key("Escape", input);
    expect(screen.queryByPlaceholderText("What breaks here?")).toBeNull();
    expect(workshop.getState().walkthrough.active).toBe(true);
    expect(editor.getState().history.past).toHaveLength(0);
  });

  it("refuses an empty title and says why", () => {
    const { editor } = renderWorkshop(branchingMap(), <WorkshopLayer />);
    key("w");
    key("e");
    const input = screen.getByPlaceholderText("What breaks here?");
    key("Enter", input);
    expect(screen.getByText("Type a title first.")).toBeTruthy();
    expect(editor.getState().history.past).toHaveLength(0);
  });
});

describe("quick capture outside the walkthrough", () => {
  it("E on a selected handoff opens it; Enter saves on that handoff and says its number", async () => {
    const user = userEvent.setup();
    const { editor, workshop } = renderWorkshop(branchingMap(), <WorkshopLayer />);
    act(() => editor.getState().select({ handoffs: ["h-no"] }));
    key("e");
    const capture = screen.getByRole("region", { name: "Quick capture" });
    expect(within(capture).getByText("Qualify → Nurture")).toBeTruthy();
    expect(workshop.getState().walkthrough.active).toBe(false);
    await user.keyboard("Lost after 2 weeks{Alt>}4{/Alt}{Enter}");
    expect(editor.getState().map.handoffs[1]?.edgeCases[0]).toMatchObject({
      title: "Lost after 2 weeks",
      severity: "critical",
    });
    expect(screen.queryByRole("region", { name: "Quick capture" })).toBeNull();
    expect(editor.getState().notice?.text).toBe("EC-2 captured on Qualify → Nurture.");
    expect(editor.getState().history.past).toHaveLength(1);
  });

  it("E on a step with one outgoing handoff opens it there and selects that handoff; Esc drops it", () => {
    const map = wsMap([wsStep("a", { kind: "start", label: "One" }), wsStep("b", { label: "Two" })], ["a>b"]);
    const { editor, workshop } = renderWorkshop(map, <WorkshopLayer />);
    act(() => editor.getState().select({ steps: ["a"] }));
    key("e");
    expect(workshop.getState().captureOn).toBe(editor.getState().map.handoffs[0]?.id);
    expect(editor.getState().selection.handoffs).toEqual([editor.getState().map.handoffs[0]?.id]);
    key("Escape", screen.getByPlaceholderText("What breaks here?"));
    expect(screen.queryByRole("region", { name: "Quick capture" })).toBeNull();
    expect(editor.getState().history.past).toHaveLength(0);
  });

  it("closes when its handoff goes (an undo), so it never holds the keys unseen", () => {
    const { editor, workshop } = renderWorkshop(branchingMap(), <WorkshopLayer />);
    act(() => editor.getState().select({ handoffs: ["h-no"] }));
    key("e");
    expect(workshop.getState().capturing).toBe(true);
    act(() => {
      editor.getState().apply((m) => removeHandoffs(m, ["h-no"]));
    });
    expect(workshop.getState().capturing).toBe(false);
    expect(screen.queryByRole("region", { name: "Quick capture" })).toBeNull();
  });

  it("E in the walkthrough on a step without handoffs says so and opens nothing", () => {
    const map = wsMap([wsStep("a", { kind: "start", label: "Alone" })], []);
    const { editor, workshop } = renderWorkshop(map, <WorkshopLayer />);
    key("w");
    key("e");
    expect(workshop.getState().capturing).toBe(false);
    expect(editor.getState().notice?.text).toMatch(/no handoffs/);
    key("ArrowRight"); // the walkthrough keys still act
    expect(workshop.getState().walkthrough.active).toBe(true);
  });

  it("E on a step with two outgoing handoffs, or on nothing, says what to select", () => {
    const { editor } = renderWorkshop(branchingMap(), <WorkshopLayer />);
    act(() => editor.getState().select({ steps: ["a"] }));
    key("e");
    expect(screen.queryByRole("region", { name: "Quick capture" })).toBeNull();
    expect(editor.getState().notice?.text).toMatch(/hands off to 2 steps: select the handoff/);
    act(() => editor.getState().select({}));
    key("e");
    expect(editor.getState().notice?.text).toMatch(/select a handoff/);
  });
});

describe("walkthrough keys", () => {
  it("W on an empty map says there is nothing to walk through", () => {
    const { editor, workshop } = renderWorkshop(wsMap([], []), <WorkshopLayer />);
    key("w");
    expect(workshop.getState().walkthrough.active).toBe(false);
    expect(screen.queryByRole("complementary", { name: "Walkthrough" })).toBeNull();
    expect(editor.getState().notice?.text).toMatch(/nothing to walk through/);
  });

  it("Right, Space, Left, Home move; Esc leaves and W resumes where it was", () => {
    const map = wsMap(
      [
        wsStep("a", { kind: "start", label: "One" }),
        wsStep("b", { label: "Two" }),
        wsStep("c", { label: "Three" }),
      ],
      ["a>b", "b>c"],
    );
    const { workshop } = renderWorkshop(map, <WorkshopLayer />);
    const title = () => screen.getByRole("heading", { level: 2 }).textContent;
    key("w");
    expect(title()).toBe("One");
    key("ArrowRight");
    key(" ");
    expect(title()).toBe("Three");
    key("ArrowLeft");
    expect(title()).toBe("Two");
    key("Escape");
    expect(screen.queryByRole("complementary", { name: "Walkthrough" })).toBeNull();
    expect(document.documentElement.hasAttribute("data-hf-walkthrough")).toBe(false);
    key("W");
    expect(title()).toBe("Two");
    key("Home");
    expect(title()).toBe("One");
    expect(workshop.getState().walkthrough.active).toBe(true);
    expect(document.documentElement.hasAttribute("data-hf-walkthrough")).toBe(true);
  });

  it("leaves keys typed into other fields alone", () => {
    const map = wsMap([wsStep("a", { kind: "start" })], []);
    const { workshop } = renderWorkshop(
      map,
      <>
        <input aria-label="Elsewhere" />
        <WorkshopLayer />
      </>,
    );
    key("w", screen.getByRole("textbox", { name: "Elsewhere" }));
    expect(workshop.getState().walkthrough.active).toBe(false);
  });

  it("highlights the current step with escaped selectors", () => {
    const map = wsMap([wsStep('x"]{}<', { kind: "start" }), "b"], [wsHandoff("h", 'x"]{}<', "b")]);
    renderWorkshop(map, <WorkshopLayer />);
    key("w");
    const css = screen.getByTestId("walk-highlight").textContent ?? "";
    // The node's data-id is React Flow's node id, where the step id's `"` is written ~22~.
    expect(css).toContain('.react-flow__node[data-id="x~22~]{}\\3c "]');
    expect(css).not.toContain("<");
  });
});
