/**
 * The exported SVG opened as a document in Debian's Chromium: nothing in it runs, and with real
 * fonts nothing overlaps (step boxes, lane names, register rows, text inside its box).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSvg } from "../../src/export/render-svg";
import { layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import { registerRows } from "../../src/model/register-rows";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { hostileMap } from "../fixtures/export-fixtures";
import { type BrowserSession, launchBrowser, watchConsole } from "./browser";

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Measured {
  steps: { id: string; box: Box; label: Box | null }[];
  laneNames: { id: string; band: Box; name: Box }[];
  rows: { id: string; row: Box; cells: Box[] }[];
  scripts: number;
  eventAttributes: number;
  foreign: number;
}

const overlaps = (a: Box, b: Box, tolerance = 0.5) =>
  a.x + tolerance < b.x + b.width &&
  b.x + tolerance < a.x + a.width &&
  a.y + tolerance < b.y + b.height &&
  b.y + tolerance < a.y + a.height;

const inside = (inner: Box, outer: Box, tolerance = 1) =>
  inner.x >= outer.x - tolerance &&
  inner.y >= outer.y - tolerance &&
  inner.x + inner.width <= outer.x + outer.width + tolerance &&
  inner.y + inner.height <= outer.y + outer.height + tolerance;

/** Reads boxes in the page with getBBox (user units = layout units: the SVG has no transforms). */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const bbox = (el: Element | null) => {
      if (!(el instanceof SVGGraphicsElement)) return null;
      const b = el.getBBox();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    };
    const largestRect = (group: Element) => {
      let best: Element | null = null;
      let area = -1;
      for (const rect of Array.from(group.children).filter((c) => c.tagName === "rect")) {
        const b = bbox(rect);
        if (b !== null && b.width * b.height > area) {
          best = rect;
          area = b.width * b.height;
        }
      }
      return bbox(best);
    };
    const all = Array.from(document.querySelectorAll("*"));
    return {
      steps: Array.from(document.querySelectorAll("[data-step-id]")).map((g) => ({
        id: g.getAttribute("data-step-id") ?? "",
        box: largestRect(g) ?? { x: 0, y: 0, width: 0, height: 0 },
        label: bbox(g.querySelector('[data-role="step-label"]')),
      })),
      laneNames: Array.from(document.querySelectorAll("[data-lane-id]")).map((g) => ({
        id: g.getAttribute("data-lane-id") ?? "",
        band: largestRect(g) ?? { x: 0, y: 0, width: 0, height: 0 },
        name: bbox(g.querySelector('[data-role="lane-name"]')) ?? { x: 0, y: 0, width: 0, height: 0 },
      })),
      rows: Array.from(document.querySelectorAll("[data-edge-case-id]")).map((g) => ({
        id: g.getAttribute("data-edge-case-id") ?? "",
        row: largestRect(g) ?? { x: 0, y: 0, width: 0, height: 0 },
        cells: Array.from(g.querySelectorAll("[data-column]")).map(
          (t) => bbox(t) ?? { x: 0, y: 0, width: 0, height: 0 },
        ),
      })),
      scripts: document.getElementsByTagName("script").length,
      eventAttributes: all.filter((el) =>
        Array.from(el.attributes).some((a) => a.name.toLowerCase().startsWith("on")),
      ).length,
      foreign: all.filter((el) =>
        ["foreignObject", "img", "image", "iframe", "a", "use"].includes(el.localName),
      ).length,
    };
  });
}

describe("the exported SVG in Chromium", () => {
  let session: BrowserSession;
  const dir = mkdtempSync(path.join(tmpdir(), "handoff-svg-e2e-"));

  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string, map: HandoffMap, theme: "light" | "dark" | "print" = "light") {
    const layout = await layoutMap(createNodeElk(), map);
    const file = path.join(dir, `${name}.svg`);
    writeFileSync(file, renderSvg(map, layout, { theme }));
    const page = await session.context.newPage();
    const problems = watchConsole(page);
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const response = await page.goto(pathToFileURL(file).href);
    expect(response?.ok() ?? true).toBe(true);
    // Give anything that might run (onerror, timers) a moment to do so.
    await page.waitForTimeout(300);
    return { page, problems, dialogs, layout };
  }

  it("given a hand-made SVG with a script, then this harness sees it run (the check below is not vacuous)", async () => {
    const file = path.join(dir, "control.svg");
    writeFileSync(file, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert("ran")</script></svg>');
    const page = await session.context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual(["ran"]);
    await page.close();
  });

  it("given hostile labels, when the SVG is opened, then nothing runs and nothing is injected", async () => {
    const { page, problems, dialogs } = await open("hostile", hostileMap());
    const measured = await measure(page);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    expect(measured.scripts).toBe(0);
    expect(measured.eventAttributes).toBe(0);
    expect(measured.foreign).toBe(0);
    // The document parsed as SVG (an XML error page would have no steps).
    expect(measured.steps.length).toBe(hostileMap().steps.length);
    const title = await page.evaluate(() => document.querySelector("[data-step-id] > title")?.textContent);
    expect(title).toBe("<script>alert(1)</script>");
    await page.close();
  });

  for (const theme of ["light", "print"] as const) {
    it(`given the RevOps template in the ${theme} theme, then boxes, lane names and register rows do not overlap`, async () => {
      const map = createRevOpsTemplate();
      const { page, problems, dialogs } = await open(`template-${theme}`, map, theme);
      const measured = await measure(page);
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
      expect(measured.steps).toHaveLength(map.steps.length);

      for (const [i, a] of measured.steps.entries()) {
        for (const b of measured.steps.slice(i + 1))
          expect(overlaps(a.box, b.box), `${a.id} overlaps ${b.id}`).toBe(false);
        // Real glyphs (DejaVu Sans in Chromium) stay inside the box the layout measured for them.
        if (a.label !== null) expect(inside(a.label, a.box), `label of ${a.id} leaves its box`).toBe(true);
      }

      expect(measured.laneNames).toHaveLength(map.lanes.length);
      for (const [i, a] of measured.laneNames.entries()) {
        expect(inside(a.name, a.band), `lane name ${a.id} leaves its band`).toBe(true);
        for (const b of measured.laneNames.slice(i + 1))
          expect(overlaps(a.name, b.name), `${a.id} / ${b.id}`).toBe(false);
      }

      expect(measured.rows).toHaveLength(registerRows(map).length);
      for (const [i, a] of measured.rows.entries()) {
        for (const b of measured.rows.slice(i + 1))
          expect(overlaps(a.row, b.row), `${a.id} / ${b.id}`).toBe(false);
        for (const [j, cell] of a.cells.entries()) {
          expect(inside(cell, a.row), `a cell of ${a.id} leaves its row`).toBe(true);
          for (const other of a.cells.slice(j + 1))
            expect(overlaps(cell, other), `cells of ${a.id} overlap`).toBe(false);
        }
      }

      // The register sits below the diagram, not over it.
      const lowestStep = Math.max(...measured.steps.map((s) => s.box.y + s.box.height));
      expect(Math.min(...measured.rows.map((r) => r.row.y))).toBeGreaterThan(lowestStep);
      await page.close();
    });
  }
});
