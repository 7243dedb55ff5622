// @vitest-environment jsdom
import "../jsdom-setup";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { PresenterCard } from "../../../src/ui/workshop/PresenterCard";
import { wsEdgeCase, wsHandoff, wsMap, wsStep } from "../../fixtures/workshop-fixtures";
import { renderWorkshop } from "./harness";

describe("PresenterCard", () => {
  it("shows the step, its lane, owner, systems, description and its handoffs with their edge cases", () => {
    // given the template, walked to the third step (lead enrichment and routing)
    const { workshop } = renderWorkshop(createRevOpsTemplate(), <PresenterCard />);
    act(() => {
      workshop.getState().startWalkthrough();
      workshop.getState().next();
      workshop.getState().next();
    });
    // then
    const card = screen.getByRole("complementary", { name: "Walkthrough" });
    expect(within(card).getByRole("heading", { level: 2 }).textContent).toBe("Lead enrichment and routing");
    expect(card.textContent).toContain("Step 3 of");
    expect(card.textContent).toContain("Marketing Ops / RevOps");
    expect(card.textContent).toContain("Routing engine");
    expect(card.textContent).toContain("Firmographics are appended");
    expect(within(card).getByRole("heading", { name: "Comes from" })).toBeTruthy();
    expect(within(card).getByRole("heading", { name: "Hands off to" })).toBeTruthy();
    // the nurture loop comes back into this step
    expect(card.textContent).toContain("loops back");
    expect(within(card).getAllByTestId("presenter-edge-case").length).toBeGreaterThan(0);
  });

  it("votes with + and −, one undo entry per vote, never below zero", () => {
    const map = wsMap(
      [wsStep("a", { kind: "start", label: "Start here" }), wsStep("b", { label: "Then here" })],
      [wsHandoff("h", "a", "b", [wsEdgeCase("x", { title: "Lost lead" })])],
    );
    const { editor, workshop } = renderWorkshop(map, <PresenterCard />);
    act(() => workshop.getState().startWalkthrough());
    const add = screen.getByRole("button", { name: "Add a vote to Lost lead" });
    fireEvent.click(add);
    fireEvent.click(add);
    expect(editor.getState().map.handoffs[0]?.edgeCases[0]?.votes).toBe(2);
    expect(editor.getState().history.past).toHaveLength(2);
    act(() => editor.getState().undo());
    expect(editor.getState().map.handoffs[0]?.edgeCases[0]?.votes).toBe(1);
    act(() => editor.getState().redo());
    expect(editor.getState().map.handoffs[0]?.edgeCases[0]?.votes).toBe(2);
    const remove = screen.getByRole("button", { name: "Remove a vote from Lost lead" });
    fireEvent.click(remove);
    fireEvent.click(remove);
    expect(editor.getState().map.handoffs[0]?.edgeCases[0]?.votes).toBe(0);
    expect((remove as HTMLButtonElement).disabled).toBe(true);
  });

  it("moves with its Back and Next buttons", () => {
    const map = wsMap(
      [wsStep("a", { kind: "start", label: "First" }), wsStep("b", { label: "Second" })],
      ["a>b"],
    );
    const { workshop } = renderWorkshop(map, <PresenterCard />);
    act(() => workshop.getState().startWalkthrough());
    expect((screen.getByRole("button", { name: "← Back" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Next →" }));
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe("Second");
    expect((screen.getByRole("button", { name: "Next →" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("renders hostile text as text", () => {
    const hostile = '<img src=x onerror="alert(1)">';
    const map = wsMap(
      [
        wsStep("a", {
          kind: "start",
          label: hostile,
          description: hostile,
          owner: hostile,
          systems: [hostile],
        }),
      ],
      [],
    );
    const { container, workshop } = renderWorkshop(map, <PresenterCard />);
    act(() => workshop.getState().startWalkthrough());
    expect(container.querySelector("img")).toBeNull();
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe(hostile);
  });

  it("says so when the map has no steps", () => {
    const { workshop } = renderWorkshop(wsMap([], []), <PresenterCard />);
    act(() => workshop.getState().startWalkthrough());
    expect(screen.getByText(/no steps to walk through/)).toBeTruthy();
  });
});
