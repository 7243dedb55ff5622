// @vitest-environment jsdom
import "../jsdom-setup";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
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
  it("E opens it, the title is typed, 3 sets high, Enter saves one undo entry and the walk goes on", () => {
    // given a walkthrough on the first step
    const { editor, workshop } = renderWorkshop(branchingMap(), <WorkshopLayer />);
    key("w");
    expect(workshop.getState().walkthrough.active).toBe(true);
    // when
    key("e");
    const input = screen.getByPlaceholderText("What breaks here?");
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: "Nobody owns the callback" } });
    key("3", input);
    expect(screen.getByRole("radio", { name: /High/ }).getAttribute("aria-checked")).toBe("true");
    expect((input as HTMLInputElement).value).toBe("Nobody owns the callback");
    key("Enter", input);
    // then
    const saved = editor.getState().map.handoffs[0]?.edgeCases.at(-1);
    expect(saved).toMatchObject({
      title: "Nobody owns the callback",
      severity: "high",
      status: "open",
      votes: 0,
    });
    expect(editor.getState().history.past).toHaveLength(1);
    expect(screen.queryByPlaceholderText("What breaks here?")).toBeNull();
    expect(workshop.getState().walkthrough.active).toBe(true);
    // the cursor is on the new edge case, so + votes for it at once
    key("+");
    expect(editor.getState().map.handoffs[0]?.edgeCases.at(-1)?.votes).toBe(1);
    // undo takes the vote, then the capture, one at a time
    act(() => editor.getState().undo());
    act(() => editor.getState().undo());
    expect(editor.getState().map.handoffs[0]?.edgeCases).toHaveLength(1);
    act(() => editor.getState().redo());
    expect(editor.getState().map.handoffs[0]?.edgeCases.at(-1)?.title).toBe("Nobody owns the callback");
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

describe("walkthrough keys", () => {
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
