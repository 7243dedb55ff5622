import { execFile, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  createReadStream,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderCsv } from "../../src/export/render-csv";
import { renderJson } from "../../src/export/render-json";
import { createRevOpsTemplate } from "../../src/model/templates";
import { runCli, tempDir } from "./cli-harness";

/**
 * `-o OUT` written the way careful tools write (issue 12, item 5, 8, 12): what OUT is decides
 * how. Every case exports the template's CSV register, which needs no layout.
 */
const template = createRevOpsTemplate();
const csv = renderCsv(template);

function setup() {
  const dir = tempDir();
  writeFileSync(path.join(dir, "map.json"), renderJson(template));
  const at = (name: string) => path.join(dir, name);
  const exportTo = (out: string, ...more: string[]) =>
    runCli(["export", "map.json", "-o", out, ...more], dir);
  const temps = () => readdirSync(dir).filter((name) => name.endsWith(".tmp"));
  return { dir, at, exportTo, temps };
}

describe("handoff export -o OUT", () => {
  it("given a new file, then it is written with the default mode and no temporary file is left", async () => {
    const { at, exportTo, temps } = setup();
    expect((await exportTo("new.csv")).code).toBe(0);
    expect(readFileSync(at("new.csv"), "utf8")).toBe(csv);
    expect(temps()).toEqual([]);
  });

  it.each([
    ["600", 0o600],
    ["640", 0o640],
    ["664", 0o664],
    ["755", 0o755],
  ])("given a file of mode %s, then the mode is kept", async (_name, mode) => {
    const { at, exportTo } = setup();
    writeFileSync(at("kept.csv"), "old");
    chmodSync(at("kept.csv"), mode);
    expect((await exportTo("kept.csv")).code).toBe(0);
    expect(readFileSync(at("kept.csv"), "utf8")).toBe(csv);
    expect(statSync(at("kept.csv")).mode & 0o777).toBe(mode);
  });

  it("given a read-only file, then it is refused unless --force, which keeps the mode", async () => {
    const { dir, at, exportTo } = setup();
    writeFileSync(at("locked.csv"), "old");
    chmodSync(at("locked.csv"), 0o444);
    const refused = await exportTo("locked.csv");
    expect(refused).toMatchObject({
      code: 1,
      stderr: "handoff export: locked.csv is read-only (mode 444); add --force to replace it\n",
    });
    expect(readFileSync(at("locked.csv"), "utf8")).toBe("old");
    expect((await exportTo("locked.csv", "--force")).code).toBe(0);
    expect(readFileSync(at("locked.csv"), "utf8")).toBe(csv);
    expect(statSync(at("locked.csv")).mode & 0o777).toBe(0o444);

    // handoff new writes the same way.
    expect((await runCli(["new", "-o", "locked.csv"], dir)).stderr).toBe(
      "handoff new: locked.csv is read-only (mode 444); add --force to replace it\n",
    );
    expect((await runCli(["new", "-o", "locked.csv", "--force"], dir)).code).toBe(0);
  });

  it("given a symbolic link, then the file it points to is written and the link stays a link", async () => {
    const { at, exportTo } = setup();
    writeFileSync(at("real.csv"), "old");
    symlinkSync("real.csv", at("link.csv"));
    expect((await exportTo("link.csv")).code).toBe(0);
    expect(lstatSync(at("link.csv")).isSymbolicLink()).toBe(true);
    expect(readFileSync(at("real.csv"), "utf8")).toBe(csv);
  });

  it("given a link to nothing, then it is refused, saying so", async () => {
    const { at, exportTo } = setup();
    symlinkSync("gone.csv", at("dangling.csv"));
    const result = await exportTo("dangling.csv");
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "handoff export: dangling.csv is a symbolic link to gone.csv, which does not exist; give the path of the file to write\n",
    );
    expect(lstatSync(at("dangling.csv")).isSymbolicLink()).toBe(true);
  });

  it("given a loop of symbolic links, then the message says it is a loop, not that it does not exist", async () => {
    const { at, exportTo } = setup();
    symlinkSync("b.csv", at("a.csv"));
    symlinkSync("a.csv", at("b.csv"));
    expect(await exportTo("a.csv")).toMatchObject({
      code: 1,
      stderr:
        "handoff export: a.csv is a symbolic link to b.csv, which leads back to itself (a loop of symbolic links); give the path of the file to write\n",
    });
  });

  it("given a link into a directory the user may not enter, then the message says permission denied", async () => {
    const { dir, at } = setup();
    mkdirSync(at("private"));
    writeFileSync(at("private/real.csv"), "old");
    chmodSync(at("private"), 0o700);
    symlinkSync("private/real.csv", at("link.csv"));
    chmodSync(dir, 0o777);
    chmodSync(at("map.json"), 0o644);
    // As root every access check passes: run the real command as nobody when this is root.
    const asRoot = process.getuid?.() === 0;
    const bin = path.resolve(__dirname, "../../bin/handoff.js");
    const command = asRoot
      ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", process.execPath]
      : [process.execPath];
    const stderr = await new Promise<string>((resolve) => {
      execFile(
        command[0] ?? "",
        [...command.slice(1), bin, "export", "map.json", "-o", "link.csv"],
        { cwd: dir },
        (_e, _out, err) => resolve(err),
      );
    });
    expect(stderr).toBe(
      "handoff export: link.csv is a symbolic link to private/real.csv, which cannot be reached: permission denied; give the path of the file to write\n",
    );
    expect(readFileSync(at("private/real.csv"), "utf8")).toBe("old");
  });

  it("given /dev/fd/N of a descriptor that is not open, then the message says so", async () => {
    const { exportTo } = setup();
    expect((await exportTo("/dev/fd/987", "--format", "csv")).stderr).toBe(
      "handoff export: /dev/fd/987: file descriptor 987 is not open in this process\n",
    );
  });

  it("given a file with two hard links, then both names see the export (the link is kept)", async () => {
    const { at, exportTo, temps } = setup();
    writeFileSync(at("one.csv"), "a much longer old content ".repeat(1000));
    linkSync(at("one.csv"), at("two.csv"));
    const inode = statSync(at("one.csv")).ino;
    expect((await exportTo("one.csv")).code).toBe(0);
    expect(readFileSync(at("two.csv"), "utf8")).toBe(csv);
    expect(statSync(at("one.csv"))).toMatchObject({ ino: inode, nlink: 2 });
    expect(temps()).toEqual([]);
  });

  it("given a character device, then it is written to, not replaced", async () => {
    const { at, exportTo } = setup();
    execFileSync("mknod", [at("null"), "c", "1", "3"]); // a /dev/null of our own
    const result = await exportTo("null", "--format", "csv");
    expect(result.code).toBe(0);
    expect(statSync(at("null")).isCharacterDevice()).toBe(true);
  });

  it("given a FIFO, then the export goes through it to its reader", async () => {
    const { at, exportTo } = setup();
    execFileSync("mkfifo", [at("pipe")]);
    const received = new Promise<string>((resolve) => {
      let text = "";
      createReadStream(at("pipe"), "utf8")
        .on("data", (chunk) => {
          text += chunk;
        })
        .on("end", () => resolve(text));
    });
    expect((await exportTo("pipe", "--format", "csv")).code).toBe(0);
    expect(await received).toBe(csv);
    expect(lstatSync(at("pipe")).isFIFO()).toBe(true);
  });

  it("given /dev/stdout, then the export is written to the process's stdout and the message to stderr", async () => {
    const { dir } = setup();
    const bin = path.resolve(__dirname, "../../bin/handoff.js");
    const result = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [bin, "export", "map.json", "-o", "/dev/stdout", "--format", "csv"],
        { cwd: dir },
        (_error, stdout, stderr) => resolve({ stdout, stderr }),
      );
    });
    expect(result.stdout).toBe(csv);
    expect(result.stderr).toMatch(/^exported map\.json to \/dev\/stdout \(csv, /);
    expect(lstatSync("/dev/stdout").isSymbolicLink()).toBe(true);
  });

  it("given a directory that does not exist, then the message names the directory", async () => {
    const { exportTo } = setup();
    expect((await exportTo("no/such/out.csv")).stderr).toBe(
      "handoff export: no/such/out.csv: the directory no/such does not exist\n",
    );
  });

  it("given a name of 255 bytes, then it is written (the temporary name is short)", async () => {
    const { at, exportTo, temps } = setup();
    const name = `${"r".repeat(251)}.csv`;
    expect((await exportTo(name)).code).toBe(0);
    expect(readFileSync(at(name), "utf8")).toBe(csv);
    expect(temps()).toEqual([]);
  });

  it("given a name past 255 bytes, then the message names OUT, never a temporary file", async () => {
    const { exportTo } = setup();
    const name = `${"r".repeat(252)}.csv`;
    const result = await exportTo(name);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `handoff export: ${name}: the file name is too long (at most 255 bytes a name)\n`,
    );
  });

  it("given a directory as OUT, then it is refused", async () => {
    const { at, exportTo } = setup();
    mkdirSync(at("folder.csv"));
    expect((await exportTo("folder.csv")).stderr).toBe(
      "handoff export: folder.csv: is a directory, not a file\n",
    );
  });

  it.each(["SIGINT", "SIGTERM"] as const)(
    "given %s while the temporary file is written, then it is removed and OUT is untouched",
    async (signal) => {
      const { dir, at, temps } = setup();
      writeFileSync(at("out.svg"), "old");
      const child = spawn(
        process.execPath,
        ["--import", "tsx", path.resolve(__dirname, "fixtures/hold-write.ts"), at("out.svg")],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      await new Promise<void>((resolve) => child.stdout.on("data", () => resolve()));
      expect(temps()).toHaveLength(1);
      child.kill(signal);
      const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
      expect(code).toBe(signal === "SIGINT" ? 130 : 143);
      expect(temps()).toEqual([]);
      expect(readFileSync(at("out.svg"), "utf8")).toBe("old");
      expect(readdirSync(dir).sort()).toEqual(["map.json", "out.svg"]);
    },
  );
});
