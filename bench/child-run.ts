/**
 * One bench task per fresh Node child process, so each measurement has its own JIT warm-up and its
 * own peak RSS (process.resourceUsage().maxRSS is per process and never goes down).
 *
 * A bench file is both the parent and the child: the parent forks the same file with
 * `--child <task as JSON>`, the child runs that one task and sends the result back over IPC.
 *
 * @example
 * ```ts
 * const result = await runInChild<TaskResult>(import.meta.url, { size: 200, runs: 5 });
 * // at the bottom of the bench file:
 * await runParentOrChild({ parent: main, child: runTask });
 * ```
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const CHILD_FLAG = "--child";

/** What runInChild resolves to when the child ran past its timeout and was killed. */
export interface TimedOut {
  timedOut: true;
}

interface ChildOptions {
  /** Node flags for the child on top of the parent's own (tsx's loader is among those). */
  extraExecArgv?: readonly string[];
}

/**
 * Forks `benchUrl` (the bench's `import.meta.url`) to run `task`, and resolves with what the child
 * sends. Rejects when the child cannot start or exits with a non-zero code. With `timeoutMs`, a child
 * still running then is killed (SIGKILL) and the promise resolves with `{ timedOut: true }`.
 */
export function runInChild<Result>(benchUrl: string, task: unknown, options?: ChildOptions): Promise<Result>;
export function runInChild<Result>(
  benchUrl: string,
  task: unknown,
  options: ChildOptions & { timeoutMs: number },
): Promise<Result | TimedOut>;
export function runInChild<Result>(
  benchUrl: string,
  task: unknown,
  options: ChildOptions & { timeoutMs?: number } = {},
): Promise<Result | TimedOut> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(benchUrl), [CHILD_FLAG, JSON.stringify(task)], {
      execArgv: [...process.execArgv, ...(options.extraExecArgv ?? [])],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            child.kill("SIGKILL");
            resolve({ timedOut: true });
          }, options.timeoutMs);
    child.once("message", (message) => {
      clearTimeout(timer);
      resolve(message as Result);
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      // A killed child exits with code null: the timeout has resolved already.
      if (code !== 0 && code !== null) {
        clearTimeout(timer);
        reject(new Error(`bench child exited with ${code}`));
      }
    });
  });
}

/**
 * The bench file's entry point: in a child started by runInChild, runs the one task it was given
 * and sends the result to the parent; otherwise runs `parent` (the whole bench).
 */
export async function runParentOrChild<Task, Result>(entry: {
  parent: () => Promise<void>;
  child: (task: Task) => Promise<Result>;
}): Promise<void> {
  const childIndex = process.argv.indexOf(CHILD_FLAG);
  if (childIndex < 0) {
    await entry.parent();
    return;
  }
  // The task is the parent's own JSON.stringify of a Task, not outside input.
  const task = JSON.parse(process.argv[childIndex + 1] ?? "{}") as Task;
  const result = await entry.child(task);
  process.send?.(result);
  process.disconnect?.();
}
