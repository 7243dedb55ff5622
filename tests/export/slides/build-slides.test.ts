import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSlidesPdf } from "../../../src/export/pdf/build-pdf";
import { buildSlides, fileSlug } from "../../../src/export/slides/build-slides";
import { MIN_SLIDE_LABEL_PX } from "../../../src/export/slides/compose-slide";
import { createNodeElk } from "../../../src/layout/node-elk";
import { createInProcessLayout } from "../../../src/layout/run-layout";
import { createTemplate } from "../../../src/model/templates";
import { childrenNamed, parseSvg, textContent, walk } from "../svg-tree";

const run = createInProcessLayout(createNodeElk());
const layoutSlice = async (map: Parameters<typeof run>[0], metrics: object) => {
  const result = await run(map, { mode: "auto", metrics });
  if (!result.ok) throw new Error(result.error);
  return result.layout;
};

describe("buildSlides", () => {
  it("given the template, then one readable slide per phase, in journey order", async () => {
    const map = createTemplate("revops");
    const slides = await buildSlides(map, layoutSlice);
    expect(slides.map((s) => s.name)).toEqual(["01-engagement", "02-execution", "03-continuity"]);
    for (const slide of slides) expect(slide.smallestLabelPx).toBeGreaterThanOrEqual(MIN_SLIDE_LABEL_PX);
    // Every real step is on exactly one slide.
    const shown = slides.flatMap((s) => s.slice.steps);
    expect([...shown].sort()).toEqual(map.steps.map((s) => s.id).sort());
  });

  it('given the template, then no step label on a slide breaks a word ("qualific" / "ation")', async () => {
    const map = createTemplate("revops");
    const slides = await buildSlides(map, layoutSlice);
    const words = new Set(map.steps.flatMap((s) => s.label.split(/\s+/)));
    let lines = 0;
    for (const slide of slides)
      for (const el of walk(parseSvg(slide.svg)))
        if (el.attrs.get("data-role") === "step-label" || el.attrs.get("data-role") === "stub-label")
          for (const line of childrenNamed(el, "tspan").map(textContent)) {
            lines++;
            for (const word of line.trim().split(/\s+/)) expect(words, `"${line}"`).toContain(word);
          }
    expect(lines).toBeGreaterThan(20);
  });

  it("is deterministic: same map, same slides, same PDF bytes", async () => {
    const map = createTemplate("revops");
    const a = await buildSlides(map, layoutSlice);
    const b = await buildSlides(map, layoutSlice);
    expect(a.map((s) => s.svg)).toEqual(b.map((s) => s.svg));
    const fonts = {
      regular: readFileSync("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
      bold: readFileSync("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    };
    const one = await buildSlidesPdf(a, { fonts, title: map.title });
    const two = await buildSlidesPdf(b, { fonts, title: map.title });
    expect(Buffer.from(one).equals(Buffer.from(two))).toBe(true);
  });

  it("keeps a lane focus on every slide", async () => {
    const map = createTemplate("revops");
    const slides = await buildSlides(map, layoutSlice, { lanes: ["sales", "deal-desk"] });
    expect(slides.map((s) => s.phaseId)).toEqual(["execution"]);
    expect(slides[0]?.lanes).toEqual(["sales", "deal-desk"]);
  });

  it("names files by slug, never empty", () => {
    expect(fileSlug("Deal desk & orders")).toBe("deal-desk-orders");
    expect(fileSlug("Évaluation")).toBe("evaluation");
    expect(fileSlug("???")).toBe("slide");
  });
});
