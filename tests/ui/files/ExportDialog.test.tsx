// @vitest-environment jsdom
import "../jsdom-setup";
import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { layoutForPositions } from "../../../src/layout/layout-map";
import { createRevOpsTemplate } from "../../../src/model/templates";
import { createEditorStore, type LayoutRunner } from "../../../src/store/editor-store";
import { ExportButton } from "../../../src/ui/files/ExportButton";
import { DEFAULT_CHOICE } from "../../../src/ui/files/export-choice";
import { renderWithStore } from "../inspector/render-editor";

const downloads = vi.hoisted(() => [] as { name: string; blob: Blob }[]);
vi.mock("../../../src/ui/files/download", () => ({
  downloadBlob: (blob: Blob, name: string) => downloads.push({ name, blob }),
  downloadText: () => undefined,
}));

const KEY = "handoff.export-choice.v1";
/** A layout that never arrives: the map is "still being laid out" for the whole test. */
const pending: LayoutRunner = () => new Promise(() => undefined);

function given(runLayout: LayoutRunner = pending) {
  const store = createEditorStore({ map: createRevOpsTemplate(), runLayout });
  const rendered = renderWithStore(<ExportButton />, store);
  return { ...rendered, exportButton: screen.getByRole("button", { name: "Export" }) };
}

async function open(user: ReturnType<typeof given>["user"], exportButton: HTMLElement) {
  await user.click(exportButton);
  return screen.getByRole("dialog", { name: "Export" });
}

beforeEach(() => {
  localStorage.clear();
  downloads.length = 0;
});
afterEach(() => {
  localStorage.clear();
});

describe("the Export dialog", () => {
  it("given no earlier export, when Export is pressed, then the dialog opens on the default format with focus on it", async () => {
    const { user, exportButton } = given();
    expect(exportButton.getAttribute("aria-haspopup")).toBe("dialog");
    const dialog = await open(user, exportButton);
    const pdf = within(dialog).getByRole("radio", { name: "PDF document" });
    expect(DEFAULT_CHOICE.format).toBe("pdf");
    expect((pdf as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement).toBe(pdf);
    // Every format of the export table is offered.
    const formats = within(dialog)
      .getAllByRole("radio")
      .map((radio) => radio.getAttribute("value"));
    expect(formats).toEqual(["svg", "png", "pdf", "json", "md", "csv", "contracts-csv", "bpmn"]);
  });

  it("shows only the options the chosen format takes, each with a label", async () => {
    const { user, exportButton } = given();
    const dialog = await open(user, exportButton);
    const has = (role: "combobox" | "checkbox" | "group", name: string | RegExp) =>
      within(dialog).queryAllByRole(role, { name }).length > 0;

    // PDF: theme, page size, orientation, parts, lanes, slides; no scale.
    expect(has("combobox", "Theme")).toBe(true);
    expect(has("combobox", "Page size")).toBe(true);
    expect(has("combobox", "Orientation")).toBe(true);
    expect(has("combobox", "Scale")).toBe(false);
    expect(has("group", "Parts")).toBe(true);
    expect(has("group", "Lanes")).toBe(true);
    expect(has("checkbox", /^Slides/)).toBe(true);
    expect(within(dialog).getByRole("figure")).toBeTruthy();

    // PNG: scale, no paper.
    await user.click(within(dialog).getByRole("radio", { name: "PNG image" }));
    expect(has("combobox", "Scale")).toBe(true);
    expect(has("combobox", "Page size")).toBe(false);

    // Slides: a deck has its own paper, parts and pixel size.
    await user.click(within(dialog).getByRole("checkbox", { name: /^Slides/ }));
    expect(has("combobox", "Scale")).toBe(false);
    expect(has("group", "Parts")).toBe(false);
    expect(has("group", "Lanes")).toBe(true);

    // A list: no drawing options and no thumbnail, and what the file holds is said.
    await user.click(within(dialog).getByRole("radio", { name: "CSV register" }));
    for (const name of ["Theme", "Page size", "Orientation", "Scale"])
      expect(has("combobox", name)).toBe(false);
    expect(has("group", "Parts")).toBe(false);
    expect(has("group", "Lanes")).toBe(false);
    expect(has("checkbox", /^Slides/)).toBe(false);
    expect(within(dialog).queryByRole("figure")).toBeNull();
    expect(dialog.textContent).toContain("one row per edge case");
    expect(dialog.textContent).toContain("No drawing options");
  });

  it("keeps Tab inside, closes on Escape and gives focus back to the Export button", async () => {
    const { user, exportButton } = given();
    const dialog = await open(user, exportButton);
    const first = document.activeElement;
    await user.keyboard("{Shift>}{Tab}{/Shift}");
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Export" }));
    await user.tab();
    expect(document.activeElement).toBe(first);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(exportButton);
  });

  it("given the diagram still being laid out, when a picture is exported, then it says so and exports nothing", async () => {
    const { user, exportButton, store } = given();
    await open(user, exportButton);
    await user.keyboard("{Enter}");
    expect(store.getState().notice?.text).toBe("The diagram is still being laid out; try again in a moment.");
    expect(downloads).toEqual([]);
    expect(screen.getByRole("dialog", { name: "Export" })).toBeTruthy();
  });

  it("given a failed layout, when a picture is exported, then it names the failure and what still works", async () => {
    const { user, exportButton, store } = given(async () => ({ ok: false, error: "boom" }));
    await expect.poll(() => store.getState().layoutError).not.toBeNull();
    await open(user, exportButton);
    await user.keyboard("{Enter}");
    expect(store.getState().notice?.text).toMatch(
      /^The diagram could not be laid out \(.*boom.*\).*Export JSON, CSV or Markdown/,
    );
  });

  it("given the last export was the CSV register, when Export then Enter, then it is exported again, no layout needed", async () => {
    localStorage.setItem(KEY, JSON.stringify({ ...DEFAULT_CHOICE, format: "csv" }));
    const { user, exportButton } = given();
    const dialog = await open(user, exportButton);
    expect((within(dialog).getByRole("radio", { name: "CSV register" }) as HTMLInputElement).checked).toBe(
      true,
    );
    await user.keyboard("{Enter}");
    await expect.poll(() => downloads.length).toBe(1);
    expect(downloads[0]?.name).toBe("RevOps customer lifecycle.csv");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(JSON.parse(localStorage.getItem(KEY) ?? "{}").format).toBe("csv");
  });

  it("given a laid-out map, when the SVG is exported, then its file is named after the map and the choice is kept", async () => {
    const { user, exportButton, store } = given(async (m) => ({ ok: true, layout: layoutForPositions(m) }));
    await expect.poll(() => store.getState().layout !== null).toBe(true);
    const dialog = await open(user, exportButton);
    await user.click(within(dialog).getByRole("radio", { name: "SVG image" }));
    await user.click(within(dialog).getByRole("button", { name: "Export" }));
    await expect.poll(() => downloads.length).toBe(1);
    expect(downloads[0]?.name).toBe("RevOps customer lifecycle.svg");
    expect(JSON.parse(localStorage.getItem(KEY) ?? "{}").format).toBe("svg");
  });
});
