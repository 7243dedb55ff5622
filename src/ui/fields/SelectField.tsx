import { useId, useState } from "react";
import type { Command } from "../../store/commands/command";
import { useEditorStoreApi } from "../store-context";
import { tryEdit } from "./edit";

export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

export interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly SelectOption<T>[];
  /** Each choice is one undo entry. */
  edit: (value: T) => Command;
}

/** A labelled select; a choice applies at once as its own undo entry. */
export function SelectField<T extends string>({ label, value, options, edit }: SelectFieldProps<T>) {
  const store = useEditorStoreApi();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="hf-field">
      <label className="hf-field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="hf-field__input hf-field__select"
        value={value}
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : `${id}-error`}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen !== undefined) setError(tryEdit(store, edit(chosen.value)));
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error === null ? null : (
        <p className="hf-field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
