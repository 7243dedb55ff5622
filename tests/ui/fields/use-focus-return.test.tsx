// @vitest-environment jsdom
import "../jsdom-setup";
import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { useFocusReturn } from "../../../src/ui/fields/use-focus-return";

function RenameRow() {
  const [open, setOpen] = useState(false);
  const rename = useFocusReturn<HTMLButtonElement>(open);
  return (
    <div>
      {open ? (
        // biome-ignore lint/a11y/noAutofocus: the field opens because Rename was pressed
        <input aria-label="Name" autoFocus onKeyDown={(event) => event.key === "Escape" && setOpen(false)} />
      ) : null}
      <button type="button" ref={rename} onClick={() => setOpen(true)}>
        Rename
      </button>
      <button type="button">Elsewhere</button>
    </div>
  );
}

describe("useFocusReturn", () => {
  it("gives focus back to the opener when the field closes", () => {
    render(<RenameRow />);
    const elsewhere = screen.getByRole("button", { name: "Elsewhere" });
    elsewhere.focus();
    expect(document.activeElement).toBe(elsewhere);

    fireEvent.click(screen.getByRole("button", { name: "Rename" }));
    const field = screen.getByLabelText("Name");
    expect(document.activeElement).toBe(field);
    fireEvent.keyDown(field, { key: "Escape" });
    expect(screen.queryByLabelText("Name")).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Rename" }));
  });
});
