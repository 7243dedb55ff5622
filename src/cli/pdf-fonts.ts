/**
 * The fonts the PDF export embeds, read from the system: DejaVu Sans, the font the layout measures
 * for and the PNG export draws with (Debian's fonts-dejavu-core). HANDOFF_FONT_DIR names another
 * folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { PdfFonts } from "../export/pdf/build-pdf";

const DIRECTORIES = [
  "/usr/share/fonts/truetype/dejavu",
  "/usr/share/fonts/dejavu",
  "/usr/share/fonts/TTF",
  "/Library/Fonts",
];

export class FontError extends Error {}

export async function loadPdfFonts(env: NodeJS.ProcessEnv = process.env): Promise<PdfFonts> {
  const directories = env.HANDOFF_FONT_DIR ? [env.HANDOFF_FONT_DIR] : DIRECTORIES;
  for (const directory of directories) {
    try {
      const [regular, bold] = await Promise.all([
        readFile(path.join(directory, "DejaVuSans.ttf")),
        readFile(path.join(directory, "DejaVuSans-Bold.ttf")),
      ]);
      return { regular, bold };
    } catch {
      // Try the next folder.
    }
  }
  throw new FontError(
    `the PDF needs the DejaVu Sans fonts (DejaVuSans.ttf, DejaVuSans-Bold.ttf), not found in ${directories.join(", ")}; ` +
      "install them (Debian and Ubuntu: apt-get install fonts-dejavu-core) or set HANDOFF_FONT_DIR to their folder",
  );
}
