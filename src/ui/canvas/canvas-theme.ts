/**
 * The canvas takes its colors from the SVG export's themes, so what the room sees on screen and
 * what goes out as a file match (same severity colors, same lane shading, same arrows).
 */
import type { CSSProperties } from "react";
import { useSyncExternalStore } from "react";
import type { Lane } from "../../model/types";
import { laneAccent, laneBandFill, type SvgTheme, svgTheme, textOn } from "../../theme/svg-theme";

export type ColorScheme = "light" | "dark";

const QUERY = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void): () => void {
  if (typeof window === "undefined" || typeof window.matchMedia !== "function") return () => {};
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

function snapshot(): ColorScheme {
  if (typeof window === "undefined" || typeof window.matchMedia !== "function") return "light";
  return window.matchMedia(QUERY).matches ? "dark" : "light";
}

/** The system's light or dark setting, following it live. */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, snapshot, () => "light");
}

export function canvasTheme(scheme: ColorScheme): SvgTheme {
  return svgTheme(scheme);
}

/** Theme colors as CSS custom properties for the editor's root element. */
export function themeVariables(theme: SvgTheme): CSSProperties {
  const vars: Record<string, string> = {
    "--hf-bg": theme.background,
    "--hf-text": theme.title,
    "--hf-muted": theme.subtitle,
    "--hf-header-fill": theme.headerFill,
    "--hf-header-text": theme.headerText,
    "--hf-grid-line": theme.gridLine,
    "--hf-frame": theme.frame,
    "--hf-in-lane": theme.inLane,
    "--hf-cross-lane": theme.crossLane,
    "--hf-label-text": theme.handoffLabelText,
    "--hf-label-halo": theme.handoffLabelHalo,
    "--hf-systems-text": theme.systemsText,
    "--hf-resolved": theme.resolved,
  };
  // Flag text as the SVG picks it: dark or light, whichever reads on the severity color.
  for (const [severity, color] of Object.entries(theme.severity)) {
    vars[`--hf-sev-${severity}`] = color;
    vars[`--hf-flag-${severity}-text`] = textOn(color);
  }
  vars["--hf-flag-resolved-text"] = textOn(theme.resolved);
  for (const [kind, style] of Object.entries(theme.kinds)) {
    vars[`--hf-${kind}-fill`] = style.fill;
    vars[`--hf-${kind}-stroke`] = style.stroke;
    vars[`--hf-${kind}-text`] = style.text;
  }
  return vars as CSSProperties;
}

/** A lane band's fill: its own color softened, else the alternating shade. */
export function laneFill(lane: Lane, index: number, theme: SvgTheme): string {
  const own = lane.color === undefined ? null : laneBandFill(lane.color, theme);
  return own ?? theme.laneFills[index % 2] ?? theme.background;
}

export function laneAccentColor(lane: Lane, theme: SvgTheme): string | null {
  return lane.color === undefined ? null : laneAccent(lane.color, theme);
}

/** Colors offered in the lane and phase menus: calm, distinct on a projector. */
export const LANE_COLORS: ReadonlyArray<{ name: string; value: string }> = [
  { name: "Blue", value: "#3b82f6" },
  { name: "Teal", value: "#14b8a6" },
  { name: "Green", value: "#22c55e" },
  { name: "Amber", value: "#f59e0b" },
  { name: "Rose", value: "#f43f5e" },
  { name: "Violet", value: "#8b5cf6" },
  { name: "Slate", value: "#64748b" },
];
