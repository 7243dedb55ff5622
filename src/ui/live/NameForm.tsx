import { type FormEvent, useId, useState } from "react";

/** Asks for the name the others will see ("Your name"), remembered for next time. */
export function NameForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  busy,
  error,
}: {
  initial: string;
  submitLabel: string;
  onSubmit: (name: string) => void;
  onCancel?: () => void;
  busy?: boolean;
  error?: string | null;
}) {
  const id = useId();
  const [name, setName] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() !== "") onSubmit(name);
  };
  return (
    <form className="hf-live-name" onSubmit={submit}>
      <label htmlFor={id}>Your name</label>
      <input
        id={id}
        className="hf-field__input"
        value={name}
        maxLength={40}
        autoComplete="name"
        onChange={(event) => setName(event.target.value)}
      />
      {error ? (
        <p role="alert" className="hf-live-error">
          {error}
        </p>
      ) : null}
      <div className="hf-dialog__actions">
        {onCancel === undefined ? null : (
          <button type="button" className="hf-button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button
          type="submit"
          className="hf-button hf-button--primary"
          disabled={busy === true || name.trim() === ""}
        >
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
