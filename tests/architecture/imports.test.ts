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
  // The export format table lists BPMN beside SVG; the BPMN writer itself never imports export.
  export: ["model", "layout", "bpmn", "export"],
  bpmn: ["model", "layout", "bpmn"],
  store: ["model", "layout", "export", "bpmn", "live", "store"],
  ui: ["model", "layout", "export", "bpmn", "store", "ui"],
  app: ["model", "layout", "export", "bpmn", "store", "ui", "app"],
  cli: ["model", "layout", "export", "bpmn", "live", "server", "cli"],
  live: ["model", "live"],
  server: ["model", "live", "server"],
  bench: ["model", "layout", "export", "store", "ui", "bench"],
};

const CORE = new Set(["model", "layout", "export", "bpmn", "cli", "live", "server"]);
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

/**
 * The ui changes the document only by dispatching the store's named commands
 * (src/store/commands): it never reaches for the model's edit functions itself.
 */
const UI_FORBIDDEN_MODULES = ["model/operations"];

describe("the ui edits only through commands", () => {
  const uiFiles = files.filter((file) => path.relative(SRC, file).split(path.sep)[0] === "ui");

  it.each(uiFiles.map((f) => [path.relative(SRC, f), f]))(
    "%s does not import the model's edits",
    (_rel, file) => {
      const problems = importsOf(file)
        .filter((specifier) => specifier.startsWith("."))
        .map((specifier) =>
          path
            .relative(SRC, path.resolve(path.dirname(file), specifier))
            .split(path.sep)
            .join("/"),
        )
        .filter((target) => UI_FORBIDDEN_MODULES.some((forbidden) => target === forbidden));
      expect(problems).toEqual([]);
    },
  );
});

/** The folder of src/ui a file is in ("canvas", "editor"…), or "." for a file directly in src/ui. */
function uiFolderOf(file: string): string {
  const parts = path.relative(path.join(SRC, "ui"), file).split(path.sep);
  return parts.length > 1 ? (parts[0] as string) : ".";
}

/** One import cycle among the folders of `graph`, as a path that ends where it starts; or null. */
function findCycle(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") return [...stack.slice(stack.indexOf(next)), next];
      if (state.get(next) === undefined) {
        const found = visit(next);
        if (found !== null) return found;
      }
    }
    stack.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.get(node) !== undefined) continue;
    const found = visit(node);
    if (found !== null) return found;
  }
  return null;
}

describe("the ui's folders import each other one way", () => {
  const graph = new Map<string, Set<string>>();
  const why = new Map<string, string>();
  for (const file of files) {
    if (path.relative(SRC, file).split(path.sep)[0] !== "ui") continue;
    const from = uiFolderOf(file);
    if (!graph.has(from)) graph.set(from, new Set());
    for (const specifier of importsOf(file)) {
      if (!specifier.startsWith(".")) continue;
      const target = path.resolve(path.dirname(file), specifier);
      if (path.relative(SRC, target).split(path.sep)[0] !== "ui") continue;
      const to = uiFolderOf(target);
      if (to === from) continue;
      graph.get(from)?.add(to);
      if (!why.has(`${from}->${to}`))
        why.set(`${from}->${to}`, `${path.relative(SRC, file)} imports ${specifier}`);
    }
  }

  it("finds a cycle when there is one (the check itself)", () => {
    const cyclic = new Map([
      ["canvas", new Set(["editor"])],
      ["editor", new Set(["keyboard"])],
      ["keyboard", new Set(["canvas"])],
    ]);
    expect(findCycle(cyclic)).toEqual(["canvas", "editor", "keyboard", "canvas"]);
    expect(
      findCycle(
        new Map([
          ["a", new Set(["b"])],
          ["b", new Set<string>()],
        ]),
      ),
    ).toBeNull();
  });

  it("has no import cycle between folders of src/ui", () => {
    const cycle = findCycle(graph);
    const edges = cycle === null ? [] : cycle.slice(1).map((to, i) => why.get(`${cycle[i]}->${to}`));
    expect(edges).toEqual([]);
  });
});
