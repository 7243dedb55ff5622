import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS_DIR, type BrowserSession, launchBrowser, watchConsole } from "./browser";

/**
 * The live workshop, from the people's side: two browsers (two profiles) against the real
 * `handoff serve` on a free port, serving the production build scripts/e2e.sh made. The server is
 * killed (SIGKILL) and started again on the same port and data directory mid-test.
 */

const SHOTS = path.join(ARTIFACTS_DIR, "live");
const DIST = path.resolve("dist");
/** `npx handoff serve`, run the way npx runs it. */
const SERVE_BIN = process.env.HANDOFF_SERVE_BIN ?? "bin/handoff.js";
let dataDir: string;
let port: number;
let server: ChildProcess | null = null;
let ana: BrowserSession;
let ben: BrowserSession;
let anaPage: Page;
let benPage: Page;
let link: string;
const problems: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()));
    });
  });
}

async function startServe(): Promise<void> {
  server = spawn(
    process.execPath,
    [SERVE_BIN, "serve", "--port", String(port), "--host", "127.0.0.1", "--data", dataDir],
    { env: { ...process.env, HANDOFF_DIST: DIST }, stdio: ["ignore", "ignore", "pipe"] },
  );
  let said = "";
  server.stderr?.on("data", (chunk: Buffer) => {
    said += chunk.toString();
  });
  for (let i = 0; i < 150; i++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/handoff-live.json`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`handoff serve did not start: ${said}`);
}

function killServe(signal: NodeJS.Signals): Promise<void> {
  const running = server;
  server = null;
  if (running === null || running.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    running.once("exit", () => resolve());
    running.kill(signal);
  });
}

const status = (page: Page) =>
  page
    .locator(".hf-editor__status")
    .getByRole("status")
    .filter({ hasText: /Live|Reconnecting|Connecting/ });
const people = (page: Page) => page.getByRole("list", { name: "People in this session" });
const inspector = (page: Page) => page.getByRole("complementary", { name: "Inspector" });
/** Step ids in the map's order, read once from the facilitator's canvas. */
let stepIds: string[] = [];
const nodeById = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Selects a step on the canvas (the nth of the template) and types a new label into the inspector. */
async function renameStep(page: Page, nth: number, to: string): Promise<void> {
  await nodeById(page, stepIds[nth] ?? "").click();
  const field = inspector(page).getByRole("textbox", { name: "Label" });
  await field.fill(to);
  await field.press("Tab");
}

async function stepLabels(page: Page): Promise<string[]> {
  return page.locator(".react-flow__node").allInnerTexts();
}

/**
 * Every step of the page's map: the canvas draws only what is on screen and each person's view
 * differs, so the whole map is fitted first (Fit view animates for 250 ms).
 */
async function allStepLabels(page: Page): Promise<string[]> {
  await page.getByRole("button", { name: "Fit view" }).click();
  await page.waitForTimeout(600);
  return stepLabels(page);
}

/** Labels wrap inside their boxes: compare with whitespace as one space. */
const hasStep = async (page: Page, label: string) =>
  (await stepLabels(page)).some((t) => t.replace(/\s+/g, " ").includes(label));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(path.join(tmpdir(), "handoff-live-e2e-"));
  port = await freePort();
  await startServe();
  ana = await launchBrowser({ viewport: { width: 1280, height: 720 } });
  ben = await launchBrowser({ viewport: { width: 1280, height: 720 } });
  anaPage = await ana.context.newPage();
  benPage = await ben.context.newPage();
  problems.push(...watchConsole(anaPage));
  problems.push(...watchConsole(benPage));
}, 90_000);

afterAll(async () => {
  await ana?.close();
  await ben?.close();
  await killServe("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a live workshop through handoff serve", () => {
  it("the facilitator starts a session and gets a link to send", async () => {
    await anaPage.goto(`http://127.0.0.1:${port}/`);
    await anaPage.locator(".react-flow__node").first().waitFor();
    stepIds = await anaPage
      .locator(".react-flow__node")
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-id") ?? ""));
    await anaPage.getByRole("button", { name: "Start live session" }).click();
    await anaPage.getByRole("textbox", { name: "Your name" }).fill("Ana Facilitator");
    await anaPage.getByRole("button", { name: "Start", exact: true }).click();
    const linkField = anaPage.getByRole("textbox", { name: "Live session link" });
    link = await linkField.inputValue();
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?room=[A-Za-z0-9_-]{22,}$`));
    expect(await linkField.getAttribute("readonly")).not.toBeNull();
    await expect
      .poll(() => anaPage.getByRole("button", { name: "Copy", exact: true }).isVisible())
      .toBe(true);
    await anaPage.getByRole("button", { name: "Done" }).click();
    await expect.poll(() => status(anaPage).textContent()).toBe("Live · 1 person");
  });

  it("a colleague opens the link, gives a name, joins, and both see who is here", async () => {
    await benPage.goto(link);
    await benPage.getByRole("textbox", { name: "Your name" }).fill("Ben");
    await benPage.getByRole("button", { name: "Join" }).click();
    await expect.poll(() => status(benPage).textContent(), { timeout: 15_000 }).toBe("Live · 2 people");
    await expect.poll(() => status(anaPage).textContent()).toBe("Live · 2 people");
    for (const page of [anaPage, benPage]) {
      const names = await people(page).getByRole("listitem").allInnerTexts();
      expect(names.join(" | ")).toMatch(/Ana Facilitator/);
      expect(names.join(" | ")).toMatch(/Ben/);
    }
    expect(await allStepLabels(benPage)).toEqual(await allStepLabels(anaPage));
  });

  it("an edit in one browser shows in the other, and concurrent edits are both kept", async () => {
    await renameStep(anaPage, 1, "Capture the lead");
    await expect.poll(() => hasStep(benPage, "Capture the lead"), { timeout: 10_000 }).toBe(true);
    // Both at once, without waiting for each other.
    await Promise.all([
      renameStep(anaPage, 2, "Enrich and route (Ana)"),
      renameStep(benPage, 0, "Hand raised (Ben)"),
    ]);
    for (const page of [anaPage, benPage]) {
      await expect.poll(() => hasStep(page, "Enrich and route (Ana)"), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => hasStep(page, "Hand raised (Ben)"), { timeout: 10_000 }).toBe(true);
    }
  });

  it("the others' selection is outlined in their colour, with their name", async () => {
    await nodeById(benPage, stepIds[1] ?? "").click();
    await expect
      .poll(() => anaPage.locator('[data-testid="hf-presence-outline"][data-person="Ben"]').count(), {
        timeout: 10_000,
      })
      .toBe(1);
    await inspector(benPage).getByRole("textbox", { name: "Label" }).focus();
    await expect
      .poll(
        () => anaPage.locator('[data-testid="hf-presence-outline"]').getByText("Ben is editing").count(),
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
    await anaPage.screenshot({ path: path.join(SHOTS, "01-facilitator-1280.png") });
    await benPage.screenshot({ path: path.join(SHOTS, "02-participant-1280.png") });
  });

  it("the others' selected handoff is traced in their colour, with their name", async () => {
    // A handoff whose edge-case flag is on Ben's screen: clicking the flag selects the handoff.
    const flags = benPage.getByTestId("edge-case-flag");
    let clicked = "";
    for (let i = 0; i < (await flags.count()) && clicked === ""; i++) {
      const flag = flags.nth(i);
      const box = await flag.boundingBox();
      if (box === null || box.x < 200 || box.y < 120 || box.x + box.width > 900 || box.y + box.height > 650)
        continue;
      await flag.click();
      clicked = (await flag.getAttribute("data-handoff-id")) ?? "";
    }
    expect(clicked).not.toBe("");
    await expect
      .poll(() => anaPage.locator('[data-testid="hf-presence-trace"][data-person="Ben"]').count(), {
        timeout: 10_000,
      })
      .toBe(1);
    // Zoom in on it (ctrl+wheel at the trace) to see it at reading size.
    const trace = anaPage.locator('[data-testid="hf-presence-trace"][data-person="Ben"]');
    for (let i = 0; i < 3; i++) {
      const box = await trace.boundingBox();
      if (box === null) break;
      await anaPage.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await anaPage.keyboard.down("Control");
      await anaPage.mouse.wheel(0, -300);
      await anaPage.keyboard.up("Control");
      await anaPage.waitForTimeout(150);
    }
    await anaPage.screenshot({ path: path.join(SHOTS, "06-facilitator-sees-handoff-1280.png") });
    // Back to the whole map, as the tests after this one expect.
    await anaPage.getByRole("button", { name: "Fit view", exact: true }).click();
  });

  it("Ctrl+Z undoes only your own edit, never a colleague's", async () => {
    await anaPage.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await anaPage.keyboard.press("Control+z");
    for (const page of [anaPage, benPage]) {
      await expect.poll(() => hasStep(page, "Enrich and route (Ana)"), { timeout: 10_000 }).toBe(false);
      expect(await hasStep(page, "Hand raised (Ben)")).toBe(true);
      expect(await hasStep(page, "Capture the lead")).toBe(true);
    }
  });

  it("the server killed, the network lost: everyone keeps editing and every edit is kept", async () => {
    await ben.context.setOffline(true);
    await killServe("SIGKILL");
    for (const page of [anaPage, benPage])
      await expect
        .poll(() => status(page).textContent(), { timeout: 15_000 })
        .toBe("Reconnecting… your changes are kept");
    await renameStep(anaPage, 3, "Qualify (server down)");
    await renameStep(benPage, 1, "Capture (Ben offline)");
    await startServe();
    await ben.context.setOffline(false);
    for (const page of [anaPage, benPage]) {
      await expect.poll(() => status(page).textContent(), { timeout: 20_000 }).toBe("Live · 2 people");
      await expect.poll(() => hasStep(page, "Qualify (server down)"), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => hasStep(page, "Capture (Ben offline)"), { timeout: 15_000 }).toBe(true);
    }
    expect(await allStepLabels(benPage)).toEqual(await allStepLabels(anaPage));
  });

  it("a reload rejoins the room with everything in it", async () => {
    await ben.context.setOffline(false);
    await benPage.reload();
    await expect.poll(() => status(benPage).textContent(), { timeout: 15_000 }).toBe("Live · 2 people");
    await expect.poll(() => hasStep(benPage, "Capture (Ben offline)"), { timeout: 10_000 }).toBe(true);
  });

  it("on a phone, the link shows the participant view: the facilitator's step, votes, capture", async () => {
    const cleo = await launchBrowser({ viewport: { width: 390, height: 844 } });
    try {
      const phone = await cleo.context.newPage();
      problems.push(...watchConsole(phone));
      await phone.goto(link);
      await phone.getByRole("textbox", { name: "Your name" }).fill("Cleo");
      await phone.getByRole("button", { name: "Join" }).click();
      const view = phone.getByRole("main", { name: "Participant view" });
      await view.waitFor({ timeout: 15_000 });
      const follow = view.getByRole("button", { name: "Follow facilitator" });
      expect(await follow.getAttribute("aria-pressed")).toBe("true");

      // The facilitator walks through: the phone follows to the same step.
      await anaPage.getByRole("button", { name: "Walk through" }).click();
      await anaPage.keyboard.press("ArrowRight");
      await anaPage.keyboard.press("ArrowRight");
      const current = view.getByRole("region", { name: "Current step" });
      await expect.poll(() => current.getByText(/^Step 3 of/).count(), { timeout: 10_000 }).toBe(1);
      // Each edge case carries its severity in words, and a closed one its status, as on the card.
      const cases = view.locator(".hf-phone__case");
      await expect.poll(() => cases.count()).toBeGreaterThan(1);
      const severities = await cases.evaluateAll((rows) =>
        rows.map((row) => row.querySelector("[data-severity]")?.textContent ?? "none"),
      );
      expect(severities.filter((word) => !["Low", "Medium", "High", "Critical"].includes(word))).toEqual([]);
      expect(
        await cases
          .filter({ hasText: "Form fills from students" })
          .locator(".hf-phone__case-text")
          .textContent(),
      ).toMatch(/^EC-2 Low Form fills from students.*\(accepted\)$/);

      // A dot vote from the phone counts on the facilitator's screen.
      const handoff = view.getByRole("region", { name: /^Handoff / }).first();
      const voteButton = handoff.getByRole("button", { name: /^Vote for / }).first();
      await voteButton.waitFor();
      const caseTitle = ((await voteButton.getAttribute("aria-label")) ?? "").replace(/^Vote for /, "");
      const before = Number(
        await handoff.getByRole("status", { name: `Votes for ${caseTitle}` }).textContent(),
      );
      await voteButton.click();
      await expect
        .poll(() => handoff.getByRole("status", { name: `Votes for ${caseTitle}` }).textContent())
        .toBe(String(before + 1));
      expect(await view.getByText("Your votes: 1 of 3").count()).toBe(1);

      // The facilitator gives everyone five dots and reveals who voted what.
      await anaPage.getByRole("button", { name: "Live session", exact: true }).click();
      await anaPage.getByRole("spinbutton", { name: "Votes per person" }).fill("5");
      await anaPage.getByRole("checkbox", { name: "Reveal who voted" }).check();
      const tally = anaPage.getByRole("list", { name: "Dot votes so far" });
      await expect.poll(() => tally.textContent()).toContain("Cleo ×1");
      await anaPage.screenshot({ path: path.join(SHOTS, "05-facilitator-dot-votes-1280.png") });
      await anaPage.getByRole("button", { name: "Done" }).click();
      await expect.poll(() => view.getByText("Your votes: 1 of 5").count()).toBe(1);
      await expect.poll(() => view.getByText("Cleo ×1").count()).toBe(1);

      // An edge case captured on the phone reaches the room.
      await handoff
        .getByRole("textbox", { name: "New edge case on this handoff" })
        .fill("Phone capture: no owner");
      await handoff.getByRole("button", { name: "Add" }).click();
      await expect.poll(() => handoff.getByText("Phone capture: no owner").count()).toBe(1);
      await expect
        .poll(() => anaPage.getByText("Phone capture: no owner").count(), { timeout: 10_000 })
        .toBeGreaterThan(0);

      // Navigating on the phone stops following.
      await view.getByRole("button", { name: "Next step" }).click();
      expect(await follow.getAttribute("aria-pressed")).toBe("false");
      await phone.screenshot({ path: path.join(SHOTS, "03-phone-390.png"), fullPage: false });
      await anaPage.screenshot({ path: path.join(SHOTS, "04-facilitator-walkthrough-1280.png") });
      await anaPage.keyboard.press("Escape");
    } finally {
      await cleo.close();
    }
  });

  it("a participant at a desk follows the walk; stepping themselves, by button or key, stops it", async () => {
    const follow = benPage.getByRole("button", { name: "Follow facilitator" });
    if ((await follow.getAttribute("aria-pressed")) !== "true") await follow.click();
    const title = (page: Page) =>
      page
        .getByRole("complementary", { name: "Walkthrough" })
        .getByRole("heading", { level: 2 })
        .textContent();
    await anaPage.getByRole("button", { name: "Walk through", exact: true }).click();
    await anaPage.keyboard.press("ArrowRight");
    const anaStep = await title(anaPage);
    await expect.poll(() => title(benPage), { timeout: 10_000 }).toBe(anaStep);

    // The card's Next, clicked: Ben walks on alone.
    await benPage
      .getByRole("complementary", { name: "Walkthrough" })
      .getByRole("button", { name: "Next →" })
      .click();
    await expect.poll(() => follow.getAttribute("aria-pressed")).toBe("false");
    expect(await title(benPage)).not.toBe(anaStep);
    // Following again catches up; an arrow key stops it again.
    await follow.click();
    await expect.poll(() => title(benPage), { timeout: 10_000 }).toBe(anaStep);
    await benPage.keyboard.press("ArrowRight");
    await expect.poll(() => follow.getAttribute("aria-pressed")).toBe("false");
    // Ana moves on: Ben, not following, stays where he went.
    const benStep = await title(benPage);
    await anaPage.keyboard.press("ArrowLeft");
    await anaPage.waitForTimeout(1000);
    expect(await title(benPage)).toBe(benStep);
    await anaPage.keyboard.press("Escape");
    await benPage.keyboard.press("Escape");
  });

  it("leaving the session keeps the map in the library, and edits stay local after", async () => {
    await benPage.getByRole("button", { name: "Live session", exact: true }).click();
    await benPage.getByRole("button", { name: "Leave live session" }).click();
    await expect.poll(() => benPage.getByText(/You left the live session/).count()).toBe(1);
    expect(await people(benPage).count()).toBe(0);
    await expect.poll(() => status(anaPage).textContent(), { timeout: 10_000 }).toBe("Live · 1 person");
    await benPage.getByRole("button", { name: "Library" }).click();
    const library = benPage.getByRole("region", { name: "Library" });
    await expect.poll(async () => (await library.textContent()) ?? "").toContain("RevOps customer lifecycle");
    await renameStep(benPage, 3, "Ben alone");
    await anaPage.waitForTimeout(1000);
    expect(await hasStep(anaPage, "Ben alone")).toBe(false);
  });

  it("said nothing in the console", () => {
    // A dropped websocket is the test's own doing; anything else is a fault.
    expect(
      problems.filter((p) => !/WebSocket|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED/.test(p)),
    ).toEqual([]);
  });
});
