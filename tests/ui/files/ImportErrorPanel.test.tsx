// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ImportErrorPanel } from "../../../src/ui/files/ImportErrorPanel";

afterEach(cleanup);

describe("ImportErrorPanel", () => {
  it("lists each problem with its path and value, and says the open map is unchanged", () => {
    render(
      <ImportErrorPanel
        problem={{
          source: "broken.json",
          errors: [
            { path: "handoffs[3] (h4).to", message: 'no step with id "discovry"' },
            { path: "steps[0] (s1).kind", message: 'must be one of "start", "task"; got "meeting"' },
          ],
        }}
        onClose={() => undefined}
      />,
    );
    const dialog = screen.getByRole("alertdialog", { name: "Could not import broken.json" });
    expect(dialog.textContent).toContain(
      "2 problems found. Nothing was imported and the open map is unchanged.",
    );
    const items = within(screen.getByRole("list", { name: "Problems" })).getAllByRole("listitem");
    expect(items.map((li) => li.textContent)).toEqual([
      'handoffs[3] (h4).to: no step with id "discovry"',
      'steps[0] (s1).kind: must be one of "start", "task"; got "meeting"',
    ]);
  });

  it("says when the file comes from a newer Handoff", () => {
    render(
      <ImportErrorPanel
        problem={{
          source: "future.json",
          errors: [
            {
              path: "version",
              message: "made by a newer version of Handoff (format v3); this version reads v1",
            },
          ],
        }}
        onClose={() => undefined}
      />,
    );
    expect(screen.getByRole("alertdialog").textContent).toContain("made by a newer version of Handoff");
  });

  it("shows user text as text, never as markup", () => {
    render(
      <ImportErrorPanel
        problem={{
          source: "<img src=x onerror=alert(1)>.json",
          errors: [{ path: "", message: "<b>bold</b>" }],
        }}
        onClose={() => undefined}
      />,
    );
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector("b")).toBeNull();
    expect(screen.getByRole("listitem").textContent).toBe("<b>bold</b>");
  });

  it("closes with the button and with Escape; the close button has focus", () => {
    const onClose = vi.fn();
    render(
      <ImportErrorPanel
        problem={{ source: "x.json", errors: [{ path: "", message: "empty" }] }}
        onClose={onClose}
      />,
    );
    const close = screen.getByRole("button", { name: "Close" });
    expect(document.activeElement).toBe(close);
    fireEvent.click(close);
    fireEvent.keyDown(screen.getByRole("alertdialog"), { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it("caps a very long list and points to the CLI for the rest", () => {
    const errors = Array.from({ length: 250 }, (_, i) => ({
      path: `steps[${i}].label`,
      message: "must not be blank",
    }));
    render(<ImportErrorPanel problem={{ source: "many.json", errors }} onClose={() => undefined} />);
    expect(screen.getAllByRole("listitem")).toHaveLength(200);
    expect(screen.getByText(/and 50 more/)).toBeTruthy();
  });
});
