import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BAD_MAPS } from "../fixtures/bad-maps";
import { map, step } from "../fixtures/model-maps";
import { VALID_MAPS } from "../fixtures/valid-maps";
import { runCli, tempDir } from "./cli-harness";

const dir = tempDir();
let counter = 0;
/** Writes file text as is, and any other value as JSON, to a fresh file. */
function fileWith(input: unknown): string {
  counter += 1;
  const name = `case-${counter}.json`;
  writeFileSync(path.join(dir, name), typeof input === "string" ? input : JSON.stringify(input));
  return name;
}

describe("handoff validate rejects every bad case with its named errors, exit 1, no stack trace", () => {
  // A file is text: the one case given as a 20,000-deep value (for parseMap) cannot be written by
  // JSON.stringify, and its file-text twin ("… as file text") covers the CLI.
  const asFiles = BAD_MAPS.filter(
    ([name]) => name !== "20,000 levels of nested arrays where lanes should be",
  );
  it("covers every bad case but the value-only one", () => {
    expect(asFiles).toHaveLength(BAD_MAPS.length - 1);
  });

  it.each(asFiles)("%s", async (_name, input, errors) => {
    const file = fileWith(input());
    const run = await runCli(["validate", file], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const problems = errors.length;
    expect(run.stderr).toBe(
      `${errors.join("\n")}\ninvalid: ${problems} problem${problems === 1 ? "" : "s"} in ${file}\n`,
    );
  });
});

describe("handoff validate accepts every valid case", () => {
  const valid = VALID_MAPS;

  it.each(valid)("%s", async (_name, input, summary) => {
    const run = await runCli(["validate", fileWith(input())], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`valid: ${summary}\n`);
  });

  it("a 10 MB map", async () => {
    const steps = Array.from({ length: 20_000 }, (_, i) =>
      step(`s${i}`, "a", { description: "x".repeat(500) }),
    );
    const text = JSON.stringify(map({ steps }));
    expect(text.length).toBeGreaterThan(10 * 1024 * 1024);
    const run = await runCli(["validate", fileWith(text)], dir);
    expect(run).toEqual({
      code: 0,
      stdout: "valid: 20000 steps, 2 lanes, 0 phases, 0 handoffs, 0 edge cases\n",
      stderr: "",
    });
  });
});
