// @vitest-environment jsdom
import "../jsdom-setup";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { HeaderActions, type MenuItem } from "../../../src/ui/canvas/HeaderActions";

function given(items: MenuItem[]) {
  render(<HeaderActions label="Lane actions: Sales" items={items} />);
  return screen.getByRole("button", { name: "Lane actions: Sales" });
}

describe("header actions", () => {
  it("given a closed menu, when its button is pressed, then a menu of that name opens with the first enabled item focused", () => {
    const button = given([
      { label: "Move lane up", onSelect: () => {}, disabled: true },
      { label: "Rename lane", onSelect: () => {} },
    ]);
    expect(button.getAttribute("aria-haspopup")).toBe("menu");
    expect(button.getAttribute("aria-expanded")).toBe("false");

    fireEvent.click(button);

    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByRole("menu", { name: "Lane actions: Sales" })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole("menuitem", { name: "Rename lane" }));
  });

  it("given an open menu, when an item is chosen, then it runs once, the menu closes and focus returns to the button", () => {
    const onSelect = vi.fn();
    const button = given([{ label: "Delete lane", onSelect, danger: true }]);
    fireEvent.click(button);

    fireEvent.click(screen.getByRole("menuitem", { name: "Delete lane" }));

    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("menu")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("given an open menu, when Escape is pressed, then it closes without running anything", () => {
    const onSelect = vi.fn();
    const button = given([{ label: "Rename lane", onSelect }]);
    fireEvent.click(button);

    fireEvent.keyDown(screen.getByRole("menu"), { key: "Escape" });

    expect(onSelect).not.toHaveBeenCalled();
    expect(screen.queryByRole("menu")).toBeNull();
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(button);
  });
});
