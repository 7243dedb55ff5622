/**
 * Exporting from the editor as a person does: the toolbar's Export opens the Export dialog, a
 * format is chosen by its name, and the dialog's Export button downloads it. Shared by the e2e
 * tests that need a download.
 */
import type { Download, Locator, Page } from "playwright-core";

/** The toolbar's Export button, clicked; the dialog it opens. */
export async function openExportDialog(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Export" });
  await dialog.waitFor();
  return dialog;
}

/**
 * Export -> the format named `label` (its radio in the dialog: "CSV register", "SVG image", ...)
 * -> Export; the download. Slides are switched off, so one file comes.
 */
export async function exportAs(page: Page, label: string | RegExp): Promise<Download> {
  const dialog = await openExportDialog(page);
  await dialog.getByRole("radio", { name: label, exact: typeof label === "string" }).check();
  const slides = dialog.getByRole("checkbox", { name: /^Slides/ });
  if ((await slides.count()) > 0) await slides.uncheck();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("button", { name: "Export", exact: true }).click(),
  ]);
  return download;
}
