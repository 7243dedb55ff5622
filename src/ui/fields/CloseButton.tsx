/**
 * The close control every side panel shares (library, register, health, change plan, versions,
 * compare): one look and one place, so a facilitator finds it at the same spot on each. The label
 * names what closes ("Close health"), for screen readers and for the tooltip.
 */
export function CloseButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="hf-panel-close" aria-label={label} title={label} onClick={onClick}>
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d="M4 4l8 8M12 4l-8 8" />
      </svg>
    </button>
  );
}
