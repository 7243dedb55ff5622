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

/**
 * Presentation mode's canvas, whatever the system's scheme: the light theme with darker text and
 * firmer lines, for a projector that washes out pale grays and turns dark slides to mud.
 */
export const PROJECTOR_THEME: SvgTheme = (() => {
  const light = svgTheme("light");
  return {
    ...light,
    background: "#ffffff",
    title: "#0b0f19",
    subtitle: "#2f3a4a",
    headerFill: "#eef1f5",
    headerText: "#0b0f19",
    gridLine: "#9aa6b6",
    frame: "#334155",
    inLane: "#475569",
    crossLane: "#1d4ed8",
    handoffLabelText: "#0b0f19",
    handoffLabelHalo: "#ffffff",
    systemsText: "#1f2937",
    kinds: {
      task: { fill: "#ffffff", stroke: "#334155", text: "#0b0f19" },
      decision: { fill: "#fff4dc", stroke: "#92400e", text: "#0b0f19" },
      start: { fill: "#e3f5ea", stroke: "#166534", text: "#0b0f19" },
      end: { fill: "#e5e9f0", stroke: "#1e293b", text: "#0b0f19" },
    },
  };
})();

const isPresenting = () =>
  typeof document !== "undefined" && document.documentElement.hasAttribute("data-hf-presenting");

function subscribePresenting(onChange: () => void): () => void {
  if (typeof MutationObserver === "undefined") return () => {};
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-hf-presenting"] });
  return () => observer.disconnect();
}

/**
 * Whether presentation mode is on (`<html data-hf-presenting>`, set by the workshop), followed
 * live: the canvas switches to the projector theme with it.
 */
export function usePresenting(): boolean {
  return useSyncExternalStore(subscribePresenting, isPresenting, () => false);
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
