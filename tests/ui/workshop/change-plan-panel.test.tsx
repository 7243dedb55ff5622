// @vitest-environment jsdom
import "../jsdom-setup";
import { act, fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChangePlanSlot } from "../../../src/ui/workshop/ChangePlanPanel";
import { WorkshopLayer } from "../../../src/ui/workshop/Workshop";
import { WorkshopToolbar } from "../../../src/ui/workshop/WorkshopToolbar";
import { wsEdgeCase, wsHandoff, wsMap, wsStep } from "../../fixtures/workshop-fixtures";
import { renderWorkshop } from "./harness";

function planMap() {
  return wsMap(
    [wsStep("a", { label: "Quote" }), wsStep("b", { label: "Order" })],
    [
      wsHandoff("h", "a", "b", [
        wsEdgeCase("x", { title: "Discount not approved", owner: "Deal desk", due: "2026-03-31", votes: 2 }),
        wsEdgeCase("y", { title: "Nobody checks the PO" }),
        wsEdgeCase("z", { title: "Fixed already", owner: "Deal desk", status: "mitigated" }),
      ]),
    ],
  );
}

describe("Change plan panel and workshop toolbar", () => {
  afterEach(() => vi.restoreAllMocks());

  it("opens from the toolbar and groups by owner, Unassigned first", () => {
    renderWorkshop(
      planMap(),
      <>
        <WorkshopToolbar />
        <ChangePlanSlot />
        <WorkshopLayer />
      </>,
    );
    for (const name of ["Walk through", "Present", "Change plan", "Timer"])
      expect(screen.getByRole("button", { name })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Change plan" }));
    const panel = screen.getByTestId("change-plan");
    const groups = within(panel).getAllByRole("heading", { level: 3 });
    expect(groups.map((g) => g.textContent)).toEqual(["Unassigned 1", "Deal desk 1"]);
    expect(within(panel).getByLabelText("Due date of EC-1")).toHaveProperty("value", "2026-03-31");
    expect(panel.textContent).not.toContain("Fixed already");
    fireEvent.click(screen.getByRole("button", { name: "Close change plan" }));
    expect(screen.queryByTestId("change-plan")).toBeNull();
  });

  it("downloads the ranked backlog as CSV and the plan as Markdown", async () => {
    const blobs: Blob[] = [];
    const names: string[] = [];
    vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return "blob:test";
    });
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const { editor } = renderWorkshop(planMap(), <ChangePlanSlot />);
    act(() => editor.getState().togglePanel("changePlan", true));
    fireEvent.click(screen.getByRole("button", { name: "Ranked backlog (CSV)" }));
    fireEvent.click(screen.getByRole("button", { name: "Download change plan (Markdown)" }));
    expect(names).toEqual(["Workshop test map - ranked backlog.csv", "Workshop test map - change plan.md"]);
    const csv = await (blobs[0] as Blob).text();
    const lines = csv.split("\r\n");
    expect(lines[1]).toContain('"Discount not approved"');
    expect(lines[2]).toContain('"Nobody checks the PO"');
    expect(await (blobs[1] as Blob).text()).toContain("## Unassigned");
  });

  it("given a click on a card, then its handoff is selected and the canvas is asked to show it", () => {
    const { editor } = renderWorkshop(planMap(), <ChangePlanSlot />);
    act(() => editor.getState().togglePanel("changePlan", true));
    const card = screen.getAllByTestId("plan-card").find((c) => c.textContent?.includes("Nobody checks"));
    fireEvent.click(card?.querySelector(".hf-plan__mitigation") as Element);
    expect(editor.getState().selection.handoffs).toEqual(["h"]);
    expect(editor.getState().focusRequest).toMatchObject({ kind: "handoff", id: "h" });
    // The title is the keyboard path to the same thing.
    act(() => editor.getState().select({ handoffs: [] }));
    fireEvent.click(screen.getByRole("button", { name: "Nobody checks the PO" }));
    expect(editor.getState().selection.handoffs).toEqual(["h"]);
  });

  it("given an owner typed on a card, then Enter files it under that owner as one undo entry, focus kept", async () => {
    const user = userEvent.setup();
    const { editor } = renderWorkshop(planMap(), <ChangePlanSlot />);
    act(() => editor.getState().togglePanel("changePlan", true));
    const owner = screen.getByLabelText("Owner of EC-2");
    await user.click(owner);
    await user.keyboard("deal Desk{Enter}");
    // Typing did not regroup letter by letter; Enter did, case-insensitively with "Deal desk".
    const groups = screen.getAllByRole("heading", { level: 3 }).map((g) => g.textContent);
    expect(groups).toEqual(["Deal desk 2"]);
    expect(document.activeElement).toBe(screen.getByLabelText("Owner of EC-2"));
    expect(editor.getState().history.past).toHaveLength(1);
    act(() => editor.getState().undo());
    expect(screen.getAllByRole("heading", { level: 3 }).map((g) => g.textContent)).toEqual([
      "Unassigned 1",
      "Deal desk 1",
    ]);
  });

  it("given Escape in the owner field, then the typed owner is dropped", async () => {
    const user = userEvent.setup();
    const { editor } = renderWorkshop(planMap(), <ChangePlanSlot />);
    act(() => editor.getState().togglePanel("changePlan", true));
    await user.click(screen.getByLabelText("Owner of EC-2"));
    await user.keyboard("Finance{Escape}");
    await user.tab();
    expect(editor.getState().history.past).toHaveLength(0);
    expect(screen.getByLabelText("Owner of EC-2")).toHaveProperty("value", "");
  });

  it("given a due date set on a card, then the edge case has it, and clearing it removes it", () => {
    const { editor } = renderWorkshop(planMap(), <ChangePlanSlot />);
    act(() => editor.getState().togglePanel("changePlan", true));
    const due = screen.getByLabelText("Due date of EC-2");
    fireEvent.change(due, { target: { value: "2027-01-15" } });
    const ec = () => editor.getState().map.handoffs[0]?.edgeCases.find((e) => e.id === "y");
    expect(ec()?.due).toBe("2027-01-15");
    fireEvent.change(screen.getByLabelText("Due date of EC-2"), { target: { value: "" } });
    expect(ec()?.due).toBeUndefined();
  });

  it("given the Ranked backlog tab, then open edge cases show by votes with their numbers, and a vote re-ranks", () => {
    const { editor } = renderWorkshop(planMap(), <ChangePlanSlot />);
    act(() => editor.getState().togglePanel("changePlan", true));
    fireEvent.click(screen.getByRole("tab", { name: "Ranked backlog" }));
    const entries = () =>
      screen.getAllByTestId("backlog-entry").map((e) => e.querySelector(".hf-plan__number")?.textContent);
    expect(entries()).toEqual(["EC-1", "EC-2"]);
    const vote = screen.getByRole("button", { name: "Add a vote to Nobody checks the PO" });
    fireEvent.click(vote);
    fireEvent.click(vote);
    fireEvent.click(vote);
    expect(entries()).toEqual(["EC-2", "EC-1"]);
    expect(screen.getByRole("status", { name: "Votes for Nobody checks the PO" }).textContent).toBe("3");
    fireEvent.click(screen.getByRole("button", { name: "Discount not approved" }));
    expect(editor.getState().focusRequest).toMatchObject({ kind: "handoff", id: "h" });
  });
});
