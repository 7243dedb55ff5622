// @vitest-environment jsdom
import "../jsdom-setup";
import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { type KeyCombo, SHORTCUTS } from "../../../src/ui/help/shortcuts";
import { useEditorShortcuts } from "../../../src/ui/keyboard/use-editor-shortcuts";
import { useEditorStoreApi } from "../../../src/ui/store-context";
import { WorkshopLayer } from "../../../src/ui/workshop/Workshop";
import { wsEdgeCase, wsHandoff, wsMap, wsStep } from "../../fixtures/workshop-fixtures";
import { renderWorkshop } from "../workshop/harness";

/**
 * THE guard (isTypingTarget): no shortcut of the editor's or the workshop's key tables acts while
 * focus is in a text field, a text area, a select or a contenteditable element, and what is typed
 * arrives in the field. Every listed key combo is typed into every kind of field. The span inside
 * the contenteditable is the target a click in its text gives (the guard looks up the tree).
 */

function EditorKeys() {
  const store = useEditorStoreApi();
  useEditorShortcuts({
    store,
    canvas: () => document.getElementById("canvas"),
    inspector: () => document.getElementById("inspector"),
  });
  return null;
}

function Fields() {
  return (
    <div>
      <div id="canvas" tabIndex={-1} />
      <input aria-label="A text field" />
      <textarea aria-label="A text area" />
      <select aria-label="A select">
        <option value="a">Alpha</option>
        <option value="w">Whisky</option>
      </select>
      {/* biome-ignore lint/a11y/useSemanticElements: a contenteditable is one of the kinds of field tested */}
      <div
        aria-label="An editable"
        contentEditable
        role="textbox"
        tabIndex={0}
        suppressContentEditableWarning
      >
        <span>text</span>
      </div>
      <aside id="inspector">
        <input aria-label="Inspector field" />
      </aside>
    </div>
  );
}

function map() {
  return wsMap(
    [wsStep("a", { kind: "start", label: "One" }), wsStep("b", { label: "Two" })],
    [wsHandoff("h", "a", "b", [wsEdgeCase("x", { title: "Existing" })])],
  );
}

const NAMED: Readonly<Record<string, string>> = {
  Esc: "{Escape}",
  Space: " ",
  "→": "{ArrowRight}",
  "←": "{ArrowLeft}",
  "↑": "{ArrowUp}",
  "↓": "{ArrowDown}",
  Enter: "{Enter}",
  Tab: "{Tab}",
  Delete: "{Delete}",
  Backspace: "{Backspace}",
  Home: "{Home}",
  PageUp: "{PageUp}",
  PageDown: "{PageDown}",
};
const HELD: Readonly<Record<string, string>> = {
  Mod: "Control",
  Ctrl: "Control",
  Shift: "Shift",
  Alt: "Alt",
};

/** user-event's notation for a combo: "Mod+Shift+Z" is "{Control>}{Shift>}z{/Shift}{/Control}". */
function typed(combo: KeyCombo): string {
  const key = combo[combo.length - 1] ?? "";
  const held = combo.slice(0, -1).map((name) => HELD[name] ?? name);
  const press = NAMED[key] ?? (key.length === 1 ? key.toLowerCase() : `{${key}}`);
  return `${held.map((k) => `{${k}>}`).join("")}${press}${[...held]
    .reverse()
    .map((k) => `{/${k}}`)
    .join("")}`;
}

/** The text a combo types into a one-line field, or null when it types none. */
function text(combo: KeyCombo): string | null {
  if (combo.length !== 1) return null;
  const key = combo[0] ?? "";
  if (key === "Space") return " ";
  return key.length === 1 && NAMED[key] === undefined ? key.toLowerCase() : null;
}

const combos = SHORTCUTS.flatMap((shortcut) =>
  shortcut.keys
    .filter((combo) => !["Click", "Drag", "Double-click"].includes(combo[combo.length - 1] ?? ""))
    .map((combo) => combo),
);

