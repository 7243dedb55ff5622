/** True when a click landed on a control of its own (a field, a button): the card ignores it. */
export function fromControl(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest("input, textarea, select, button, label, a") !== null;
}
