import "../fields/fields.css";
import "./help.css";
import { Fragment, type KeyboardEvent, useEffect, useId, useRef } from "react";
import type { EditorState } from "../../store/editor-store";
import { LIVE_HELP } from "../live/live-help";
import { useEditor, useEditorStoreApi } from "../store-context";
import { keyLabel, MOUSE_GESTURES, SHORTCUT_GROUPS, SHORTCUTS } from "./shortcuts";

const selectOpen = (state: EditorState) => state.panels.has("help");

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The keyboard help ("?"): a modal dialog listing SHORTCUTS by group (the editor's and the
 * workshop's key tables, the same data their keys are dispatched from). Shown while the store's
 * `panels` holds "help"; Esc, the close button or a click outside closes it. Focus moves into
 * the dialog, stays there (Tab wraps) and goes back where it was on close.
 */
export function HelpOverlay() {
  const open = useEditor(selectOpen);
  return open ? <HelpDialog /> : null;
}

function HelpDialog() {
  const store = useEditorStoreApi();
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const close = () => store.getState().togglePanel("help", false);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialogRef.current?.focus();
    // Focus moved out some other way (a script, a click through): bring it back.
    const onFocusIn = (event: FocusEvent) => {
      const dialog = dialogRef.current;
      if (dialog !== null && event.target instanceof Node && !dialog.contains(event.target)) dialog.focus();
    };
    document.addEventListener("focusin", onFocusIn);
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close();
      return;
    }
    if (event.key !== "Tab") return;
    const dialog = dialogRef.current;
    if (dialog === null) return;
    const focusable = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (first === undefined || last === undefined) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === dialog)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || active === dialog)) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click outside is a mouse convenience; Esc and Close are the keyboard path
    <div
      className="hf-help__backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) close();
      }}
    >
      <div
        ref={dialogRef}
        className="hf-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header className="hf-help__header">
          <h2 className="hf-help__title" id={titleId}>
            Keyboard shortcuts
          </h2>
          <button type="button" className="hf-button" onClick={close} aria-label="Close help">
            Close
          </button>
        </header>
        <p className="hf-help__note">
          Ctrl/Cmd means Ctrl on Windows and Linux, ⌘ Cmd on a Mac. No shortcut acts while you type in a text
          field, a drop-down list or any editable text: every key types there.
        </p>
        <div className="hf-help__groups">
          {SHORTCUT_GROUPS.map((group) => (
            <section className="hf-help__group" key={group} aria-label={group}>
              <h3 className="hf-help__group-title">{group}</h3>
              <dl className="hf-help__list">
                {SHORTCUTS.filter((shortcut) => shortcut.group === group).map((shortcut) => (
                  <div className="hf-help__item" key={shortcut.action}>
                    <dt className="hf-help__keys">
                      {shortcut.keys.map((combo, index) => (
                        <Fragment key={combo.join("+")}>
                          {index > 0 ? <span className="hf-help__or"> or </span> : null}
                          <span className="hf-help__combo">
                            {combo.map((key, keyIndex) => (
                              <Fragment key={key}>
                                {keyIndex > 0 ? <span className="hf-help__plus">+</span> : null}
                                <kbd className="hf-help__kbd">{keyLabel(key)}</kbd>
                              </Fragment>
                            ))}
                          </span>
                        </Fragment>
                      ))}
                    </dt>
                    <dd className="hf-help__action">{shortcut.action}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <section className="hf-help__group" aria-label="Mouse">
            <h3 className="hf-help__group-title">Mouse</h3>
            <dl className="hf-help__list">
              {MOUSE_GESTURES.map(({ gesture, action }) => (
                <div className="hf-help__item" key={gesture}>
                  <dt className="hf-help__gesture">{gesture}</dt>
                  <dd className="hf-help__action">{action}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section className="hf-help__group" aria-label="Live session">
            <h3 className="hf-help__group-title">Live session</h3>
            <dl className="hf-help__list">
              {LIVE_HELP.map(({ topic, text }) => (
                <div className="hf-help__item" key={topic}>
                  <dt className="hf-help__gesture">{topic}</dt>
                  <dd className="hf-help__action">{text}</dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
      </div>
    </div>
  );
}
