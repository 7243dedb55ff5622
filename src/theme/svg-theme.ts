/**
 * The three looks of the SVG export. Colors only: geometry never depends on the theme, so a
 * light and a print export of the same map have the same boxes.
 */
import type { Severity, StepKind } from "../model/types";

export const SVG_THEMES = ["light", "dark", "print"] as const;
export type SvgThemeName = (typeof SVG_THEMES)[number];

export interface KindStyle {
  fill: string;
  stroke: string;
  text: string;
}

export interface SvgTheme {
  name: SvgThemeName;
  background: string;
  title: string;
  subtitle: string;
  /** Alternating lane band fills (used when a lane has no color of its own). */
  laneFills: readonly [string, string];
  /** How much of a lane's own color to keep when tinting its band (0..1). */
  laneTint: number;
  headerFill: string;
  headerText: string;
  gridLine: string;
  frame: string;
  kinds: Record<StepKind, KindStyle>;
  systemsText: string;
  inLane: string;
  crossLane: string;
  /** Dash pattern for in-lane connectors; "" for solid. */
  inLaneDash: string;
  handoffLabelText: string;
  handoffLabelHalo: string;
  severity: Record<Severity, string>;
  /** The flag color when every edge case of a handoff is mitigated or accepted. */
  resolved: string;
  tableHeaderFill: string;
  tableHeaderText: string;
  tableStripe: string;
  tableText: string;
  tableMuted: string;
  tableRule: string;
}

const LIGHT: SvgTheme = {
  name: "light",
  background: "#ffffff",
  title: "#0f172a",
  subtitle: "#475569",
  laneFills: ["#f8fafc", "#eef2f7"],
  laneTint: 0.16,
  headerFill: "#e2e8f0",
  headerText: "#1e293b",
  gridLine: "#cbd5e1",
  frame: "#94a3b8",
  kinds: {
    task: { fill: "#ffffff", stroke: "#64748b", text: "#0f172a" },
    decision: { fill: "#fff7e6", stroke: "#b45309", text: "#0f172a" },
    start: { fill: "#e7f6ee", stroke: "#15803d", text: "#0f172a" },
    end: { fill: "#e8ecf2", stroke: "#334155", text: "#0f172a" },
  },
  systemsText: "#64748b",
  inLane: "#8391a5",
  crossLane: "#2563eb",
  inLaneDash: "",
  handoffLabelText: "#334155",
  handoffLabelHalo: "#ffffff",
  severity: { critical: "#dc2626", high: "#ea580c", medium: "#d97706", low: "#64748b" },
  resolved: "#16a34a",
  tableHeaderFill: "#1e293b",
  tableHeaderText: "#f8fafc",
  tableStripe: "#f8fafc",
  tableText: "#0f172a",
  tableMuted: "#475569",
  tableRule: "#e2e8f0",
};

const DARK: SvgTheme = {
  name: "dark",
  background: "#0f172a",
  title: "#f1f5f9",
  subtitle: "#94a3b8",
  laneFills: ["#152036", "#1b2740"],
  laneTint: 0.22,
  headerFill: "#243247",
  headerText: "#e2e8f0",
  gridLine: "#334155",
  frame: "#475569",
  kinds: {
    task: { fill: "#1e293b", stroke: "#94a3b8", text: "#f1f5f9" },
    decision: { fill: "#33290f", stroke: "#f59e0b", text: "#f1f5f9" },
    start: { fill: "#12301f", stroke: "#4ade80", text: "#f1f5f9" },
    end: { fill: "#273244", stroke: "#cbd5e1", text: "#f1f5f9" },
  },
  systemsText: "#94a3b8",
  inLane: "#7c8aa0",
  crossLane: "#60a5fa",
  inLaneDash: "",
  handoffLabelText: "#cbd5e1",
  handoffLabelHalo: "#0f172a",
  severity: { critical: "#ef4444", high: "#f97316", medium: "#f59e0b", low: "#94a3b8" },
  resolved: "#22c55e",
  tableHeaderFill: "#243247",
  tableHeaderText: "#f1f5f9",
  tableStripe: "#152036",
  tableText: "#e2e8f0",
  tableMuted: "#94a3b8",
  tableRule: "#334155",
};

