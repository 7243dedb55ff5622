/**
 * Helpers for the server's integration tests: a real server on a free port with its own data
 * and dist directories, y-websocket clients in Node (the `ws` library as WebSocket), raw
 * websockets for hostile input, and waiting without fixed sleeps.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { LIVE_PATH } from "../../src/live/live-protocol";
import { type LiveServer, type LiveServerOptions, startLiveServer } from "../../src/server/live-server";
import type { ServerLog } from "../../src/server/server-log";

export interface TestServer {
  server: LiveServer;
  url: string;
  wsUrl: string;
  dataDir: string;
  distDir: string;
  lines: string[];
  stop(): Promise<void>;
}

export function makeDirs(): { root: string; dataDir: string; distDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), "handoff-serve-"));
  const dataDir = path.join(root, "rooms");
  const distDir = path.join(root, "dist");
  mkdirSync(distDir, { recursive: true });
  writeFileSync(path.join(distDir, "index.html"), "<!doctype html><title>Handoff</title>");
  mkdirSync(path.join(distDir, "assets"));
  writeFileSync(path.join(distDir, "assets", "app-1234.js"), "console.log('handoff')");
  return { root, dataDir, distDir };
}

export async function startTestServer(
  options: Partial<LiveServerOptions> = {},
  dirs = makeDirs(),
): Promise<TestServer> {
  const lines: string[] = [];
  const log: ServerLog = {
    info: (message) => lines.push(message),
    warn: (message) => lines.push(`warning: ${message}`),
  };
  const server = await startLiveServer({
    port: 0,
    host: "127.0.0.1",
    dataDir: dirs.dataDir,
    distDir: dirs.distDir,
    log,
    ...options,
  });
  return {
    server,
    url: `http://127.0.0.1:${server.port}`,
    wsUrl: `ws://127.0.0.1:${server.port}${LIVE_PATH}`,
    dataDir: dirs.dataDir,
    distDir: dirs.distDir,
    lines,
    stop: async () => {
      await server.close();
      rmSync(dirs.root, { recursive: true, force: true });
    },
  };
}

export function connectClient(
  wsUrl: string,
  room: string,
  options: { key?: string; doc?: Y.Doc } = {},
): { doc: Y.Doc; provider: WebsocketProvider; closes: { code: number; reason: string }[] } {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    // Node 20 has BroadcastChannel: without this, clients in one process would sync around the server.
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    ...(options.key === undefined ? {} : { params: { key: options.key } }),
  });
  const closes: { code: number; reason: string }[] = [];
  provider.on("connection-close", (event) => {
    if (event !== null) closes.push({ code: event.code, reason: event.reason });
  });
  return { doc, provider, closes };
}

export function whenSynced(provider: WebsocketProvider): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = (synced: boolean) => {
      if (!synced) return;
      provider.off("sync", listener);
      resolve();
    };
    provider.on("sync", listener);
  });
}

/** Polls until `check` returns true (or throws the last failure after `timeoutMs`). */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface RawClient {
  ws: WebSocket;
  messages: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<boolean>;
}

/** A bare websocket, for input no y-websocket client would send. */
export function rawClient(url: string, options: WebSocket.ClientOptions = {}): RawClient {
  const ws = new WebSocket(url, options);
  const messages: Uint8Array[] = [];
  ws.on("message", (data) => messages.push(new Uint8Array(data as Buffer)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  const opened = new Promise<boolean>((resolve) => {
    ws.on("open", () => resolve(true));
    ws.on("error", () => resolve(false));
    ws.on("unexpected-response", (_request, response) => {
      resolve(false);
      response.resume();
    });
  });
  return { ws, messages, closed, opened };
}
