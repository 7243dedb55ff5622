import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { LIVE_PATH } from "../live/live-protocol";
import { DEFAULTS, formatBytes, type LiveServer, startLiveServer } from "../server/live-server";
import type { ServerLog } from "../server/server-log";
import { type CliIo, complain, say, UsageError, usageParse } from "./io";

export const SERVE_USAGE = `Usage: handoff serve [--port 4321] [--host 127.0.0.1] [--data DIR] [--key KEY]

Serves the editor and live rooms on one port: everyone who opens a session link edits,
votes and follows the same map. Builds the editor first when there is no build (dist/).

Options:
  -p, --port PORT       port to listen on (default 4321; 0 takes a free one)
      --host HOST       address to listen on (default 127.0.0.1: this computer only);
                        0.0.0.0 for everyone on your network
  -d, --data DIR        where rooms are kept (default .handoff/rooms in this directory)
  -k, --key KEY         require this key from everyone who joins (it goes in the links);
                        also read from the HANDOFF_KEY environment variable
  -h, --help            show this help

Stop with Ctrl-C: rooms are saved as you go, and once more on the way out.
See docs/live.md for persistence, limits and running it for a workshop.`;

export interface ServeDeps {
  /** The editor's build to serve (default: dist/ of this package, built when missing). */
  distDir?: string;
  /** Resolves when the server should stop (default: SIGINT, SIGTERM or SIGHUP). */
  untilStopped?: (server: LiveServer) => Promise<string>;
  log?: ServerLog;
}

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function runServe(args: string[], io: CliIo, deps: ServeDeps = {}): Promise<number> {
  const { values, positionals } = usageParse(() => parse(args), "serve: ");
  if (values.help) {
    io.stdout(`${SERVE_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(`serve: unexpected argument ${JSON.stringify(positionals[0])}`);
  const port = Number(values.port ?? "4321");
  if (!/^\d+$/.test(values.port ?? "4321") || port > 65535)
    throw new UsageError(
      `serve: --port must be a whole number from 0 to 65535, not ${JSON.stringify(values.port)}`,
    );
  const host = values.host ?? "127.0.0.1";
  if (host.trim() === "") throw new UsageError("serve: --host must not be empty");
  const key = values.key ?? process.env.HANDOFF_KEY;
  if (key !== undefined && key.trim() === "") throw new UsageError("serve: --key must not be empty");
  const dataDir = path.resolve(io.cwd, values.data ?? path.join(".handoff", "rooms"));

  const distDir = deps.distDir ?? process.env.HANDOFF_DIST ?? path.join(PACKAGE_ROOT, "dist");
  if (!existsSync(path.join(distDir, "index.html"))) {
    if (deps.distDir !== undefined || process.env.HANDOFF_DIST !== undefined) {
      complain(io, `handoff serve: no editor build in ${distDir} (index.html is missing)`);
      return 1;
    }
    complain(io, "No editor build yet: building it once (vite build)…");
    const built = await buildEditor(io);
    if (!built) {
      complain(io, "handoff serve: the editor could not be built; run `npm run build` to see why");
      return 1;
    }
  }

  const log = deps.log ?? {
    info: (message: string) => complain(io, `${time()} ${message}`),
    warn: (message: string) => complain(io, `${time()} warning: ${message}`),
  };
  let server: LiveServer;
  try {
    server = await startLiveServer({
      port,
      host,
      dataDir,
      distDir,
      log,
      ...(key === undefined ? {} : { key }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      complain(io, `handoff serve: port ${port} is in use; choose another with --port`);
      return 1;
    }
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") {
      complain(
        io,
        `handoff serve: cannot listen on ${JSON.stringify(host)}: not an address of this computer`,
      );
      return 1;
    }
    if (code === "EACCES") {
      complain(io, `handoff serve: not allowed to listen on port ${port}; choose one above 1023`);
      return 1;
    }
    throw error;
  }

  const query = key === undefined ? "" : `?key=${encodeURIComponent(key)}`;
  say(io, "Handoff live server");
  for (const url of urlsToOpen(host, server.port)) say(io, `  open  ${url}${query}`);
  say(io, `  rooms ${dataDir}`);
  say(
    io,
    `  limits: messages up to ${formatBytes(DEFAULTS.maxMessageBytes)}, ${DEFAULTS.maxConnectionsPerAddress} connections per address; live rooms at ${LIVE_PATH}/<room>`,
  );
  if (isEveryAddress(host) && key === undefined)
    say(
      io,
      "  warning: anyone on your network who can reach this computer can open the editor and join a session whose link they have; add --key KEY to require a key",
    );
  say(io, "Start a live session in the editor and share its link. Ctrl-C stops the server.");

  const why = await (deps.untilStopped ?? untilSignal)(server);
  log.info(`stopping (${why}): saving every room`);
  await server.close();
  log.info("stopped");
  return 0;
}

/** Resolves on the first SIGINT, SIGTERM or SIGHUP, replacing the CLI's exit-at-once handlers. */
function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      // The CLI's default handler exits at once (it only removes temporary files, which serve
      // never writes); here the rooms are compacted first.
      process.removeAllListeners(signal);
      process.once(signal, () => resolve(signal));
    }
  });
}

function isEveryAddress(host: string): boolean {
  return host === "0.0.0.0" || host === "::" || host === "[::]";
}

/** The editor's address: every LAN address when listening on all of them. */
export function urlsToOpen(host: string, port: number): string[] {
  if (!isEveryAddress(host)) {
    const shown = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
    return [`http://${shown}:${port}/`];
  }
  const urls = [`http://127.0.0.1:${port}/`];
  for (const addresses of Object.values(networkInterfaces()))
    for (const address of addresses ?? []) {
      if (address.internal) continue;
      if (address.family === "IPv4") urls.push(`http://${address.address}:${port}/`);
      else if (host !== "0.0.0.0" && !address.address.startsWith("fe80"))
        urls.push(`http://[${address.address}]:${port}/`);
    }
  return urls;
}

function buildEditor(io: CliIo): Promise<boolean> {
  const vite = path.join(PACKAGE_ROOT, "node_modules", "vite", "bin", "vite.js");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vite, "build", "--logLevel", "warn"], {
      cwd: PACKAGE_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => io.stderr(chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => io.stderr(chunk.toString("utf8")));
    child.on("error", () => resolve(false));
    child.on("close", (code) => resolve(code === 0));
  });
}

function time(): string {
  return new Date().toISOString().slice(11, 19);
}

function parse(args: string[]) {
  return parseArgs({
    args,
    options: {
      port: { type: "string", short: "p" },
      host: { type: "string" },
      data: { type: "string", short: "d" },
      key: { type: "string", short: "k" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
}
