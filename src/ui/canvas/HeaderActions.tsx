import { type KeyboardEvent, type RefObject, useEffect, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";

export interface MenuItem {
  label: string;
  onSelect(): void;
  disabled?: boolean;
  danger?: boolean;
  swatch?: string;
}

/**
 * The "⋯" button of a lane or phase header and the menu it opens. `label` names both the button
 * and the menu ("Lane actions: Sales"); e2e tests and screen readers find them by it. Closing the
 * menu returns focus to the button.
 */
export function HeaderActions({ label, items }: { label: string; items: MenuItem[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="hf-header-menu-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((was) => !was)}
      >
        ⋯
      </button>
      {open && (
        <HeaderMenu
          label={label}
          items={items}
          anchor={button}
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
        />
      )}
    </>
  );
}

/**
 * A small menu in a portal (the header column clips its content), placed under its button and
 * kept on screen. Arrow keys move, Escape or Tab closes and returns focus to the button.
 */
function HeaderMenu({
  label,
  items,
  anchor,
  onClose,
}: {
  label: string;
  items: MenuItem[];
  anchor: RefObject<HTMLElement | null>;
  onClose(): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState<{ left: number; top: number } | null>(null);
  useLayoutEffect(() => {
    const rect = anchor.current?.getBoundingClientRect();
    const menuHeight = ref.current?.offsetHeight ?? 0;
    if (rect !== undefined) {
      const top = Math.max(8, Math.min(rect.bottom + 4, window.innerHeight - menuHeight - 8));
      setAt({ left: Math.max(8, Math.min(rect.left, window.innerWidth - 240)), top });
    }
    ref.current?.querySelector<HTMLButtonElement>("button:not([disabled])")?.focus();
  }, [anchor]);
  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (ref.current !== null && !ref.current.contains(event.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", onPointer, true);
    return () => document.removeEventListener("pointerdown", onPointer, true);
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    event.stopPropagation();
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>("button:not([disabled])") ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === "Escape" || event.key === "Tab") {
      event.preventDefault();
      onClose();
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      buttons[(at + 1) % buttons.length]?.focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      buttons[(at - 1 + buttons.length) % buttons.length]?.focus();
    }
  };

  return createPortal(
    <div
      className="hf-menu"
      role="menu"
      aria-label={label}
      ref={ref}
      onKeyDown={onKeyDown}
      style={at === null ? { visibility: "hidden" } : { left: at.left, top: at.top }}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          className={`hf-menu__item${item.danger ? " hf-menu__item--danger" : ""}`}
          disabled={item.disabled}
          onClick={() => {
            onClose();
            item.onSelect();
          }}
        >
          {item.swatch !== undefined && (
            <span className="hf-swatch" style={{ background: item.swatch }} aria-hidden="true" />
          )}
          {item.label}
        </button>
      ))}
    </div>,
    document.body,
  );
}
