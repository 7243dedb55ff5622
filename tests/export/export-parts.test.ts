import { describe, expect, it } from "vitest";
import { ALL_PARTS, formatParts, parseParts } from "../../src/export/export-parts";
import { renderSvg } from "../../src/export/render-svg";
import { gridLayout, revOpsSampleMap } from "../fixtures/export-fixtures";
import { parseSvg, walk } from "./svg-tree";

const roles = (svg: string) =>
  new Set([...walk(parseSvg(svg))].map((el) => el.attrs.get("data-role")).filter((r) => r !== undefined));

describe("parseParts", () => {
  it("reads names in any order and case, and writes them back in the canonical order", () => {
    const read = parseParts(" Register, diagram ,diagram");
    expect(read).toEqual({ ok: true, parts: { diagram: true, legend: false, register: true, title: false } });
    if (read.ok) expect(formatParts(read.parts)).toBe("diagram,register");
  });

  it("names an unknown part and the ones it knows", () => {
    expect(parseParts("diagram,map")).toEqual({
      ok: false,
      error: 'unknown part "map"; use diagram, legend, register, title',
    });
    expect(parseParts(" , ").ok).toBe(false);
  });
});

describe("renderSvg parts", () => {
  const map = revOpsSampleMap();
  const layout = gridLayout(map);

  it("draws every part by default, as before parts existed", () => {
    expect(renderSvg(map, layout, { parts: ALL_PARTS })).toBe(renderSvg(map, layout));
  });

  it("given the diagram alone, then it is cropped to the lanes: no title, legend or register", () => {
    const svg = renderSvg(map, layout, {
      parts: { diagram: true, legend: false, register: false, title: false },
    });
    const root = parseSvg(svg);
    expect(root.attrs.get("viewBox")).toBe(`-1 -1 ${layout.width + 2} ${layout.height + 2}`);
    const drawn = roles(svg);
    for (const role of ["title", "summary", "legend", "register"]) expect(drawn.has(role)).toBe(false);
    expect(drawn.has("frame")).toBe(true);
  });

  it("given the register alone, then no diagram is drawn", () => {
    const svg = renderSvg(map, layout, {
      parts: { diagram: false, legend: false, register: true, title: false },
    });
    const drawn = roles(svg);
    expect(drawn.has("register")).toBe(true);
    expect(drawn.has("lanes")).toBe(false);
  });

  it("draws stubs dashed, labelled, and adds them to the legend", () => {
    const stub = map.steps[0]?.id ?? "";
    const svg = renderSvg(map, layout, { stubs: new Set([stub]) });
    const group = [...walk(parseSvg(svg))].find((el) => el.attrs.get("data-step-id") === stub);
    expect(group?.attrs.get("data-stub")).toBe("true");
    expect(svg).toContain("Step in another phase or lane");
    expect(renderSvg(map, layout)).not.toContain("Step in another phase or lane");
  });
});
