import { execFileSync, spawn } from "node:child_process";
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

/** The pids of `pid`'s renderer processes (tsx has a child of its own, esbuild). */
function renderersOf(pid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .filter((line) => line.includes("render-png-child"))
      .map((line) => Number.parseInt(line, 10));
  } catch {
    return []; // ps exits 1 when there are none
  }
}

/** Running: a process that has ended but not been reaped yet (a zombie) is not. */
function isRunning(pid: number): boolean {
  try {
    const state = execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim();
    return state !== "" && !state.startsWith("Z");
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the renderer process ends with the CLI", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "given %s to the CLI while resvg draws, then the renderer process is killed too",
    async (signal) => {
      const cli = spawn(
        process.execPath,
        ["--import", "tsx", path.resolve(__dirname, "fixtures/slow-render.ts")],
        {
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      const pid = cli.pid ?? 0;
      await new Promise<void>((resolve) => cli.stdout.on("data", () => resolve()));
      let renderer: number | undefined;
      for (let tries = 0; renderer === undefined && tries < 50; tries++) {
        renderer = renderersOf(pid)[0];
        if (renderer === undefined) await sleep(50);
      }
      expect(renderer).toBeDefined();
      const closed = new Promise<number | null>((resolve) => cli.on("close", (code) => resolve(code)));
      cli.kill(signal);
      expect(await closed).toBe(signal === "SIGINT" ? 130 : 143);
      for (let tries = 0; isRunning(renderer ?? 0) && tries < 40; tries++) await sleep(50);
      const alive = isRunning(renderer ?? 0);
      if (alive) process.kill(renderer ?? 0, "SIGKILL"); // do not leave it drawing for 20 s
      expect(alive).toBe(false);
    },
    15_000,
  );
});
