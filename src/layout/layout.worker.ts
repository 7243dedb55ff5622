/// <reference lib="webworker" />
/**
 * The layout worker: a message shell around handleLayoutMessage, nothing else.
 *
 * HAZARD elkjs's bundled build, loaded inside a worker, assigns `self.onmessage` to its own
 * dispatcher (elkjs issues 82 and 141). Its in-thread FakeWorker is exported regardless, so we
 * import it and then assign `self.onmessage` ourselves, which replaces ELK's handler. Keep the
 * assignment below the import and never use addEventListener here, or both handlers would run.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import { handleLayoutMessage } from "./layout-protocol";

declare const self: DedicatedWorkerGlobalScope;

const elk = new ELK();

self.onmessage = (event: MessageEvent<unknown>) => {
  void handleLayoutMessage(elk, event.data).then((response) => self.postMessage(response));
};
