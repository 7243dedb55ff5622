import { useMemo } from "react";
import { handoffName } from "../../model/register-rows";
import { useEditor } from "../store-context";
import { selectMap } from "./selectors";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
const SHOWN = 12;

/** Several things selected: what they are, and what can be done with them all. */
export function SelectionSummary({
  steps,
  handoffs,
}: {
  steps: readonly string[];
  handoffs: readonly string[];
}) {
  const map = useEditor(selectMap);
  const names = useMemo(() => {
    const stepIds = new Set(steps);
    const handoffIds = new Set(handoffs);
    return [
      ...map.steps.filter((step) => stepIds.has(step.id)).map((step) => step.label),
      ...map.handoffs.filter((handoff) => handoffIds.has(handoff.id)).map((h) => handoffName(map, h)),
    ];
  }, [map, steps, handoffs]);
  const parts = [
    steps.length > 0 ? plural(steps.length, "step") : null,
    handoffs.length > 0 ? plural(handoffs.length, "handoff") : null,
  ].filter((part) => part !== null);

  return (
    <section className="hf-inspector__section" aria-label="Selection">
      <header className="hf-inspector__header">
        <p className="hf-inspector__kicker">Selection</p>
        <h2 className="hf-inspector__title">{parts.join(" and ")} selected</h2>
      </header>
      <ul className="hf-inspector__names">
        {names.slice(0, SHOWN).map((name, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: labels may repeat; the list is display only
          <li key={index}>{name}</li>
        ))}
        {names.length > SHOWN ? (
          <li className="hf-inspector__more">and {names.length - SHOWN} more</li>
        ) : null}
      </ul>
      <p className="hf-inspector__hint">
        Delete removes them all (Delete or Backspace); Ctrl/Cmd+D duplicates; select one to edit it.
      </p>
    </section>
  );
}
