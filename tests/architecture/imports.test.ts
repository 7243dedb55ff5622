import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The house's one direction of imports, enforced: model <- layout <- export <- store <- ui <- app,
 * with cli beside store (core only). The core never imports React, React Flow, zustand or the DOM.
 */
const SRC = path.resolve(__dirname, "../../src");

const ALLOWED: Record<string, readonly string[]> = {
  model: ["model"],
  layout: ["model", "layout"],
  export: ["model", "layout", "export"],
  store: ["model", "layout", "export", "live", "store"],
  ui: ["model", "layout", "export", "store", "ui"],
  app: ["model", "layout", "export", "store", "ui", "app"],
  cli: ["model", "layout", "export", "live", "server", "cli"],
  live: ["model", "live"],
  server: ["model", "live", "server"],
  bench: ["model", "layout", "export", "store", "ui", "bench"],
};

const CORE = new Set(["model", "layout", "export", "cli", "live", "server"]);
const UI_PACKAGES = /^(react|react-dom|@xyflow\/|zustand|zundo|idb-keyval)/;
/** The store is vanilla zustand: React and React Flow meet it only in ui/. */
const STORE_FORBIDDEN = /^(react|react-dom|@xyflow\/|zustand$|zustand\/react)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g))
    if (match[1] !== undefined) specifiers.push(match[1]);
  for (const match of text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g))
    if (match[1] !== undefined) specifiers.push(match[1]);
  // Side-effect imports (`import "./x"`) and worker URLs (`new URL("./x.ts", import.meta.url)`).
  for (const match of text.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g))
    if (match[1] !== undefined) specifiers.push(match[1]);
  for (const match of text.matchAll(/new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url/g))
    if (match[1] !== undefined) specifiers.push(match[1]);
  return specifiers;
}

const files = sourceFiles(SRC);

describe("import direction", () => {
  it("finds the source files", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [path.relative(SRC, f), f]))("%s imports only what its room may", (_rel, file) => {
    const room = path.relative(SRC, file).split(path.sep)[0] as string;
    const allowed = ALLOWED[room];
    expect(allowed, `src/${room} is not a known room; add it to ALLOWED`).toBeDefined();
    const problems: string[] = [];
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith(".")) {
        const target = path
          .relative(SRC, path.resolve(path.dirname(file), specifier))
          .split(path.sep)[0] as string;
        if (!allowed?.includes(target)) problems.push(`imports src/${target} (${specifier})`);
      } else if (CORE.has(room) && UI_PACKAGES.test(specifier)) {
        problems.push(`the core imports ${specifier}`);
      } else if (room === "store" && STORE_FORBIDDEN.test(specifier)) {
        problems.push(`the store imports ${specifier}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
