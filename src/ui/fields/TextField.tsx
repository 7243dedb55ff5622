import { type ChangeEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { Command } from "../../store/commands/command";
import { coalesceKeyOf } from "../../store/commands/command-history";
import { useEditorStoreApi } from "../store-context";
import { tryEdit } from "./edit";

export interface TextFieldProps {
  label: string;
  /** The value in the map. */
  value: string;
  /**
   * The command that writes `text` into the map (the store may refuse it). Its history key
   * ("step:<id>:label") names the field: the keystrokes of one field edit share one undo entry;
   * leaving the field (blur) seals it.
   */
  edit: (text: string) => Command;
  multiline?: boolean;
  type?: "text" | "date";
  placeholder?: string;
  /** A short hint under the field. */
  hint?: string;
  autoFocus?: boolean;
  /** Select the whole text when focused by autoFocus (a freshly added item's placeholder title). */
  selectOnAutoFocus?: boolean;
  required?: boolean;
  /** The id of a datalist whose options the (one-line) field suggests. */
  list?: string;
}

/**
 * A labelled text field that applies to the map as you type.
 *
 * While focused it shows its own draft, so a refused value (blank label) stays visible with an
 * inline error while the map keeps the last good value. Escape puts back the value the field had
 * when it was focused, taking this field's undo entry back with it.
 */
export function TextField({
  label,
  value,
  edit,
  multiline = false,
  type = "text",
  placeholder,
  hint,
  autoFocus = false,
  selectOnAutoFocus = false,
  required = false,
  list,
}: TextFieldProps) {
  const store = useEditorStoreApi();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The value when the field was focused: what Escape restores. */
  const origin = useRef(value);
  /** The last text this field wrote to the map. */
  const lastApplied = useRef(value);
  const changed = useRef(false);
  const inputRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  // Someone else changed the value (undo, the canvas's in-place editor): show theirs.
  useEffect(() => {
    if (value !== lastApplied.current) {
      lastApplied.current = value;
      setDraft(null);
      setError(null);
    }
  }, [value]);

  useEffect(() => {
    if (!autoFocus) return;
    const element = inputRef.current;
    element?.focus();
    if (selectOnAutoFocus) element?.select();
  }, [autoFocus, selectOnAutoFocus]);

  const onFocus = () => {
    origin.current = value;
    lastApplied.current = value;
    changed.current = false;
  };

  const onChange = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const text = event.target.value;
    setDraft(text);
    if (text === lastApplied.current) {
      setError(null);
      return;
    }
    lastApplied.current = text;
    const refused = tryEdit(store, edit(text));
    if (refused === null) changed.current = true;
    else lastApplied.current = value;
    setError(refused);
  };

  const end = () => {
    store.getState().sealHistory();
    setDraft(null);
    setError(null);
    changed.current = false;
  };

  const revert = () => {
    const state = store.getState();
    if (changed.current) {
      // This field's entry is still the newest one: undoing it restores the map exactly.
      const key = coalesceKeyOf(edit(origin.current));
      if (key !== null && state.history.coalesceKey === key) state.undo();
      else tryEdit(store, edit(origin.current));
    }
    lastApplied.current = origin.current;
    changed.current = false;
    setDraft(null);
    setError(null);
    store.getState().sealHistory();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (event.key === "Escape") {
      if (draft !== null || changed.current) {
        event.preventDefault();
        event.stopPropagation();
        revert();
      }
    } else if (event.key === "Enter" && !multiline) {
      // Enter finishes this edit: typing again starts a new undo entry.
      store.getState().sealHistory();
      origin.current = draft ?? value;
      changed.current = false;
    }
  };

  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error === null ? null : errorId, hint === undefined ? null : hintId]
    .filter((part) => part !== null)
    .join(" ");
  const common = {
    id,
    ref: inputRef,
    value: draft ?? value,
    placeholder,
    required,
    "aria-invalid": error !== null,
    "aria-describedby": describedBy === "" ? undefined : describedBy,
    onFocus,
    onChange,
    onBlur: end,
    onKeyDown,
  };

  return (
    <div className="hf-field">
      <label className="hf-field__label" htmlFor={id}>
        {label}
      </label>
      {multiline ? (
        <textarea className="hf-field__input hf-field__input--multiline" rows={3} {...common} />
      ) : (
        <input className="hf-field__input" type={type} list={list} {...common} />
      )}
      {hint === undefined ? null : (
        <p className="hf-field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error === null ? null : (
        <p className="hf-field__error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
