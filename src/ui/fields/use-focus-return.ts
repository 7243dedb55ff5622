import { type RefObject, useEffect, useRef } from "react";

/**
 * Focus for a field that opens in place of the page's flow (a rename field): when `open` turns
 * false (saved, Esc, Cancel), focus goes back to the returned ref's element (the button that
 * opened it) instead of dropping to the page, so a keyboard user carries on from there.
 */
export function useFocusReturn<T extends HTMLElement>(open: boolean): RefObject<T | null> {
  const target = useRef<T>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!open && wasOpen.current) target.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return target;
}