/** Grayscale with no shading, for black-and-white printers; in-lane flow is dashed. */
const PRINT: SvgTheme = {
  name: "print",
  background: "#ffffff",
  title: "#000000",
  subtitle: "#333333",
  laneFills: ["#ffffff", "#ffffff"],
  laneTint: 0,
  headerFill: "#ffffff",
  headerText: "#000000",
  gridLine: "#999999",
  frame: "#000000",
  kinds: {
    task: { fill: "#ffffff", stroke: "#000000", text: "#000000" },
    decision: { fill: "#ffffff", stroke: "#000000", text: "#000000" },
    start: { fill: "#ffffff", stroke: "#000000", text: "#000000" },
    end: { fill: "#ffffff", stroke: "#000000", text: "#000000" },
  },
  systemsText: "#444444",
  inLane: "#555555",
  crossLane: "#000000",
  inLaneDash: "5 3",
  handoffLabelText: "#000000",
  handoffLabelHalo: "#ffffff",
  severity: { critical: "#000000", high: "#404040", medium: "#707070", low: "#a0a0a0" },
  resolved: "#ffffff",
  tableHeaderFill: "#ffffff",
  tableHeaderText: "#000000",
  tableStripe: "#ffffff",
  tableText: "#000000",
  tableMuted: "#333333",
  tableRule: "#999999",
};

const THEMES = new Map<SvgThemeName, SvgTheme>([
  ["light", LIGHT],
  ["dark", DARK],
  ["print", PRINT],
]);

export function svgTheme(name: SvgThemeName): SvgTheme {
  return THEMES.get(name) ?? LIGHT;
}

function parseHex(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  const hex = m?.[1];
  if (hex === undefined) return null;
  const full = hex.length === 3 ? Array.from(hex, (c) => c + c).join("") : hex;
  const channel = (i: number) => Number.parseInt(full.slice(i, i + 2), 16);
  return [channel(0), channel(2), channel(4)];
}

/** A color for a lane's band: its hue, at low saturation and the theme's band lightness. */
export function laneBandFill(color: string, theme: SvgTheme): string | null {
  const rgb = parseHex(color);
  if (rgb === null || theme.laneTint === 0) return null;
  const [h, s] = rgbToHsl(rgb);
  const dark = theme.name === "dark";
  return hslToHex(h, Math.min(s, dark ? 0.3 : 0.55), dark ? 0.17 : 0.955);
}

/** The lane's color as a stronger accent (the bar at the left of its header). */
export function laneAccent(color: string, theme: SvgTheme): string | null {
  const rgb = parseHex(color);
  if (rgb === null || theme.laneTint === 0) return null;
  const [h, s] = rgbToHsl(rgb);
  return hslToHex(h, Math.min(Math.max(s, 0.35), 0.7), theme.name === "dark" ? 0.62 : 0.5);
}

/** Dark or light text, whichever reads better on the fill. */
export function textOn(fill: string): string {
  const rgb = parseHex(fill);
  if (rgb === null) return "#000000";
  const [r, g, b] = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  return luminance > 0.4 ? "#111111" : "#ffffff";
}

function rgbToHsl([r8, g8, b8]: [number, number, number]): [number, number, number] {
  const r = r8 / 255;
  const g = g8 / 255;
  const b = b8 / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  let h: number;
  if (max === r) h = (g - b) / d + (g < b ? 6 : 0);
  else if (max === g) h = (b - r) / d + 2;
  else h = (r - g) / d + 4;
  return [h / 6, s, l];
}

function hslToHex(h: number, s: number, l: number): string {
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const hue = (t0: number) => {
    let t = t0;
    if (t < 0) t += 1;
    if (t > 1) t -= 1;
    if (t < 1 / 6) return p + (q - p) * 6 * t;
    if (t < 1 / 2) return q;
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
    return p;
  };
  const channels = [hue(h + 1 / 3), hue(h), hue(h - 1 / 3)];
  return `#${channels
    .map((c) =>
      Math.round(c * 255)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}
