// Worker threads do not inherit tsx's loader from the main thread: register it here, then run
// the TypeScript worker (as bin/handoff.js does for the CLI).
import { register } from "tsx/esm/api";

register();
await import("./live-clients.worker.ts");
