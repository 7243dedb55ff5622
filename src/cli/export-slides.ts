/**
 * `handoff export FILE --slides -o OUT`: the deck. With svg or png, OUT is a folder that gets one
 * numbered image per slide in journey order (01-engagement.svg, ...) and slides.pdf; with pdf, OUT
 * is the PDF. Each file is written atomically (write-output.ts). Slides of an earlier export into
 * the same folder that this one does not rewrite (it had more phases) are removed, and the
 * message says so; every other file in the folder is left alone.
 */
import { mkdir, readdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { buildSlidesPdf } from "../export/pdf/build-pdf";
import { buildSlides } from "../export/slides/build-slides";
import { matchLanes, phaseOfFromLayout } from "../export/slides/slice-map";
import { createNodeElk } from "../layout/node-elk";
import { createInProcessLayout } from "../layout/run-layout";
import type { HandoffMap } from "../model/types";
import type { ExportRequest } from "./export-command";
import { type CliIo, complain, say } from "./io";
import { FontError, loadPdfFonts } from "./pdf-fonts";
import { RenderError, type renderPng } from "./render-png";
import { OutputError, writeOutput } from "./write-output";

export const SLIDES_PDF = "slides.pdf";

/**
 * The names --slides gives its images: a number in journey order, "-", the phase's slug
 * (build-slides.ts fileSlug: lower-case letters, digits and single hyphens), .svg or .png.
 */
const SLIDE_FILE = /^\d{2,}-[a-z0-9]+(?:-[a-z0-9]+)*\.(?:svg|png)$/;

/** Is `name` a slide image an export with --slides writes (01-engagement.svg, 12-slide-2.png)? */
export function isSlideFileName(name: string): boolean {
  return SLIDE_FILE.test(name);
}

/** Returns the exit code: 0 written, 1 layout, fonts, renderer or write failed. */
export async function exportSlides(
  map: HandoffMap,
  request: ExportRequest,
  io: CliIo,
  render: typeof renderPng,
): Promise<number> {
  const fail = (message: string) => {
    complain(io, `handoff export: ${message}`);
    return 1;
  };
  const output = request.output as string;
  const run = createInProcessLayout(createNodeElk());
  const full = await run(map, request.layout === undefined ? {} : { mode: request.layout });
  if (!full.ok) return fail(`layout failed: ${full.error}`);
  let lanes: string[] | undefined;
  if (request.lanes !== undefined) {
    const matched = matchLanes(map, request.lanes);
    if (!matched.ok) return fail(`--lanes: ${matched.error}`);
    lanes = matched.lanes;
  }
  let failure: string | null = null;
  const slides = await buildSlides(
    map,
    async (slice, metrics) => {
      const result = await run(slice, { mode: "auto", metrics });
      if (!result.ok) {
        failure = result.error;
        throw new Error(result.error);
      }
      return result.layout;
    },
    {
      theme: request.theme,
      phaseOf: phaseOfFromLayout(full.layout),
      ...(lanes === undefined ? {} : { lanes }),
    },
  ).catch((error: unknown) => {
    if (failure !== null) return null;
    throw error;
  });
  if (slides === null) return fail(`layout of a slide failed: ${failure}`);

  let pdf: Uint8Array;
  try {
    pdf = await buildSlidesPdf(slides, { fonts: await loadPdfFonts(), title: map.title });
  } catch (error) {
    if (error instanceof FontError) return fail(error.message);
    throw error;
  }
  const write = async (target: string, shown: string, data: Uint8Array) => {
    try {
      await writeOutput(target, shown, data, { force: request.force });
      return true;
    } catch (error) {
      if (!(error instanceof OutputError)) throw error;
      complain(io, `handoff export: ${error.message}`);
      return false;
    }
  };

  if (request.format === "pdf") {
    if (!(await write(path.resolve(io.cwd, output), output, pdf))) return 1;
    say(io, `exported ${request.file} to ${output} (${slides.length} slides, pdf)`);
    return 0;
  }

  const folder = path.resolve(io.cwd, output);
  const existing = await stat(folder).catch(() => null);
  if (existing !== null && !existing.isDirectory())
    return fail(`${output} is a file; --slides writes a folder of slides: give a folder name`);
  await mkdir(folder, { recursive: true });
  const names: string[] = [];
  for (const slide of slides) {
    const name = `${slide.name}.${request.format}`;
    let data: Uint8Array;
    if (request.format === "png") {
      try {
        // 1920 x 1080 at scale 1: the slide is already in screen pixels.
        data = (await render(slide.svg, { scale: 1 })).png;
      } catch (error) {
        if (!(error instanceof RenderError)) throw error;
        return fail(
          `${error.message}; the SVG slides may still be made: handoff export ${request.file} --slides -o ${output}`,
        );
      }
    } else {
      data = Buffer.from(slide.svg, "utf8");
    }
    if (!(await write(path.join(folder, name), path.join(output, name), data))) return 1;
    names.push(name);
  }
  if (!(await write(path.join(folder, SLIDES_PDF), path.join(output, SLIDES_PDF), pdf))) return 1;
  // An earlier deck with more phases (or in the other image format) left slides this one does
  // not replace; a reader of the folder would take them for part of this deck. Removed once the
  // new deck is written, so an export that fails removes nothing.
  const keep = new Set(names);
  const stale = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && isSlideFileName(entry.name) && !keep.has(entry.name))
    .map((entry) => entry.name)
    .sort();
  for (const name of stale) {
    try {
      await unlink(path.join(folder, name));
    } catch (error) {
      return fail(
        `could not remove ${path.join(output, name)}, a slide of an earlier export: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  say(
    io,
    `exported ${request.file} to ${output}: ${slides.length} ${slides.length === 1 ? "slide" : "slides"} (${names[0] ?? ""}${names.length > 1 ? ` … ${names[names.length - 1]}` : ""}) and ${SLIDES_PDF}`,
  );
  if (stale.length > 0)
    say(
      io,
      `removed ${stale.length} ${stale.length === 1 ? "slide" : "slides"} of an earlier export from ${output}: ${stale.join(", ")}`,
    );
  return 0;
}
