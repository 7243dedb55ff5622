// The PNG renderer's own process (see render-png.ts): resvg is native code, and a panic in it
// aborts the whole process, so it runs here, where a crash costs only this process.
// Plain JavaScript on purpose: Node runs it as is, with no TypeScript loader to start.
// stdin: JSON { svg, options } (resvg-js options); stdout: the PNG bytes; stderr: a message.
import { renderAsync } from "@resvg/resvg-js";

// If the CLI is killed outright (SIGKILL, no chance to kill this process), this process is
// handed to another parent: stop rather than draw for nobody. resvg draws on a worker thread,
// so this timer still runs while it works; process.exit would wait for that thread to finish
// the drawing, hence SIGKILL.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, "SIGKILL");
}, 500).unref();

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { svg, options } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
try {
  const image = await renderAsync(svg, options);
  process.stdout.write(image.asPng());
} catch (error) {
  process.stderr.write(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
