/// <reference lib="webworker" />
/**
 * The layout worker: a message shell around handleLayoutMessage, nothing else. ELK is loaded on
 * the first layout that needs it (lazy-elk.ts), so the worker answers a placed map at once.
 *
 * HAZARD elkjs's bundled build, loaded inside a worker, assigns `self.onmessage` to its own
 * dispatcher (elkjs issues 82 and 141) when its inner worker module is first required, which
 * happens inside `new ELK()`. Its in-thread FakeWorker works regardless, so we construct ELK and
 * then assign `self.onmessage` again, which replaces ELK's handler. Keep that assignment right
 * after the constructor and never use addEventListener here, or both handlers would run. (No
 * message can slip in between: both run in one synchronous stretch.) tests/e2e/layout-worker.e2e.ts
 * runs auto layouts in the built worker, so a regression here fails there.
 */

import { handleLayoutMessage } from "./layout-protocol";
import { lazyElk } from "./lazy-elk";

declare const self: DedicatedWorkerGlobalScope;

const onMessage = (event: MessageEvent<unknown>) => {
  void handleLayoutMessage(elk, event.data).then((response) => self.postMessage(response));
};

const elk = lazyElk(async () => {
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  try {
    // Its inner worker module is required (and takes self.onmessage) inside the constructor.
    return new ELK();
  } finally {
    // Even when the constructor throws: the worker keeps answering (with that error).
    self.onmessage = onMessage;
  }
});

self.onmessage = onMessage;