describe("no shortcut acts while focus is in a field", () => {
  it("the shortcuts do act outside fields (so the checks below are not vacuous)", async () => {
    const user = userEvent.setup();
    const { editor, workshop } = renderWorkshop(
      map(),
      <>
        <EditorKeys />
        <Fields />
        <WorkshopLayer />
      </>,
    );
    act(() => editor.getState().select({ steps: ["b"] }));
    await user.keyboard("?");
    expect(editor.getState().panels.has("help")).toBe(true);
    act(() => editor.getState().togglePanel("help", false));
    await user.keyboard("w");
    expect(workshop.getState().walkthrough.active).toBe(true);
  });

  it.each([
    ["A text field", "value"],
    ["A text area", "value"],
    ["A select", null],
  ] as const)("typing every listed key into %s fires nothing and the text arrives", async (name, read) => {
    const user = userEvent.setup();
    const { editor, workshop } = renderWorkshop(
      map(),
      <>
        <EditorKeys />
        <Fields />
        <WorkshopLayer />
      </>,
    );
    act(() => editor.getState().select({ steps: ["b"] }));
    const before = { map: editor.getState().map, selection: editor.getState().selection };
    const field = screen.getByLabelText(name) as HTMLElement & { value?: string };
    expect(combos.length).toBeGreaterThan(30);
    for (const combo of combos) {
      if (read === "value") field.value = "";
      field.focus();
      await user.keyboard(typed(combo));
      const label = combo.join("+");
      // nothing fired: the map, the selection, the panels and the workshop are as they were
      expect([label, editor.getState().map]).toEqual([label, before.map]);
      expect([label, editor.getState().selection]).toEqual([label, before.selection]);
      expect([label, editor.getState().panels.size, editor.getState().editingStepId]).toEqual([
        label,
        0,
        null,
      ]);
      const { walkthrough, presenting, capturing } = workshop.getState();
      expect([label, walkthrough.active, presenting, capturing]).toEqual([label, false, false, false]);
      // and the text arrived (Tab moved focus on, as it does in any field)
      const expected = text(combo);
      if (read !== null && expected !== null) {
        expect([label, field.value]).toEqual([label, expected]);
      }
      if (combo.join("+") !== "Tab" && combo.join("+") !== "Shift+Tab")
        expect([label, document.activeElement]).toEqual([label, field]);
    }
    expect(editor.getState().history.past).toHaveLength(0);
  });

  // jsdom's contenteditable cannot take user-event's typing reliably: the key events alone here,
  // and tests/e2e/keyboard.e2e.ts types into one in Chromium and reads the text back.
  it("pressing every listed key in a contenteditable fires nothing", () => {
    const { editor, workshop } = renderWorkshop(
      map(),
      <>
        <EditorKeys />
        <Fields />
        <WorkshopLayer />
      </>,
    );
    act(() => editor.getState().select({ steps: ["b"] }));
    const before = { map: editor.getState().map, selection: editor.getState().selection };
    const field = screen.getByLabelText("An editable");
    for (const combo of combos) {
      const event = keyEvent(combo);
      act(() => {
        (field.firstElementChild ?? field).dispatchEvent(
          new KeyboardEvent("keydown", { ...event, bubbles: true, cancelable: true }),
        );
      });
      const label = combo.join("+");
      expect([label, editor.getState().map, editor.getState().selection]).toEqual([
        label,
        before.map,
        before.selection,
      ]);
      const { walkthrough, presenting, capturing } = workshop.getState();
      expect([label, walkthrough.active, presenting, capturing, editor.getState().panels.size]).toEqual([
        label,
        false,
        false,
        false,
        0,
      ]);
    }
  });
});

/** The keydown a person makes for a combo. */
function keyEvent(combo: KeyCombo): KeyboardEventInit {
  const name = combo[combo.length - 1] ?? "";
  const keys: Record<string, string> = {
    Esc: "Escape",
    Space: " ",
    "→": "ArrowRight",
    "←": "ArrowLeft",
    "↑": "ArrowUp",
    "↓": "ArrowDown",
  };
  return {
    key: keys[name] ?? (name.length === 1 ? name.toLowerCase() : name),
    code: /^[0-9]$/.test(name) ? `Digit${name}` : "",
    ctrlKey: combo.includes("Mod") || combo.includes("Ctrl"),
    shiftKey: combo.includes("Shift"),
    altKey: combo.includes("Alt"),
  };
}
