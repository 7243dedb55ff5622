/**
 * The keyboard as a facilitator uses it, in Chromium against the production build (issue 11):
 * quick capture keeps every character of a title; no shortcut acts while typing in any kind of
 * field; Tab chains new steps while editing a label and otherwise moves focus on; Alt+Up/Down
 * move a step to another lane while arrows stay inside it; E captures on a selected handoff;
 * the handoff's edge cases are one-line rows; W on an empty map says there is nothing to walk;
 * N adds a step, and an empty map says so.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRevOpsTemplate } from "../../src/model/templates";
import { type KeyCombo, SHORTCUTS } from "../../src/ui/help/shortcuts";
import { ARTIFACTS_DIR, BASE_URL, type BrowserSession, launchBrowser, watchConsole } from "./browser";

const SHOTS = path.join(ARTIFACTS_DIR, "keyboard");
let session: BrowserSession;
let page: Page;
let problems: string[];

beforeEach(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await launchBrowser({ viewport: { width: 1440, height: 900 } });
  page = await session.context.newPage();
  problems = watchConsole(page);
  await page.goto(BASE_URL);
  await page.getByTestId("step-node").first().waitFor();
  await page.getByTestId("edge-case-flag").first().waitFor();
});

afterEach(async () => {
  expect(problems).toEqual([]);
  await session.close();
});

const node = (label: string) => page.locator(".react-flow__node", { hasText: label }).first();
const card = () => page.getByRole("complementary", { name: "Walkthrough" });
const capture = () => page.getByRole("region", { name: "Quick capture" });
const notice = () => page.getByTestId("notice");
const undoButton = () => page.getByRole("button", { name: "Undo", exact: true });

/** The step's lane, as the canvas draws it. */
const laneOf = (label: string) => node(label).getByTestId("step-node").getAttribute("data-lane");

/** The whole map in view (only steps on screen are drawn, so only they can be clicked). */
async function fitView() {
  await page.getByRole("button", { name: "Fit view", exact: true }).click();
  await page.waitForTimeout(400);
}

