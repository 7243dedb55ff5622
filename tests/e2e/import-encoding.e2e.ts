import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTemplate } from "../../src/model/templates";
import { BASE_URL, type BrowserSession, launchBrowser, watchConsole } from "./browser";

/**
 * The editor's Import reads files by the CLI's one encoding rule (issue 12, item 11): UTF-8 with
 * or without a byte-order mark; a UTF-16 file or stray bytes are refused with "not UTF-8", never
 * opened as a map of garbled or U+FFFD-filled text.
 */

let session: BrowserSession;

beforeEach(async () => {
  session = await launchBrowser();
});

afterEach(async () => {
  await session.close();
});

function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
}

describe("importing a file that is not UTF-8", () => {
  it("refuses UTF-16 by name and Latin-1 by byte offset, and opens the same map in UTF-8 with a BOM", async () => {
    const page = await session.context.newPage();
    const problems = watchConsole(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(BASE_URL);
    await page.locator(".react-flow__node").first().waitFor();
    const nodesBefore = await page.locator(".react-flow__node").count();

    const map = { ...createTemplate("blank"), title: "Café renewals" };
    const text = JSON.stringify(map);
    const input = page.getByTestId("handoff-import-input");
    await input.setInputFiles({ name: "utf16.json", mimeType: "application/json", buffer: utf16le(text) });
    const panel = page.getByRole("alertdialog", { name: /Could not import utf16\.json/ });
    await panel.waitFor();
    expect(await panel.textContent()).toContain(
      "not UTF-8: the file is UTF-16 (little-endian), by the byte-order mark at its start; save it as UTF-8 and try again",
    );
    await page.screenshot({ path: "/tmp/cli-import-utf16-1280.png" });
    await panel.getByRole("button", { name: "Close" }).click();
    expect(await page.locator(".react-flow__node").count()).toBe(nodesBefore);

    const latin1 = Buffer.from(text, "latin1");
    const offset = latin1.indexOf(0xe9);
    await input.setInputFiles({ name: "latin1.json", mimeType: "application/json", buffer: latin1 });
    const second = page.getByRole("alertdialog", { name: /Could not import latin1\.json/ });
    await second.waitFor();
    expect(await second.textContent()).toContain(
      `not UTF-8: byte 0xE9 at byte offset ${offset} is not valid UTF-8`,
    );
    await second.getByRole("button", { name: "Close" }).click();

    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    await input.setInputFiles({ name: "bom.json", mimeType: "application/json", buffer: withBom });
    await expect.poll(() => page.getByRole("alertdialog").count()).toBe(0);
    await page
      .getByRole("button", { name: /library|maps/i })
      .first()
      .click();
    await expect.poll(() => page.getByText("Café renewals").count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
