// @vitest-environment jsdom
import "../jsdom-setup";
import { act, fireEvent, screen, within } from "@testing-library/react";
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
    expect(panel.textContent).toContain("Due 2026-03-31");
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
});