async function shot(name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

describe("quick capture keeps every character of the title (issue 11, item 1)", () => {
  it("W, E, a title with digits, Alt+3, Enter: the card shows the whole title as High", async () => {
    const title = "SLA breached after 24 hours in queue 3";
    await page.keyboard.press("w");
    await card().waitFor();
    await page.keyboard.press("e");
    await capture().waitFor();
    await page.keyboard.type(title);
    await page.keyboard.press("Alt+3");
    expect(await capture().getByRole("radio", { name: /High/ }).getAttribute("aria-checked")).toBe("true");
    await shot("capture-alt-3");
    await page.keyboard.press("Enter");
    const saved = card().getByTestId("presenter-edge-case").filter({ hasText: title });
    await expect.poll(() => saved.count()).toBe(1);
    expect(await saved.locator(".hf-presenter__ec-title").textContent()).toBe(title);
    expect(await saved.textContent()).toContain("High");
    // the capture closed and the walkthrough goes on
    expect(await capture().count()).toBe(0);
    expect(await card().count()).toBe(1);
  });

  it("Tab to the severity pills, then 4 and the arrows choose; Enter saves", async () => {
    const title = "Renewal quote 90 days late, 12 seats short";
    await page.keyboard.press("w");
    await page.keyboard.press("e");
    await page.keyboard.type(title);
    await page.keyboard.press("Tab");
    const radio = (name: RegExp) => capture().getByRole("radio", { name });
    expect(await radio(/Medium/).evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press("4");
    expect(await radio(/Critical/).getAttribute("aria-checked")).toBe("true");
    await page.keyboard.press("ArrowLeft");
    expect(await radio(/High/).evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    const saved = card().getByTestId("presenter-edge-case").filter({ hasText: title });
    await expect.poll(() => saved.count()).toBe(1);
    expect(await saved.textContent()).toContain("Critical");
  });

  it("no listed shortcut acts in a text field, a text area, a select or a contenteditable; the text arrives", async () => {
    // given a selected step (so Delete, arrows, Tab... would act) and one field of each kind
    await fitView();
    await node("Discovery").click();
    await page.evaluate(() => {
      const box = document.createElement("div");
      box.id = "fields";
      box.style.cssText = "position:fixed;left:8px;bottom:8px;z-index:999;background:#fff";
      box.innerHTML =
        '<input id="f-input"><textarea id="f-textarea"></textarea>' +
        '<select id="f-select"><option>Alpha</option><option>Whisky</option></select>' +
        '<div id="f-editable" contenteditable="true" style="min-width:80px;min-height:20px"></div>';
      document.body.append(box);
    });
    const combos = SHORTCUTS.flatMap((s) => s.keys).filter(
      (combo) => !["Click", "Drag", "Double-click"].includes(combo[combo.length - 1] ?? ""),
    );
    expect(combos.length).toBeGreaterThan(30);
    for (const id of ["f-input", "f-textarea", "f-select", "f-editable"]) {
      for (const combo of combos) {
        const label = `${id} ${combo.join("+")}`;
        await page.evaluate((fieldId) => {
          const field = document.getElementById(fieldId) as HTMLInputElement | HTMLElement;
          if ("value" in field && field.tagName !== "SELECT") field.value = "";
          if (field.isContentEditable) field.textContent = "";
          field.focus();
        }, id);
        await page.keyboard.press(pressed(combo));
        // nothing fired: no walkthrough, no presenting, no help, no edit, the step still selected
        const state = await page.evaluate(() => ({
          walking: document.documentElement.hasAttribute("data-hf-walkthrough"),
          presenting: document.documentElement.hasAttribute("data-hf-presenting"),
          dialogs: document.querySelectorAll("[role='dialog']").length,
          editing: document.querySelectorAll("textarea[aria-label='Step label']").length,
          selected: document.querySelectorAll(".react-flow__node.selected").length,
          capture: document.querySelectorAll("[aria-label='Quick capture']").length,
        }));
        expect([label, state]).toEqual([
          label,
          { walking: false, presenting: false, dialogs: 0, editing: 0, selected: 1, capture: 0 },
        ]);
        expect([label, await undoButton().isDisabled()]).toEqual([label, true]);
        // and a printable key typed its character
        const typed = text(combo);
        if (typed !== null && id !== "f-select") {
          const got = await page.evaluate((fieldId) => {
            const field = document.getElementById(fieldId) as HTMLInputElement;
            return field.isContentEditable ? field.textContent : field.value;
          }, id);
          expect([label, got?.replace(/\u00a0/g, " ")]).toEqual([label, typed]);
        }
      }
    }
    expect(await laneOf("Discovery")).toBe("sales");
  });
});

/** Playwright's name for a combo: "Mod+Shift+Z" is "Control+Shift+z". */
function pressed(combo: KeyCombo): string {
  const names: Record<string, string> = {
    Mod: "Control",
    Ctrl: "Control",
    Esc: "Escape",
    Space: "Space",
    "→": "ArrowRight",
    "←": "ArrowLeft",
    "↑": "ArrowUp",
    "↓": "ArrowDown",
  };
  return combo.map((key) => names[key] ?? (key.length === 1 ? key.toLowerCase() : key)).join("+");
}

/** The character a lone key types, or null (a named key, a combo). */
function text(combo: KeyCombo): string | null {
  if (combo.length !== 1) return null;
  const key = combo[0] ?? "";
  if (key === "Space") return " ";
  return key.length === 1 && !"→←↑↓".includes(key) ? key.toLowerCase() : null;
}

describe("Tab serves both speed and keyboard users (issue 11, item 7)", () => {
  it("while editing a label Tab saves it and adds the next step; on a selected step it goes to the inspector", async () => {
    await fitView();
    const edges = createRevOpsTemplate().handoffs.length;
    expect(await page.locator(".react-flow__edge").count()).toBe(edges);
    await node("Customer renewed").click();
    await page.keyboard.press("Enter");
    const label = page.getByRole("textbox", { name: "Step label" });
    await label.waitFor();
    await page.keyboard.type("Renewal signed");
    await page.keyboard.press("Tab");
    await expect.poll(() => node("Renewal signed").count()).toBe(1);
    await expect.poll(() => label.inputValue()).toBe("New step");
    await page.keyboard.type("Send welcome pack");
    await page.keyboard.press("Tab");
    await expect.poll(() => node("Send welcome pack").count()).toBe(1);
    // The next label is open before typing: a letter typed on the canvas is a shortcut (N, L, W…).
    await expect.poll(() => label.inputValue()).toBe("New step");
    await page.keyboard.type("Collect feedback");
    await page.keyboard.press("Enter");
    await expect.poll(() => node("Collect feedback").count()).toBe(1);
    await expect.poll(() => label.count()).toBe(0);
    await shot("tab-chain");
    // Two new handoffs, one to each new step; the last step is still the selection.
    await fitView();
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(edges + 2);

    // On the selected step, not editing: Tab moves focus to the inspector and adds nothing.
    await node("Collect feedback").click();
    const steps = await page.locator(".react-flow__node").count();
    const collect = page.locator(".react-flow__node.selected", { hasText: "Collect feedback" });
    expect(await collect.count()).toBe(1);
    await page.keyboard.press("Tab");
    const inInspector = () =>
      page.evaluate(() => document.activeElement?.closest("[aria-label='Inspector']") !== null);
    expect(await inInspector()).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(
      "Collect feedback",
    );
    expect(await page.locator(".react-flow__node").count()).toBe(steps);
    // Shift+Tab goes back to the step.
    await page.keyboard.press("Shift+Tab");
    expect(await collect.evaluate((e) => e === document.activeElement)).toBe(true);
    // and Shift+Tab while editing saves the label and goes back to the step, adding nothing
    await page.keyboard.press("Enter");
    await label.waitFor();
    await page.keyboard.type("Collect NPS feedback");
    await page.keyboard.press("Shift+Tab");
    await expect.poll(() => node("Collect NPS feedback").count()).toBe(1);
    expect(await label.count()).toBe(0);
    expect(await page.locator(".react-flow__node").count()).toBe(steps);
  });
});

describe("move a step to another lane by keyboard (issue 11, item 9)", () => {
  it("Alt+Down and Alt+Up move it a lane, handoffs follow, one undo each; arrows never leave or stretch the lane", async () => {
    await fitView();
    const edges = await page.locator(".react-flow__edge").count();
    await node("Discovery").click();
    expect(await laneOf("Discovery")).toBe("sales");
    await page.keyboard.press("Alt+ArrowDown");
    await expect.poll(() => laneOf("Discovery")).toBe("deal-desk");
    expect(await page.locator(".react-flow__edge").count()).toBe(edges);
    await shot("alt-down");
    await page.keyboard.press("Alt+ArrowUp");
    await page.keyboard.press("Alt+ArrowUp");
    await expect.poll(() => laneOf("Discovery")).toBe("sdr");
    await page.keyboard.press("Control+z");
    await expect.poll(() => laneOf("Discovery")).toBe("sales");

    // Plain arrows: far down, but it stays in Sales, and Sales keeps its height.
    const header = page.locator('.hf-lane-header[data-lane-id="sales"]');
    const height = (await header.boundingBox())?.height ?? 0;
    await node("Discovery").click();
    for (let i = 0; i < 20; i++) await page.keyboard.press("Shift+ArrowDown");
    await page.waitForTimeout(300);
    expect(await laneOf("Discovery")).toBe("sales");
    expect(Math.abs(((await header.boundingBox())?.height ?? 0) - height)).toBeLessThan(1);
    await expect.poll(() => notice().textContent()).toContain("Alt+↓ moves it to the lane below");
    // Other modifiers never let React Flow's own nudge carry it out of the lane either.
    for (let i = 0; i < 20; i++) await page.keyboard.press("Control+ArrowDown");
    await page.waitForTimeout(300);
    expect(await laneOf("Discovery")).toBe("sales");

    // The help lists what the keys do.
    await page.keyboard.press("Escape");
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.waitFor();
    const text = (await help.textContent()) ?? "";
    expect(text).toContain("Move the selected steps to the lane below");
    expect(text).toContain("Nudge the selected steps within their lane");
    expect(text).toContain("While capturing, in the title: severity low, medium, high, critical");
  });
});

describe("edge cases capture fast outside the walkthrough (issue 11, item 11)", () => {
  it("E on a step with one outgoing handoff captures there; the inspector lists it as a row that opens", async () => {
    const title = "Enrichment fails for 3 of 10 leads";
    await node("Lead capture").click();
    await page.keyboard.press("e");
    await capture().waitFor();
    expect(await capture().textContent()).toContain("Lead capture → Lead enrichment and routing");
    await page.keyboard.type(title);
    await page.keyboard.press("Alt+4");
    await shot("capture-outside-walkthrough");
    await page.keyboard.press("Enter");
    await expect.poll(() => capture().count()).toBe(0);
    await expect
      .poll(() => notice().textContent())
      .toMatch(/^EC-\d+ captured on Lead capture → Lead enrichment/);

    // The handoff is selected: its inspector shows one summary row per edge case, ours included.
    const inspector = page.getByRole("complementary", { name: "Inspector" });
    const row = inspector.getByRole("button", { name: new RegExp(`Critical ${title}`) });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getAttribute("aria-expanded")).toBe("false");
    // No edge case is open as fields (the Contract section's "Required data" is a group of its own).
    expect(await inspector.getByRole("group", { name: /^EC-\d+/ }).count()).toBe(0);
    await shot("edge-case-rows");
    await row.click();
    const fields = inspector.getByRole("group", { name: /^EC-\d+/ });
    await fields.waitFor();
    expect(await fields.getByLabel("Title").inputValue()).toBe(title);
    // The owner field suggests the owners already used in the map.
    const owners = await fields.getByLabel("Owner").evaluate((input) => {
      const list = (input as HTMLInputElement).list;
      return [...(list?.options ?? [])].map((option) => option.value);
    });
    expect(owners.length).toBeGreaterThan(2);
    expect(new Set(owners.map((o) => o.toLowerCase())).size).toBe(owners.length);
    await shot("edge-case-row-open");
  });

  it("E on a selected handoff captures on it", async () => {
    await node("Lead capture").click();
    await page.keyboard.press("Escape");
    const edge = page.locator(".react-flow__edge").first();
    const edgeId = await edge.getAttribute("data-id");
    await edge.focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("e");
    await capture().waitFor();
    await page.keyboard.type("Form spam 100 a day");
    await page.keyboard.press("Enter");
    await expect.poll(() => notice().textContent()).toMatch(/^EC-\d+ captured on/);
    const flag = page.locator(`[data-testid="edge-case-flag"][data-handoff-id="${edgeId}"]`);
    await expect.poll(() => flag.count()).toBe(1);
    // Focus went back to the handoff; Tab goes on to its inspector, Shift+Tab comes back.
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute("data-id") ?? null);
    expect(await focused()).toBe(edgeId);
    await page.keyboard.press("Tab");
    expect(
      await page.evaluate(() => document.activeElement?.closest("[aria-label='Inspector']") !== null),
    ).toBe(true);
    await page.keyboard.press("Shift+Tab");
    expect(await focused()).toBe(edgeId);
  });
});

describe("W on an empty map (issue 11, smaller)", () => {
  it("says there is nothing to walk through", async () => {
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Delete");
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(0);
    await page.keyboard.press("w");
    await expect.poll(() => notice().textContent()).toContain("nothing to walk through");
    expect(await card().count()).toBe(0);
  });
});

describe("N adds a step from the keyboard", () => {
  it("an empty map says what to press; N, a name, Tab, a name, Enter map two connected steps", async () => {
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Delete");
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(0);
    const hint = page.getByTestId("empty-map-hint");
    await expect
      .poll(() => hint.textContent())
      .toBe("No steps yet. Press N to add one and type its name, or double-click in a lane.");
    await shot("empty-map-hint");

    await page.keyboard.press("n");
    await page.keyboard.type("Demo request 2026 – Zoë");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Route ≤ 5 min");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.getByTestId("step-node").allTextContents())
      .toEqual(["Demo request 2026 – Zoë", "Route ≤ 5 min"]);
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(1);
    expect(await hint.count()).toBe(0);
    await shot("n-then-tab");

    // With a step selected, N adds the next one beside it, not connected, in its lane.
    await node("Route ≤ 5 min").click();
    const lane = await laneOf("Route ≤ 5 min");
    await page.keyboard.press("n");
    await page.keyboard.type("Hand to AE #2");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("step-node").count()).toBe(3);
    expect(await laneOf("Hand to AE #2")).toBe(lane);
    expect(await page.locator(".react-flow__edge").count()).toBe(1);
    const [route, added] = [
      await node("Route ≤ 5 min").boundingBox(),
      await node("Hand to AE #2").boundingBox(),
    ];
    if (route === null || added === null) throw new Error("a step is not on screen");
    expect(added.x).toBeGreaterThan(route.x + route.width);
  });
});

