import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io";
import { main } from "../../src/cli/main";
import { runServe, SERVE_USAGE, urlsToOpen } from "../../src/cli/serve-command";
import type { LiveServer } from "../../src/server/live-server";
import { makeDirs } from "./live-harness";

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function recordingIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

/** Runs `handoff serve args` until it has printed its URLs, then stops it. */
async function serveOnce(args: string[]) {
  const dirs = makeDirs();
  cleanups.push(() => rmSync(dirs.root, { recursive: true, force: true }));
  const io = recordingIo(dirs.root);
  let seen: LiveServer | undefined;
  const code = await runServe(args, io, {
    distDir: dirs.distDir,
    log: { info: (m) => io.err.push(`${m}\n`), warn: (m) => io.err.push(`warning: ${m}\n`) },
    untilStopped: async (server) => {
      seen = server;
      const info = await fetch(`http://127.0.0.1:${server.port}/handoff-live.json`);
      expect(info.status).toBe(200);
      return "test";
    },
  });
  return { code, stdout: io.out.join(""), stderr: io.err.join(""), server: seen, dirs };
}

describe("handoff serve", () => {
  it("is in the command list and has its own help", async () => {
    const io = recordingIo("/");
    expect(await main(["--help"], io)).toBe(0);
    expect(io.out.join("")).toMatch(/serve {17}serve the editor and live workshop rooms/);
    const help = recordingIo("/");
    expect(await main(["serve", "--help"], help)).toBe(0);
    expect(help.out.join("")).toBe(`${SERVE_USAGE}\n`);
  });

  it("prints the address to open, where rooms are kept and its limits; stops cleanly", async () => {
    const { code, stdout, stderr, server, dirs } = await serveOnce(["--port", "0"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`open  http://127.0.0.1:${server?.port}/\n`);
    expect(stdout).toContain(`rooms ${dirs.root}/.handoff/rooms`);
    expect(stdout).toMatch(/messages up to 4 MB, 64 connections per address/);
    expect(stdout).not.toMatch(/warning/);
    expect(stderr).toMatch(/stopping \(test\): saving every room/);
  });

  it("with --key, the links carry the key", async () => {
    const { stdout } = await serveOnce(["--port", "0", "--key", "s3cret&x"]);
    expect(stdout).toMatch(/open {2}http:\/\/127\.0\.0\.1:\d+\/\?key=s3cret%26x\n/);
  });

  it("on every address, lists this computer's network addresses and warns when there is no key", async () => {
    const { stdout } = await serveOnce(["--port", "0", "--host", "0.0.0.0", "--data", "rooms"]);
    expect(stdout).toMatch(/warning: anyone on your network/);
    for (const url of urlsToOpen("0.0.0.0", 1)) expect(stdout).toContain(url.replace(":1/", ":"));
    const keyed = await serveOnce(["--port", "0", "--host", "0.0.0.0", "--key", "k"]);
    expect(keyed.stdout).not.toMatch(/warning/);
  });

  it("refuses bad options with exit 2 and the usage", async () => {
    for (const args of [["--port", "http"], ["--port", "70000"], ["--key", ""], ["extra"], ["--colour"]]) {
      const io = recordingIo("/");
      expect(await main(["serve", ...args], io)).toBe(2);
      expect(io.err.join("")).toContain(SERVE_USAGE);
    }
  });

  it("says so when the build it is told to serve is missing", async () => {
    const io = recordingIo("/");
    const code = await runServe(["--port", "0"], io, { distDir: "/nonexistent/dist" });
    expect(code).toBe(1);
    expect(io.err.join("")).toContain("no editor build in /nonexistent/dist (index.html is missing)");
  });

  it("says so when the port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => blocker.close());
    const port = (blocker.address() as { port: number }).port;
    const { code, stderr } = await serveOnce(["--port", String(port)]);
    expect(code).toBe(1);
    expect(stderr).toContain(`port ${port} is in use; choose another with --port`);
  });
});
