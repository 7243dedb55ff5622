/**
 * Edge-case numbers from the facilitator's side, in Chromium against the production build:
 * "EC-3" said in the room keeps pointing at the same edge case on the canvas flag, in the
 * register, in the downloaded CSV and after a reload, whatever is deleted or added around it.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BASE_URL, type BrowserSession, launchBrowser, watchConsole } from "./browser";
import { exportAs } from "./export-dialog-steps";

let session: BrowserSession;

beforeEach(async () => {
  session = await launchBrowser({ viewport: { width: 1440, height: 900 } });
});

afterEach(async () => {
  await session.close();
});

async function openTemplate(): Promise<{ page: Page; problems: string[] }> {
  const page = await session.context.newPage();
  const problems = watchConsole(page);
  await page.goto(BASE_URL);
  await page.getByTestId("step-node").first().waitFor();
  await page.getByTestId("edge-case-flag").first().waitFor();
  return { page, problems };
}

/** The register's row whose number cell reads `label` ("EC-3"). */
function registerRow(page: Page, label: string) {
  return page
    .getByRole("table")
    .getByRole("row")
    .filter({ has: page.locator("td:first-child", { hasText: new RegExp(`^${label}$`) }) });
}

/** The text of every canvas flag, joined: "⚑ EC-1 EC-2 | ⚑ EC-3 EC-4 EC-5 | ...". */
async function flagTexts(page: Page): Promise<string> {
  return (await page.getByTestId("edge-case-flag").allTextContents()).join(" | ");
}

async function downloadCsvRegister(page: Page): Promise<string[][]> {
  const download = await exportAs(page, "CSV register");
  const text = (await readFile(await download.path())).toString("utf8");
  // Every field is quoted and the template's text holds no quotes or newlines: a plain split is enough.
  return text
    .slice(1)
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) => line.slice(1, -1).split('","'));
}

