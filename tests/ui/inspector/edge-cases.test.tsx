// @vitest-environment jsdom
import "../jsdom-setup";
import { act, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { EdgeCase } from "../../../src/model/types";
import type { EditorStore } from "../../../src/store/editor-store";
import { Inspector } from "../../../src/ui/inspector/Inspector";
import { makeStore, renderWithStore } from "./render-editor";

function edgeCasesOf(store: EditorStore, handoffId: string): EdgeCase[] {
  const handoff = store.getState().map.handoffs.find((h) => h.id === handoffId);
  if (handoff === undefined) throw new Error(`no handoff ${handoffId}`);
  return handoff.edgeCases;
}

/** Opens an edge case's summary row ("EC-6 High Inbound demo…") to edit it. */
async function openRow(user: { click: (element: Element) => Promise<void> }, label: string) {
  await user.click(screen.getByRole("button", { name: new RegExp(`^${label} `), expanded: false }));
  return screen.getByRole("group", { name: new RegExp(`^${label}`) });
}

function renderHandoff(handoffId: string) {
  const store = makeStore();
  const result = renderWithStore(<Inspector />, store);
  act(() => store.getState().select({ handoffs: [handoffId] }));
  return result;
}

describe("Inspector: a handoff", () => {
  it("shows its label, its two ends by name and its edge cases with their map-wide numbers", () => {
    renderHandoff("h3");
    expect(
      screen.getByRole("heading", {
        name: "Lead enrichment and routing → Cold outreach and inbound qualification",
      }),
    ).toBeDefined();
    expect(screen.getByLabelText("Label")).toHaveProperty("value", "routed lead");
    // One summary line each, closed: number, severity, title, status, owner, votes.
    expect(edgeCaseGroups()).toHaveLength(0);
    const rows = screen.getAllByRole("button", { expanded: false }).map((row) => row.textContent);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^▸\s*EC-3 Critical .+ Open/);
    expect(rows[1]).toMatch(/^▸\s*EC-4 Medium .+ Open/);
    expect(rows[2]).toMatch(/^▸\s*EC-5 Medium .+ Mitigated/);
  });

  it("opens a summary row to edit its fields, and closes it again", async () => {
    const { user } = renderHandoff("h3");
    const group = await openRow(user, "EC-4");
    expect(group.querySelector("legend")?.textContent).toBe("EC-4MediumOpen");
    expect(within(group).getByLabelText("Title")).toBeDefined();
    const row = screen.getByRole("button", { name: /^EC-4 /, expanded: true });
    expect(row.getAttribute("aria-controls")).toBe(group.id);
    await user.click(row);
    expect(edgeCaseGroups()).toHaveLength(0);
  });

  it("suggests the owners already used in the map, once each whatever their case", async () => {
    const { store, user } = renderHandoff("h4");
    const group = await openRow(user, "EC-6");
    const owner = within(group).getByLabelText("Owner") as HTMLInputElement;
    const list = document.getElementById(owner.getAttribute("list") ?? "");
    const owners = [...(list?.querySelectorAll("option") ?? [])].map((option) => option.value);
    expect(owners).toContain("SDR team lead");
    expect(new Set(owners.map((o) => o.toLowerCase())).size).toBe(owners.length);
    // an owner written in another case is not offered twice
    await user.clear(owner);
    await user.type(owner, "sdr TEAM lead");
    await user.tab();
    const after = [...(list?.querySelectorAll("option") ?? [])].map((option) => option.value);
    expect(after.filter((o) => o.toLowerCase() === "sdr team lead")).toHaveLength(1);
    expect(store.getState().history.past).toHaveLength(1);
  });

  it("adds an edge case whose title is ready to type over (do, undo, redo)", async () => {
    const { store, user } = renderHandoff("h4");
    const before = store.getState().map;
    await user.click(screen.getByRole("button", { name: "Add edge case" }));

    // The template holds EC-1..EC-17: a new edge case is the highest + 1, wherever it is added.
    const group = screen.getByRole("group", { name: /^EC-18/ });
    const title = within(group).getByLabelText("Title");
    expect(document.activeElement).toBe(title);
    await user.keyboard("Duplicate lead created by a second form");
    await user.tab();

    const added = edgeCasesOf(store, "h4")[1];
    expect(added).toMatchObject({
      title: "Duplicate lead created by a second form",
      severity: "medium",
      status: "open",
      votes: 0,
    });
    expect(store.getState().history.past).toHaveLength(2);

    act(() => store.getState().undo());
    expect(edgeCasesOf(store, "h4")[1]?.title).toBe("New edge case");
    act(() => store.getState().undo());
    expect(store.getState().map).toBe(before);
    expect(screen.queryByRole("group", { name: /^EC-18/ })).toBeNull();
    act(() => store.getState().redo());
    act(() => store.getState().redo());
    expect(edgeCasesOf(store, "h4")[1]?.title).toBe("Duplicate lead created by a second form");
  });

  it("edits every field of an edge case, each field edit one undo entry", async () => {
    const { store, user } = renderHandoff("h4");
    const group = await openRow(user, "EC-6");
    await user.selectOptions(within(group).getByLabelText("Severity"), "Critical");
    await user.selectOptions(within(group).getByLabelText("Status"), "Accepted");
    await user.clear(within(group).getByLabelText("Owner"));
    await user.type(within(group).getByLabelText("Owner"), "Head of SDR");
    await user.tab();
    await user.type(within(group).getByLabelText("Description"), "Seen twice last quarter.");
    await user.tab();
    await user.type(within(group).getByLabelText("Mitigation"), " Page the team lead.");
    await user.tab();
    await user.type(within(group).getByLabelText("Due"), "2026-03-31");
    await user.tab();

    const edited = edgeCasesOf(store, "h4")[0];
    expect(edited).toMatchObject({
      severity: "critical",
      status: "accepted",
      owner: "Head of SDR",
      due: "2026-03-31",
    });
    expect(edited?.description.endsWith("Seen twice last quarter.")).toBe(true);
    expect(edited?.mitigation.endsWith(" Page the team lead.")).toBe(true);
    // severity, status, owner (clear + type is one field edit), description, mitigation, due
    expect(store.getState().history.past).toHaveLength(6);

    await user.clear(within(group).getByLabelText("Due"));
    await user.tab();
    expect(edgeCasesOf(store, "h4")[0]?.due).toBeUndefined();

    act(() => store.getState().undo());
    expect(edgeCasesOf(store, "h4")[0]?.due).toBe("2026-03-31");
    for (let i = 0; i < 6; i++) act(() => store.getState().undo());
    expect(edgeCasesOf(store, "h4")[0]).toMatchObject({
      severity: "high",
      status: "open",
      owner: "SDR team lead",
    });
    expect(within(group).getByLabelText("Severity")).toHaveProperty("value", "high");
  });

  it("refuses a blank edge-case title inline", async () => {
    const { store, user } = renderHandoff("h4");
    const group = await openRow(user, "EC-6");
    await user.clear(within(group).getByLabelText("Title"));
    expect(within(group).getByRole("alert").textContent).toBe("Title must not be blank");
    expect(edgeCasesOf(store, "h4")[0]?.title).toBe(
      "Inbound demo request not followed up within the response SLA",
    );
  });

  it("votes up and down, one entry per press, never below zero", async () => {
    const { store, user } = renderHandoff("h4");
    await openRow(user, "EC-6");
    const title = "Inbound demo request not followed up within the response SLA";
    const down = screen.getByRole("button", { name: `Remove a vote from ${title}` });
    expect(down).toHaveProperty("disabled", true);
    await user.click(screen.getByRole("button", { name: `Add a vote to ${title}` }));
    await user.click(screen.getByRole("button", { name: `Add a vote to ${title}` }));
    await user.click(down);
    expect(edgeCasesOf(store, "h4")[0]?.votes).toBe(1);
    expect(screen.getByLabelText(`Votes for ${title}`).textContent).toBe("1");
    expect(store.getState().history.past).toHaveLength(3);
    act(() => store.getState().undo());
    expect(edgeCasesOf(store, "h4")[0]?.votes).toBe(2);
    act(() => store.getState().redo());
    expect(edgeCasesOf(store, "h4")[0]?.votes).toBe(1);
  });

  it("deletes an edge case by its named button (do, undo, redo)", async () => {
    const { store, user } = renderHandoff("h3");
    const before = edgeCasesOf(store, "h3");
    await openRow(user, "EC-4");
    await user.click(
      screen.getByRole("button", {
        name: "Delete edge case Territory rules out of date after a sales reorganisation",
      }),
    );
    expect(edgeCasesOf(store, "h3").map((e) => e.id)).toEqual(["ec3", "ec5"]);
    expect(screen.getAllByRole("button", { expanded: false })).toHaveLength(2);

    act(() => store.getState().undo());
    expect(edgeCasesOf(store, "h3")).toEqual(before);
    expect(screen.getAllByRole("button", { expanded: false })).toHaveLength(3);
    act(() => store.getState().redo());
    expect(edgeCasesOf(store, "h3").map((e) => e.id)).toEqual(["ec3", "ec5"]);
  });

  it("edits the handoff's label as one entry", async () => {
    const { store, user } = renderHandoff("h1");
    await user.type(screen.getByLabelText("Label"), " online");
    await user.tab();
    expect(store.getState().map.handoffs[0]?.label).toBe("form submitted online");
    expect(store.getState().history.past).toHaveLength(1);
    expect(screen.getByText(/No edge cases on this handoff yet/)).toBeDefined();
  });
});

describe("Inspector: focus after adding", () => {
  it("focuses a new edge case once; a redo that brings it back leaves focus alone", async () => {
    const store = makeStore();
    const { user } = renderWithStore(
      <>
        <button type="button">Canvas</button>
        <Inspector />
      </>,
      store,
    );
    act(() => store.getState().select({ handoffs: ["h4"] }));
    await user.click(screen.getByRole("button", { name: "Add edge case" }));
    expect(document.activeElement).toBe(
      within(screen.getByRole("group", { name: /^EC-18/ })).getByLabelText("Title"),
    );
    await user.click(screen.getByRole("button", { name: "Canvas" }));
    act(() => store.getState().undo());
    act(() => store.getState().redo());
    expect(screen.getByRole("button", { name: /^EC-18 /, expanded: false })).toBeDefined();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Canvas" }));
  });
});

/** The open edge-case editors (fieldsets); the Contract section's "Required data" group is not one. */
function edgeCaseGroups(): HTMLElement[] {
  return screen.queryAllByRole("group").filter((group) => !group.classList.contains("hf-contract__data"));
}
