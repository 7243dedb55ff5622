// @vitest-environment jsdom
import "../jsdom-setup";
import { act, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createBlankTemplate } from "../../../src/model/templates";
import type { EditorStore } from "../../../src/store/editor-store";
import { Inspector } from "../../../src/ui/inspector/Inspector";
import { RegisterPanel } from "../../../src/ui/register/RegisterPanel";
import { makeStore, renderWithStore } from "../inspector/render-editor";

function openRegister(store: EditorStore = makeStore(), ui = <RegisterPanel />) {
  const result = renderWithStore(ui, store);
  act(() => store.getState().togglePanel("register", true));
  return result;
}

/** The number column of each body row, top to bottom. */
function numbers(): string[] {
  const table = screen.getByRole("table");
  const body = within(table).getAllByRole("rowgroup")[1];
  if (body === undefined) throw new Error("no table body");
  return within(body)
    .getAllByRole("row")
    .map((row) => row.querySelector("td")?.textContent ?? "");
}

function header(name: string): HTMLElement {
  return screen.getByRole("columnheader", { name: new RegExp(`^${name}`) });
}

describe("RegisterPanel", () => {
  it("is shown only while the register panel is open, and closes itself", async () => {
    const store = makeStore();
    const { user } = renderWithStore(<RegisterPanel />, store);
    expect(screen.queryByRole("region", { name: "Edge cases" })).toBeNull();
    act(() => store.getState().togglePanel("register"));
    expect(screen.getByRole("region", { name: "Edge cases" })).toBeDefined();
    await user.click(screen.getByRole("button", { name: "Close edge cases" }));
    expect(store.getState().panels.has("register")).toBe(false);
    expect(screen.queryByRole("region", { name: "Edge cases" })).toBeNull();
  });

  it("lists all 17 edge cases of the template with number, handoff, title, severity, status, owner, votes", () => {
    openRegister();
    expect(numbers()).toEqual(Array.from({ length: 17 }, (_, i) => `EC-${i + 1}`));
    expect(screen.getByText("17 edge cases")).toBeDefined();
    const first = screen.getAllByRole("row")[1];
    if (first === undefined) throw new Error("no first row");
    const cells = within(first)
      .getAllByRole("cell")
      .map((cell) => cell.textContent);
    expect(cells.slice(0, 6)).toEqual([
      "EC-1",
      "Lead capture → Lead enrichment and routing",
      "Lead already exists as an open opportunity",
      "High",
      "Open",
      "Marketing Ops",
    ]);
    expect(
      within(first).getByLabelText("Votes for Lead already exists as an open opportunity").textContent,
    ).toBe("0");
  });

  it("filters by severity, status and lane (either end), and clears the filters", async () => {
    const { user } = openRegister();
    await user.selectOptions(screen.getByLabelText("Severity"), "Critical");
    expect(numbers()).toEqual(["EC-3", "EC-10", "EC-12"]);
    expect(screen.getByText("3 of 17 shown")).toBeDefined();

    await user.selectOptions(screen.getByLabelText("Severity"), "All severities");
    await user.selectOptions(screen.getByLabelText("Status"), "Mitigated");
    expect(numbers()).toEqual(["EC-5", "EC-13"]);

    await user.selectOptions(screen.getByLabelText("Status"), "All statuses");
    await user.selectOptions(screen.getByLabelText("Lane"), "Deal Desk");
    // Close plan (Sales) → Deal desk, and Deal desk → Order management (Finance)
    expect(numbers()).toEqual(["EC-10", "EC-11", "EC-12", "EC-13"]);

    await user.selectOptions(screen.getByLabelText("Severity"), "Critical");
    expect(numbers()).toEqual(["EC-10", "EC-12"]);

    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(numbers()).toHaveLength(17);
  });

  it("says so when the filters match nothing", async () => {
    const { user } = openRegister();
    await user.selectOptions(screen.getByLabelText("Lane"), "Marketing");
    await user.selectOptions(screen.getByLabelText("Status"), "Mitigated");
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.getByText("No edge cases match these filters.")).toBeDefined();
  });

  it("has an empty state for a map without edge cases", () => {
    openRegister(makeStore(createBlankTemplate()));
    expect(screen.getByText(/No edge cases yet/)).toBeDefined();
  });

  it("sorts by each column, with aria-sort on the sorted header", async () => {
    const { user } = openRegister();
    expect(header("No.").getAttribute("aria-sort")).toBe("ascending");

    await user.click(screen.getByRole("button", { name: /^No\./ }));
    expect(header("No.").getAttribute("aria-sort")).toBe("descending");
    expect(numbers()[0]).toBe("EC-17");

    await user.click(screen.getByRole("button", { name: /^Handoff/ }));
    expect(header("Handoff").getAttribute("aria-sort")).toBe("ascending");
    expect(header("No.").getAttribute("aria-sort")).toBeNull();
    expect(numbers()[0]).toBe("EC-6"); // "Cold outreach and inbound qualification → ..."

    await user.click(screen.getByRole("button", { name: /^Title/ }));
    expect(numbers()[0]).toBe("EC-7"); // "Account executive rejects the meeting..."

    await user.click(screen.getByRole("button", { name: /^Severity/ }));
    expect(header("Severity").getAttribute("aria-sort")).toBe("descending");
    expect(numbers().slice(0, 3)).toEqual(["EC-3", "EC-10", "EC-12"]);
    expect(numbers().slice(-2)).toEqual(["EC-2", "EC-16"]);

    await user.click(screen.getByRole("button", { name: /^Status/ }));
    expect(numbers().slice(-4)).toEqual(["EC-5", "EC-13", "EC-2", "EC-16"]);

    await user.click(screen.getByRole("button", { name: /^Owner/ }));
    expect(numbers()[0]).toBe("EC-14"); // "Customer success lead"
    await user.click(screen.getByRole("button", { name: /^Owner/ }));
    expect(header("Owner").getAttribute("aria-sort")).toBe("descending");
    expect(numbers()[0]).toBe("EC-7"); // "VP Sales"

    await user.click(
      screen.getByRole("button", { name: "Add a vote to Health score built on stale usage data" }),
    );
    await user.click(screen.getByRole("button", { name: /^Votes/ }));
    expect(header("Votes").getAttribute("aria-sort")).toBe("descending");
    expect(numbers()[0]).toBe("EC-16");
    await user.click(screen.getByRole("button", { name: /^Votes/ }));
    expect(numbers().at(-1)).toBe("EC-16");
  });

  it("votes from the register without selecting the row; one undo entry per press", async () => {
    const { store, user } = openRegister();
    const title = "Discount beyond the approval matrix";
    await user.click(screen.getByRole("button", { name: `Add a vote to ${title}` }));
    await user.click(screen.getByRole("button", { name: `Add a vote to ${title}` }));
    expect(screen.getByLabelText(`Votes for ${title}`).textContent).toBe("2");
    expect(store.getState().selection.handoffs).toEqual([]);
    expect(store.getState().history.past).toHaveLength(2);
    act(() => store.getState().undo());
    expect(screen.getByLabelText(`Votes for ${title}`).textContent).toBe("1");
  });

  it("clicking a row selects its handoff and asks the canvas to bring it into view", async () => {
    const { store, user } = openRegister();
    const row = screen.getAllByRole("row").find((r) => r.textContent?.startsWith("EC-4"));
    if (row === undefined) throw new Error("no EC-4 row");
    await user.click(within(row).getAllByRole("cell")[1] as HTMLElement);
    expect(store.getState().selection.handoffs).toEqual(["h3"]);
    expect(store.getState().focusRequest).toMatchObject({ kind: "handoff", id: "h3" });
    const first = store.getState().focusRequest?.nonce;
    expect(row.getAttribute("aria-current")).toBe("true");

    // The title button is the keyboard path; asking again is a new request.
    within(row)
      .getByRole("button", { name: "Territory rules out of date after a sales reorganisation" })
      .focus();
    await user.keyboard("{Enter}");
    expect(store.getState().focusRequest?.nonce).not.toBe(first);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it("clicking a row opens that edge case in the inspector, and only that one", async () => {
    const store = makeStore();
    const { user } = openRegister(
      store,
      <>
        <RegisterPanel />
        <Inspector />
      </>,
    );
    const handoff = store.getState().map.handoffs.find((h) => h.edgeCases.length > 1);
    if (handoff === undefined) throw new Error("the template has a handoff with two edge cases");
    const [other, wanted] = handoff.edgeCases;
    if (other === undefined || wanted === undefined) throw new Error("two edge cases");
    const row = screen.getAllByRole("row").find((r) => r.getAttribute("data-edge-case") === wanted.id);
    if (row === undefined) throw new Error("no register row");
    await user.click(within(row).getAllByRole("cell")[1] as HTMLElement);

    const inspector = screen.getByRole("region", { name: /→/ });
    const summary = (title: string) =>
      within(inspector)
        .getAllByRole("button", { expanded: true })
        .concat(within(inspector).queryAllByRole("button", { expanded: false }))
        .find((b) => b.getAttribute("title")?.startsWith(title));
    expect(summary(wanted.title)?.getAttribute("aria-expanded")).toBe("true");
    expect(summary(other.title)?.getAttribute("aria-expanded")).toBe("false");
    expect(within(inspector).getByDisplayValue(wanted.title)).toBeDefined();
    // The register keeps the keyboard: the inspector opened the row without taking focus.
    expect(inspector.contains(document.activeElement)).toBe(false);
  });

  it("follows the map: an edge case added in the inspector appears as the next number, and none renumbers", async () => {
    const store = makeStore();
    const { user } = openRegister(
      store,
      <>
        <Inspector />
        <RegisterPanel />
      </>,
    );
    act(() => store.getState().select({ handoffs: ["h3"] }));
    await user.click(screen.getByRole("button", { name: "Add edge case" }));
    await user.keyboard("Routing rule loops between two queues");
    await user.tab();
    expect(numbers()).toHaveLength(18);
    const row = (n: string) =>
      screen.getAllByRole("row").find((r) => r.querySelector("td")?.textContent === n);
    expect(row("EC-18")?.textContent).toContain("Routing rule loops between two queues");
    // EC-6 is still the edge case it was: numbers are stored, not counted in map order.
    expect(row("EC-6")?.textContent).toContain("Inbound demo request not followed up");
    act(() => store.getState().undo());
    act(() => store.getState().undo());
    expect(numbers()).toHaveLength(17);
  });
});
