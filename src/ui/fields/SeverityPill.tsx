import type { Severity } from "../../model/types";

export const SEVERITY_LABELS: Record<Severity, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

/** A severity as a colored pill that always carries its word: color is never the only signal. */
export function SeverityPill({ severity }: { severity: Severity }) {
  return (
    <span className={`hf-pill hf-pill--${severity}`} data-severity={severity}>
      {SEVERITY_LABELS[severity]}
    </span>
  );
}
