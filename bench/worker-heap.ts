/**
 * The used JS heap of every worker of the browser (the layout worker), read through a CDP session
 * on each worker target after two forced collections: a worker is a V8 isolate of its own, so
 * the page's Runtime.getHeapUsage does not count it.
 */
import type { Browser } from "playwright-core";

export async function workerHeapBytes(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send("Target.getTargets")) as {
      targetInfos: Array<{ targetId: string; type: string }>;
    };
    let total = 0;
    for (const target of targetInfos.filter((t) => t.type === "worker")) {
      const { sessionId } = (await cdp.send("Target.attachToTarget", {
        targetId: target.targetId,
        flatten: false,
      })) as { sessionId: string };
      let nextId = 1;
      const call = (method: string) =>
        new Promise<Record<string, unknown>>((resolve) => {
          const id = nextId++;
          const onMessage = (event: { sessionId: string; message: string }) => {
            const reply = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown> };
            if (event.sessionId !== sessionId || reply.id !== id) return;
            cdp.off("Target.receivedMessageFromTarget", onMessage);
            resolve(reply.result ?? {});
          };
          cdp.on("Target.receivedMessageFromTarget", onMessage);
          void cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method }) });
        });
      await call("HeapProfiler.collectGarbage");
      await call("HeapProfiler.collectGarbage");
      total += Number((await call("Runtime.getHeapUsage")).usedSize ?? 0);
      await cdp.send("Target.detachFromTarget", { sessionId });
    }
    return total;
  } finally {
    await cdp.detach();
  }
}
