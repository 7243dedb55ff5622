import { useId, useState } from "react";
import type { Command } from "../../store/commands/command";
import { useEditorStoreApi } from "../store-context";
import { tryEdit } from "./edit";

export interface ColorFieldProps {
  label: string;
  /** A hex color, or undefined for the theme's default. */
  value: string | undefined;
  /** The command setting the color; null means "back to the default". */
  edit: (color: string | null) => Command;
  /** Shown when there is no color of its own. */
  fallback?: string;
}

/** "#abc" -> "#aabbcc": the color input only takes the long form. */
function longHex(color: string): string {
  if (/^#[0-9a-fA-F]{3}$/.test(color)) {
    const [r, g, b] = color.slice(1);
    return `#${r}${r}${g}${g}${b}${b}`.toLowerCase();
  }
  return color.toLowerCase();
}

/**
 * A color picker. Dragging through the picker is one undo entry (its command coalesces on the
 * field's history key, sealed when the picker closes or loses focus); "Use default color" is an
 * entry of its own.
 */
export function ColorField({ label, value, edit, fallback = "#ffffff" }: ColorFieldProps) {
  const store = useEditorStoreApi();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const seal = () => store.getState().sealHistory();
  return (
    <div className="hf-field">
      <label className="hf-field__label" htmlFor={id}>
        {label}
      </label>
      <div className="hf-color">
        <input
          id={id}
          type="color"
          className="hf-color__input"
          value={longHex(value ?? fallback)}
          onChange={(event) => setError(tryEdit(store, edit(event.target.value)))}
          onBlur={seal}
        />
        <span className="hf-color__value">{value ?? "Default"}</span>
        {value === undefined ? null : (
          <button
            type="button"
            className="hf-button hf-button--quiet"
            onClick={() => {
              seal();
              setError(tryEdit(store, edit(null)));
              seal();
            }}
          >
            Use default color
          </button>
        )}
      </div>
      {error === null ? null : (
        <p className="hf-field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
