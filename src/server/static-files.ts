import { createReadStream, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".wasm": "application/wasm",
};

/**
 * Serves the editor's production build from `root`: GET and HEAD only, nothing outside `root`
 * (no `..`, no NUL), index.html for any path without a
 * file (the editor reads `?room=` itself). Hashed assets are cached for a year; the rest is
 * revalidated. Links carry the room id and key, so no page here sends a Referer.
 */
export function serveStatic(request: IncomingMessage, response: ServerResponse, root: string): void {
  if (request.method !== "GET" && request.method !== "HEAD") {
    respond(response, 405, "method not allowed", { Allow: "GET, HEAD" });
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
  } catch {
    respond(response, 400, "bad request");
    return;
  }
  if (pathname.includes("\0")) {
    respond(response, 400, "bad request");
    return;
  }
  const base = path.resolve(root);
  let file = path.resolve(base, `.${path.posix.normalize(pathname)}`);
  if (file !== base && !file.startsWith(`${base}${path.sep}`)) {
    respond(response, 404, "not found");
    return;
  }
  let size = fileSize(file);
  if (size === null) {
    // A path that names a missing asset is a 404; any other is the editor itself.
    if (path.extname(pathname) !== "") {
      respond(response, 404, "not found");
      return;
    }
    file = path.join(base, "index.html");
    size = fileSize(file);
    if (size === null) {
      respond(response, 404, "the editor is not built");
      return;
    }
  }
  const immutable = pathname.startsWith("/assets/");
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    "Content-Type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
    "Content-Length": size,
    "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
  });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on("error", () => response.destroy());
  stream.pipe(response);
}

export const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
} as const;

export function respond(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    "Content-Type": "text/plain; charset=utf-8",
    ...headers,
  });
  response.end(`${text}\n`);
}

function fileSize(file: string): number | null {
  try {
    const stat = statSync(file);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}
