import { type KeyboardEvent, useId, useRef, useState } from "react";
import type { Command } from "../../store/commands/command";
import { useEditorStoreApi } from "../store-context";
import { tryEdit } from "./edit";

export interface ChipsFieldProps {
  /** The list's name, e.g. "Systems". */
  label: string;
  /** One item's name, e.g. "system": used in "Add system" and "Remove system Salesforce". */
  itemName: string;
  values: readonly string[];
  /** Writes the whole list; each add or remove is one undo entry. */
  edit: (values: string[]) => Command;
}

/**
 * A list of short names as removable chips, with an input that adds one or more (comma-separated)
 * on Enter. Duplicates are refused with an inline message.
 */
export function ChipsField({ label, itemName, values, edit }: ChipsFieldProps) {
  const store = useEditorStoreApi();
  const id = useId();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  /** Adds what was typed; the field keeps (or takes back) the focus for the next one. */
  const add = () => {
    input.current?.focus();
    const added = draft
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "");
    if (added.length === 0) return;
    const seen = new Set(values.map((value) => value.toLowerCase()));
    for (const item of added) {
      if (seen.has(item.toLowerCase())) {
        setError(`${item} is already listed`);
        return;
      }
      seen.add(item.toLowerCase());
    }
    const refused = tryEdit(store, edit([...values, ...added]));
    setError(refused);
    if (refused === null) setDraft("");
  };

  const remove = (index: number) => {
    setError(tryEdit(store, edit(values.filter((_, i) => i !== index))));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      add();
    } else if (event.key === "Escape" && draft !== "") {
      event.preventDefault();
      event.stopPropagation();
      setDraft("");
      setError(null);
    }
  };

  return (
    <fieldset className="hf-field hf-chips">
      <legend className="hf-field__label">{label}</legend>
      {values.length === 0 ? (
        <p className="hf-chips__empty">None yet</p>
      ) : (
        <ul className="hf-chips__list">
          {values.map((value, index) => (
            // Values may repeat in files written by hand; the index keeps keys unique.
            // biome-ignore lint/suspicious/noArrayIndexKey: position is the identity of a chip
            <li className="hf-chip" key={`${index}:${value}`}>
              <span className="hf-chip__text">{value}</span>
              <button
                type="button"
                className="hf-chip__remove"
                aria-label={`Remove ${itemName} ${value}`}
                onClick={() => remove(index)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="hf-chips__add">
        <label className="hf-visually-hidden" htmlFor={id}>
          {`Add ${itemName}`}
        </label>
        <input
          ref={input}
          id={id}
          className="hf-field__input"
          value={draft}
          placeholder={`Add ${itemName}…`}
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : `${id}-error`}
          onChange={(event) => {
            setDraft(event.target.value);
            setError(null);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="hf-button" onClick={add} disabled={draft.trim() === ""}>
          Add
        </button>
      </div>
      {error === null ? null : (
        <p className="hf-field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
