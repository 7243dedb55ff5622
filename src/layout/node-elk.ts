/**
 * ELK for Node, the CLI and tests: the bundled build, run in-thread. Do not import this from
 * browser code (the bundled build takes over `self.onmessage` inside a worker, elkjs issues 82 and
 * 141); the browser uses layout-client.ts.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkLayouter } from "./layout-map";

export function createNodeElk(): ElkLayouter {
  return new ELK();
}
