// @vitest-environment jsdom
import "../jsdom-setup";
import { act, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { HelpOverlay } from "../../../src/ui/help/HelpOverlay";
import { formatKeys, MOUSE_GESTURES, SHORTCUT_GROUPS, SHORTCUTS } from "../../../src/ui/help/shortcuts";
import { EDITOR_SHORTCUTS, type KeyLike, resolveShortcut } from "../../../src/ui/keyboard/shortcuts";
import { resolveWorkshopKey, WORKSHOP_SHORTCUTS } from "../../../src/ui/workshop/workshop-shortcuts";
import { makeStore, renderWithStore } from "../inspector/render-editor";

function renderOpen() {
  const store = makeStore();
  const result = renderWithStore(
    <>
      <button type="button">Outside</button>
      <HelpOverlay />
    </>,
    store,
  );
  return result;
}

describe("HelpOverlay", () => {
  it("is not shown until the help panel is opened", () => {
    const { store } = renderOpen();
    expect(screen.queryByRole("dialog")).toBeNull();
    act(() => store.getState().togglePanel("help", true));
    const dialog = screen.getByRole("dialog", { name: "Keyboard shortcuts" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
  });

  it("lists every shortcut with its keys, grouped", () => {
    const { store } = renderOpen();
    act(() => store.getState().togglePanel("help", true));
    const dialog = screen.getByRole("dialog");
    for (const group of SHORTCUT_GROUPS)
      expect(within(dialog).getByRole("heading", { name: group })).toBeDefined();
    for (const shortcut of SHORTCUTS) {
      const actions = within(dialog).getAllByText(shortcut.action);
      const shown = actions.map((action) => action.previousElementSibling?.textContent?.replace(/\s+/g, ""));
      expect(shown).toContain(formatKeys(shortcut.keys).replace(/\s+/g, ""));
    }
  });

  it("lists what the mouse does, reconnecting a selected handoff's end among it", () => {
    const { store } = renderOpen();
    act(() => store.getState().togglePanel("help", true));
    const mouse = within(screen.getByRole("dialog")).getByRole("region", { name: "Mouse" });
    for (const { gesture, action } of MOUSE_GESTURES)
      expect(within(mouse).getByText(action).previousElementSibling?.textContent).toBe(gesture);
    expect(within(mouse).getByText("Reconnect that end").previousElementSibling?.textContent).toMatch(
      /^Select a handoff, then drag/,
    );
  });

  it("moves focus in, keeps it in with Tab and Shift+Tab, and gives it back on Esc", async () => {
    const { store, user } = renderOpen();
    const outside = screen.getByRole("button", { name: "Outside" });
    outside.focus();
    act(() => store.getState().togglePanel("help", true));
    const dialog = screen.getByRole("dialog");
    expect(document.activeElement).toBe(dialog);

    const close = within(dialog).getByRole("button", { name: "Close help" });
    await user.tab();
    expect(document.activeElement).toBe(close);
    await user.tab();
    expect(document.activeElement).toBe(close);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(close);

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(store.getState().panels.has("help")).toBe(false);
    expect(document.activeElement).toBe(outside);
  });

  it("closes with its Close button", async () => {
    const { store, user } = renderOpen();
    act(() => store.getState().togglePanel("help", true));
    await user.click(screen.getByRole("button", { name: "Close help" }));
    expect(store.getState().panels.has("help")).toBe(false);
  });
});

describe("SHORTCUTS", () => {
  it("is the editor's and the workshop's key tables, so the help lists what the keys do", () => {
    expect(SHORTCUTS).toEqual([...EDITOR_SHORTCUTS, ...WORKSHOP_SHORTCUTS]);
  });

  it("covers the editing, history, view and workshop keys the editor binds", () => {
    const all = SHORTCUTS.map((s) => formatKeys(s.keys));
    for (const keys of [
      "Tab",
      "Shift+Tab",
      "Enter or Double-click",
      "← or → or ↑ or ↓",
      "Alt+↑",
      "Alt+↓",
      "Delete or Backspace",
      "Ctrl/Cmd+D",
      "Ctrl/Cmd+C",
      "Ctrl/Cmd+X",
      "Ctrl/Cmd+V",
      "Ctrl/Cmd+A",
      "Ctrl/Cmd+Z",
      "Ctrl/Cmd+Shift+Z or Ctrl+Y",
      "Shift+1",
      "?",
      "W",
      "→ or Space or PageDown",
      "← or PageUp",
      "Home",
      "Esc",
      "E",
      "+ or =",
      "-",
      "Alt+1 or Alt+2 or Alt+3 or Alt+4",
      "F",
    ])
      expect(all).toContain(keys);
    expect(SHORTCUTS.some((s) => s.group === "View" && /fit/i.test(s.action))).toBe(true);
  });

  /** The key event a person makes for a combo ("Shift+1" types "!" on the Digit1 key). */
  function eventFor(combo: readonly string[]): KeyLike {
    const name = combo[combo.length - 1] ?? "";
    const names: Record<string, string> = {
      Esc: "Escape",
      Space: " ",
      "→": "ArrowRight",
      "←": "ArrowLeft",
      "↑": "ArrowUp",
      "↓": "ArrowDown",
    };
    const shift = combo.includes("Shift");
    const digit = /^[0-9]$/.test(name);
    return {
      key: digit && shift ? "!" : (names[name] ?? (name.length === 1 ? name.toLowerCase() : name)),
      code: digit ? `Digit${name}` : "",
      ctrlKey: combo.includes("Mod") || combo.includes("Ctrl"),
      metaKey: false,
      shiftKey: shift || name === "?" || name === "+",
      altKey: combo.includes("Alt"),
    };
  }

  it("every listed key of a bound shortcut runs that shortcut's command", () => {
    for (const shortcut of EDITOR_SHORTCUTS) {
      if (shortcut.command === null) continue;
      for (const combo of shortcut.keys) {
        if (["Click", "Drag", "Double-click"].includes(combo[combo.length - 1] ?? "")) continue;
        expect([formatKeys([combo]), resolveShortcut(eventFor(combo))]).toEqual([
          formatKeys([combo]),
          shortcut.command,
        ]);
      }
    }
    for (const shortcut of WORKSHOP_SHORTCUTS) {
      if (shortcut.command === null) continue;
      for (const combo of shortcut.keys)
        expect([formatKeys([combo]), resolveWorkshopKey(eventFor(combo))]).toEqual([
          formatKeys([combo]),
          shortcut.command,
        ]);
    }
  });
});
