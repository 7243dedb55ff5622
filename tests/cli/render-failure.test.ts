import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runExport } from "../../src/cli/export-command";
import type { CliIo } from "../../src/cli/io";
import { RenderError, renderPng } from "../../src/cli/render-png";
import { renderJson } from "../../src/export/render-json";
import { createRevOpsTemplate } from "../../src/model/templates";
import { tempDir } from "./cli-harness";

/**
 * resvg 2.6.2 panics (abort, exit 134, a Rust backtrace) on a marker wholly outside the canvas.
 * Run in this process, this SVG would end the test runner itself.
 */
const PANICS = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100"><defs><marker id="m" markerWidth="10" markerHeight="10" refX="5" refY="5" orient="auto"><path d="M0,0 L10,5 L0,10 z"/></marker></defs><path d="M-5000,10 L-4000,10" stroke="black" marker-end="url(#m)"/></svg>`;

describe("renderPng: a renderer failure is an error with a message, never an abort", () => {
  it("given an SVG that makes resvg panic, then it rejects with RenderError and this process lives on", async () => {
    const error = await renderPng(PANICS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as Error).message).toBe(
      "the PNG renderer (resvg) crashed on this drawing: called `Option::unwrap()` on a `None` value",
    );
  });

  it("given text that is not SVG, then it rejects with resvg's own words", async () => {
    const error = await renderPng("<svg").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    expect((error as Error).message).toMatch(/^the PNG renderer \(resvg\) failed: \S/);
  });

  it("given a good SVG, then the PNG and its size come back", async () => {
    const image = await renderPng(PANICS.replace("M-5000,10 L-4000,10", "M10,10 L40,10"), { scale: 2 });
    expect(image).toMatchObject({ width: 200, height: 200, scale: 2 });
  });
});

describe("handoff export --format png when the renderer fails", () => {
  it("then it exits 1 with the message and a way out", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "map.json"), renderJson(createRevOpsTemplate()));
    let stderr = "";
    const io: CliIo = {
      stdout: () => undefined,
      stderr: (text) => {
        stderr += text;
      },
      cwd: dir,
    };
    const failing = () =>
      Promise.reject(new RenderError("the PNG renderer (resvg) crashed on this drawing: boom"));
    expect(await runExport(["map.json", "-o", "map.png"], io, failing)).toBe(1);
    expect(stderr).toBe(
      "handoff export: the PNG renderer (resvg) crashed on this drawing: boom. " +
        "The SVG of the same map may still be made: handoff export map.json --format svg\n",
    );
  });
});
