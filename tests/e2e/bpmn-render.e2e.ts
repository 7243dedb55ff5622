/**
 * The template exported as BPMN, opened by bpmn-js (the viewer bpmn.io and Camunda build on) in
 * Chromium: it imports without warnings, draws a shape for every element the file has a shape
 * for, and a person can read it (screenshot in test-results/bpmn-template-bpmnjs.png).
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportBpmn } from "../../src/bpmn/export-bpmn";
import { layoutMap } from "../../src/layout/layout-map";
import { createNodeElk } from "../../src/layout/node-elk";
import { createRevOpsTemplate } from "../../src/model/templates";
import { ARTIFACTS_DIR, type BrowserSession, launchBrowser, watchConsole } from "./browser";

const BPMN_JS = path.resolve("node_modules/bpmn-js/dist");

/** A page of its own, served by this test: bpmn-js's viewer bundle and styles, and one canvas. */
function viewerPage(): string {
  const css = ["assets/diagram-js.css", "assets/bpmn-js.css"]
    .map((file) => readFileSync(path.join(BPMN_JS, file), "utf8"))
    .join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><title>bpmn-js</title>
<style>${css} html, body, #canvas { margin: 0; width: 100%; height: 100%; background: #fff; }</style>
</head><body><div id="canvas"></div></body></html>`;
}

interface Rendered {
  warnings: string[];
  error: string | null;
  drawn: string[];
  expected: string[];
}

describe("the template exported as BPMN in bpmn-js", () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await session.close();
  });

  it("imports without warnings and draws every shape and edge", async () => {
    // Given the template laid out by Handoff and exported as BPMN
    const map = createRevOpsTemplate();
    const xml = exportBpmn(map, await layoutMap(createNodeElk(), map));
    const page = await session.context.newPage();
    const problems = watchConsole(page);
    await page.setContent(viewerPage());
    await page.addScriptTag({ path: path.join(BPMN_JS, "bpmn-viewer.production.min.js") });

    // When bpmn-js opens it
    const rendered: Rendered = await page.evaluate(async (text) => {
      // biome-ignore lint/suspicious/noExplicitAny: the UMD bundle's global has no types here.
      const viewer = new (window as any).BpmnJS({ container: "#canvas" });
      try {
        const result = await viewer.importXML(text);
        viewer.get("canvas").zoom("fit-viewport");
        const doc = new DOMParser().parseFromString(text, "application/xml");
        const expected = Array.from(doc.getElementsByTagNameNS("*", "*"))
          .filter((el) => el.localName === "BPMNShape" || el.localName === "BPMNEdge")
          .map((el) => el.getAttribute("bpmnElement") ?? "");
        const drawn = Array.from(document.querySelectorAll(".djs-element[data-element-id]"))
          .map((el) => el.getAttribute("data-element-id") ?? "")
          .filter((id) => !id.endsWith("_label"));
        return {
          warnings: result.warnings.map((w: { message: string }) => w.message),
          error: null,
          drawn,
          expected,
        };
      } catch (error) {
        return { warnings: [], error: String(error), drawn: [], expected: [] };
      }
    }, xml);

    // Then nothing is missing and the viewer had nothing to complain about
    expect(rendered.error).toBeNull();
    expect(rendered.warnings).toEqual([]);
    expect(rendered.expected.length).toBeGreaterThan(60);
    expect(new Set(rendered.drawn)).toEqual(new Set(rendered.expected));
    // And a person sees the lanes, a phase, a step and an edge case
    for (const text of ["Marketing", "Engagement", "Lead capture", "EC-1"])
      await expect(page.getByText(text, { exact: false }).first().isVisible()).resolves.toBe(true);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "bpmn-template-bpmnjs.png") });
    expect(problems).toEqual([]);
    await page.close();
  });
});