describe("Space in the walkthrough", () => {
  it("after a click on Walk through or Next, Space walks on; on a control reached with Tab, Space presses it", async () => {
    const title = () => card().getByRole("heading", { level: 2 }).textContent();
    await page.getByRole("button", { name: "Walk through", exact: true }).click();
    expect(await title()).toBe("Prospect raises a hand");
    await page.keyboard.press("Space");
    await expect.poll(title).toBe("Lead capture");
    await card().getByRole("button", { name: "Next →" }).click();
    await expect.poll(title).toBe("Lead enrichment and routing");
    await page.keyboard.press("Space");
    await expect.poll(title).toBe("Cold outreach and inbound qualification");

    // A keyboard user Tabs to a vote button on the card: Space votes, the walk stays put.
    const vote = card()
      .getByRole("button", { name: /^Add a vote to / })
      .first();
    const label = (await vote.getAttribute("aria-label")) ?? "";
    for (let i = 0; i < 80; i++) {
      if (await vote.evaluate((button) => button === document.activeElement)) break;
      await page.keyboard.press("Tab");
    }
    expect(await vote.evaluate((button) => button === document.activeElement)).toBe(true);
    const votes = card().getByRole("status", { name: label.replace(/^Add a vote to/, "Votes for") });
    const before = Number(await votes.textContent());
    await page.keyboard.press("Space");
    await expect.poll(async () => Number(await votes.textContent())).toBe(before + 1);
    expect(await title()).toBe("Cold outreach and inbound qualification");
    // The arrows still walk from there; after a click (on Back), Space walks again.
    await page.keyboard.press("ArrowRight");
    await expect.poll(title).not.toBe("Cold outreach and inbound qualification");
    await card().getByRole("button", { name: "← Back" }).click();
    await expect.poll(title).toBe("Cold outreach and inbound qualification");
    await page.keyboard.press("Space");
    await expect.poll(title).not.toBe("Cold outreach and inbound qualification");
  });
});
