/**
 * `handoff serve` as a real process (bin/handoff.js, on a free port): killed with SIGKILL and
 * started again, it serves every room with nothing lost, and the people who were connected
 * merge what they did while it was down. SIGTERM saves and stops cleanly.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readMap, writeMap } from "../../src/live/map-doc";
import { newRoomId } from "../../src/live/room-id";
import * as ops from "../../src/model/operations";
import { createRevOpsTemplate } from "../../src/model/templates";
import type { HandoffMap } from "../../src/model/types";
import { connectClient, makeDirs, waitFor, whenSynced } from "./live-harness";

const ROOT = path.resolve(__dirname, "../..");

interface Running {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function startServe(dataDir: string, distDir: string, port = 0): Promise<Running> {
  const child = spawn(
    process.execPath,
    ["bin/handoff.js", "serve", "--port", String(port), "--data", dataDir],
    {
      cwd: ROOT,
      env: { ...process.env, HANDOFF_DIST: distDir },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  cleanups.push(() => {
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await waitFor(
    () => /open {2}http:\/\/127\.0\.0\.1:(\d+)\//.test(text) || child.exitCode !== null,
    "the server to start",
    30_000,
  );
  const match = /open {2}http:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
  if (match === null) throw new Error(`the server did not start:\n${text}`);
  return { child, port: Number(match[1]), output: () => text, exited };
}

function mapOf(doc: import("yjs").Doc): HandoffMap | null {
  const result = readMap(doc);
  return result.ok ? result.map : null;
}

describe("handoff serve as a process", () => {
  it("survives SIGKILL: every room intact, and edits made while it was down merge on reconnect", async () => {
    const dirs = makeDirs();
    cleanups.push(() => rmSync(dirs.root, { recursive: true, force: true }));
    const first = await startServe(dirs.dataDir, dirs.distDir);
    const wsUrl = `ws://127.0.0.1:${first.port}/live`;
    const room = newRoomId();
    const quietRoom = newRoomId();

    // A room whose only person left before the crash.
    const solo = connectClient(wsUrl, quietRoom);
    await whenSynced(solo.provider);
    const quietMap = ops.updateMapInfo(createRevOpsTemplate(), { title: "Quiet room" });
    writeMap(solo.doc, quietMap, "solo");
    const check = connectClient(wsUrl, quietRoom);
    await waitFor(() => mapOf(check.doc)?.title === "Quiet room", "the quiet room's map to be served");
    solo.provider.destroy();
    check.provider.destroy();

    const ana = connectClient(wsUrl, room);
    const ben = connectClient(wsUrl, room);
    cleanups.push(() => {
      ana.provider.destroy();
      ben.provider.destroy();
    });
    await Promise.all([whenSynced(ana.provider), whenSynced(ben.provider)]);
    const base = createRevOpsTemplate();
    writeMap(ana.doc, base, "ana");
    await waitFor(() => mapOf(ben.doc) !== null, "Ben to receive the map");
    const stepA = base.steps[0]?.id as string;
    const stepB = base.steps[1]?.id as string;
    writeMap(ana.doc, ops.updateMapInfo(mapOf(ana.doc) as HandoffMap, { title: "Before the crash" }), "ana");
    writeMap(ben.doc, ops.updateStep(mapOf(ben.doc) as HandoffMap, stepA, { label: "Ben, before" }), "ben");
    await waitFor(
      () => mapOf(ana.doc)?.steps[0]?.label === "Ben, before" && mapOf(ben.doc)?.title === "Before the crash",
      "both edits to reach both",
    );

    first.child.kill("SIGKILL");
    await first.exited;
    await waitFor(() => !ana.provider.wsconnected && !ben.provider.wsconnected, "both to notice");

    // Offline: both keep editing.
    writeMap(ana.doc, ops.updateStep(mapOf(ana.doc) as HandoffMap, stepB, { owner: "Ana, offline" }), "ana");
    writeMap(ben.doc, ops.addLane(mapOf(ben.doc) as HandoffMap, { id: "l-ben", name: "Legal" }), "ben");

    const second = await startServe(dirs.dataDir, dirs.distDir, first.port);
    const want = (map: HandoffMap | null) =>
      map !== null &&
      map.title === "Before the crash" &&
      map.steps.find((s) => s.id === stepA)?.label === "Ben, before" &&
      map.steps.find((s) => s.id === stepB)?.owner === "Ana, offline" &&
      map.lanes.some((l) => l.id === "l-ben");
    await waitFor(
      () => want(mapOf(ana.doc)) && want(mapOf(ben.doc)),
      "both to merge after the restart",
      30_000,
    );
    expect(mapOf(ana.doc)).toEqual(mapOf(ben.doc));

    const carol = connectClient(`ws://127.0.0.1:${second.port}/live`, room);
    const quiet = connectClient(`ws://127.0.0.1:${second.port}/live`, quietRoom);
    cleanups.push(() => {
      carol.provider.destroy();
      quiet.provider.destroy();
    });
    await waitFor(() => want(mapOf(carol.doc)), "a newcomer to get every edit");
    expect(mapOf(carol.doc)).toEqual(mapOf(ana.doc));
    await waitFor(() => mapOf(quiet.doc) !== null, "the quiet room");
    expect(mapOf(quiet.doc)).toEqual(quietMap);
    second.child.kill("SIGKILL");
    await second.exited;
  }, 90_000);

  it("SIGTERM saves every room as a snapshot and exits 0", async () => {
    const dirs = makeDirs();
    cleanups.push(() => rmSync(dirs.root, { recursive: true, force: true }));
    const running = await startServe(dirs.dataDir, dirs.distDir);
    const room = newRoomId();
    const ana = connectClient(`ws://127.0.0.1:${running.port}/live`, room);
    cleanups.push(() => ana.provider.destroy());
    await whenSynced(ana.provider);
    writeMap(ana.doc, createRevOpsTemplate(), "ana");
    const ben = connectClient(`ws://127.0.0.1:${running.port}/live`, room);
    cleanups.push(() => ben.provider.destroy());
    await waitFor(() => mapOf(ben.doc) !== null, "Ben to receive the map");
    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(0);
    expect(running.output()).toMatch(/stopping \(SIGTERM\): saving every room/);
    expect(running.output()).toMatch(/stopped/);
    const dir = path.join(dirs.dataDir, room);
    expect(readdirSync(dir).sort()).toEqual(["snapshot.bin", "updates.log"]);
    expect(statSync(path.join(dir, "updates.log")).size).toBe(0);
  }, 60_000);
});