describe("edge-case numbers", () => {
  it("deleting EC-2 in the register's handoff leaves EC-3 as EC-3 on the flag, in the register, the CSV and after a reload", async () => {
    const { page, problems } = await openTemplate();
    await page.getByRole("button", { name: "Edge cases", exact: true }).click();
    const ec2Title = await registerRow(page, "EC-2").locator("td").nth(2).textContent();
    const ec3Title = await registerRow(page, "EC-3").locator("td").nth(2).textContent();
    expect(ec2Title).toBeTruthy();
    expect(ec3Title).toBeTruthy();
    expect(await flagTexts(page)).toMatch(/EC-3\b/);

    // Show EC-2's handoff from the register, and delete EC-2 in the inspector.
    await registerRow(page, "EC-2").click();
    const inspector = page.getByRole("complementary", { name: "Inspector" });
    // Its row in the handoff inspector opens to edit, with the delete button: the register row
    // opens it (main's f94e5e3).
    await inspector.getByRole("button", { name: /^EC-2 /, expanded: true }).waitFor();
    await inspector.getByRole("button", { name: `Delete edge case ${ec2Title}`, exact: true }).click();
    await expect.poll(() => registerRow(page, "EC-2").count()).toBe(0);

    // The register: EC-3 is still the same edge case; nothing moved up into EC-2.
    expect(await registerRow(page, "EC-3").locator("td").nth(2).textContent()).toBe(ec3Title);
    expect(await registerRow(page, "EC-17").count()).toBe(1);
    // The canvas flags: EC-3 still drawn, EC-2 gone.
    await expect.poll(() => flagTexts(page)).not.toMatch(/EC-2\b/);
    expect(await flagTexts(page)).toMatch(/EC-3\b/);

    // The CSV: EC-3's row holds EC-3's title.
    const csv = await downloadCsvRegister(page);
    const byNumber = new Map(csv.slice(1).map((row) => [row[0], row]));
    expect(byNumber.has("EC-2")).toBe(false);
    expect(byNumber.get("EC-3")?.[4]).toBe(ec3Title);
    expect(csv.slice(1).map((row) => row[0])[0]).toBe("EC-1");

    // A new edge case takes the next number, never the deleted one.
    await inspector.getByRole("button", { name: "Add edge case" }).click();
    await page.keyboard.type("Lead owner changed mid-sequence");
    await page.keyboard.press("Tab");
    await expect.poll(() => registerRow(page, "EC-18").count()).toBe(1);
    expect(await registerRow(page, "EC-2").count()).toBe(0);

    // After a reload (the map comes back from the browser's storage) nothing has moved.
    await expect
      .poll(() => page.getByTestId("handoff-save-status").textContent(), { timeout: 10_000 })
      .toBe("Saved");
    await page.reload();
    await page.getByTestId("edge-case-flag").first().waitFor();
    if ((await page.getByRole("table").count()) === 0)
      await page.getByRole("button", { name: "Edge cases", exact: true }).click();
    expect(await registerRow(page, "EC-3").locator("td").nth(2).textContent()).toBe(ec3Title);
    expect(await registerRow(page, "EC-18").locator("td").nth(2).textContent()).toBe(
      "Lead owner changed mid-sequence",
    );
    expect(await registerRow(page, "EC-2").count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("the CSV register carries the due date and the votes set in the editor, as the Markdown register does", async () => {
    const { page, problems } = await openTemplate();
    await page.getByRole("button", { name: "Edge cases", exact: true }).click();
    const row = registerRow(page, "EC-3");
    const title = (await row.locator("td").nth(2).textContent()) ?? "";
    const register = page.getByRole("table");
    for (let i = 0; i < 2; i++)
      await register.getByRole("button", { name: `Add a vote to ${title}`, exact: true }).click();
    await row.click();
    const inspector = page.getByRole("complementary", { name: "Inspector" });
    // The register row opens EC-3 in the inspector (main's f94e5e3).
    await inspector.getByRole("button", { name: /^EC-3 /, expanded: true }).waitFor();
    const group = inspector.getByRole("group", { name: /^EC-3/ });
    await group.getByLabel("Due").fill("2027-01-15");
    await group.getByLabel("Due").press("Tab");

    const [header, ...records] = await downloadCsvRegister(page);
    expect(header?.slice(-2)).toEqual(["due", "votes"]);
    const ec3 = records.find((r) => r[0] === "EC-3");
    expect(ec3?.[4]).toBe(title);
    expect(ec3?.slice(-2)).toEqual(["2027-01-15", "2"]);
    expect(records.find((r) => r[0] === "EC-1")?.slice(-2)).toEqual(["", "0"]);
    expect(problems).toEqual([]);
  });

  it("deleting a step that carries edge cases says how many went with it, and the notice's Undo brings them back", async () => {
    const { page, problems } = await openTemplate();
    const flags = await flagTexts(page);
    expect(flags).toMatch(/EC-1 EC-2/);
    // Lead capture's handoffs carry EC-1 and EC-2.
    await page.getByTestId("step-node").filter({ hasText: "Lead capture" }).click();
    await expect.poll(() => page.locator(".react-flow__node.selected").count()).toBe(1);
    await page.keyboard.press("Delete");
    const notice = page.getByTestId("notice");
    await expect
      .poll(() => notice.textContent())
      .toContain('Deleted "Lead capture"; 2 edge cases went with it (EC-1, EC-2).');
    expect(await flagTexts(page)).not.toMatch(/EC-1\b/);

    await notice.getByRole("button", { name: "Undo delete" }).click();
    await expect.poll(() => flagTexts(page)).toBe(flags);
    expect(await page.getByTestId("step-node").filter({ hasText: "Lead capture" }).count()).toBe(1);
    await expect.poll(() => notice.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("an edge case captured in the walkthrough keeps its number on the card, in the register and in the CSV after others are deleted", async () => {
    const { page, problems } = await openTemplate();
    const title = "Callback promised on the call never logged";
    const card = page.getByRole("complementary", { name: "Walkthrough" });
    await page.getByRole("button", { name: "Walk through" }).click();
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("e");
    await page.keyboard.type(title);
    await page.keyboard.press("Enter");
    const captured = card.getByTestId("presenter-edge-case").filter({ hasText: title });
    await expect.poll(() => captured.count()).toBe(1);
    // The template holds EC-1..EC-17: the capture is EC-18, wherever its handoff sits in the map.
    expect(await captured.locator(".hf-presenter__ec-number").textContent()).toBe("EC-18");

    // Leave the walkthrough and delete EC-1 and EC-2 (Lead capture, with Undo not taken).
    await page.keyboard.press("Escape");
    await expect.poll(() => card.count()).toBe(0);
    await page.keyboard.press("Shift+Digit1"); // fit the map: the walk zoomed in on its step
    await page.waitForTimeout(400);
    await page.getByTestId("step-node").filter({ hasText: "Lead capture" }).click();
    await page.keyboard.press("Delete");
    await expect.poll(() => page.getByTestId("notice").textContent()).toContain("(EC-1, EC-2)");

    await page.getByRole("button", { name: "Edge cases", exact: true }).click();
    expect(await registerRow(page, "EC-18").locator("td").nth(2).textContent()).toBe(title);
    expect(await registerRow(page, "EC-3").count()).toBe(1);
    const csv = await downloadCsvRegister(page);
    expect(csv.find((row) => row[0] === "EC-18")?.[4]).toBe(title);
    expect(csv.slice(1).map((row) => row[0])[0]).toBe("EC-3");

    // Back in the walkthrough, the card still calls it EC-18.
    await page.keyboard.press("w");
    await expect
      .poll(() => card.getByTestId("presenter-edge-case").filter({ hasText: title }).count())
      .toBeGreaterThan(0);
    expect(
      await card
        .getByTestId("presenter-edge-case")
        .filter({ hasText: title })
        .locator(".hf-presenter__ec-number")
        .textContent(),
    ).toBe("EC-18");
    expect(problems).toEqual([]);
  });
});
