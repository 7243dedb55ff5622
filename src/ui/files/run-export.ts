/**
 * What the Export dialog makes, in the browser, with the CLI's code: slides (buildSlides), lane
 * focus (sliceMap), the PDF (buildMapPdf / buildSlidesPdf, pdfkit's browser build, in the PDF
 * worker: pdf-client.ts), SVG, PNG (the canvas) and the text formats. Slices are laid out by a
 * layout worker of their own, so an export never waits behind the canvas's layout.
 */
import { renderSvg } from "../../export/render-svg";
import { buildSlides, type Slide } from "../../export/slides/build-slides";
import { phaseOfFromLayout, sliceMap } from "../../export/slides/slice-map";
import { createLayoutClient, type LayoutClient } from "../../layout/layout-client";
import type { MapLayout } from "../../layout/types";
import { withScenarioTitle } from "../../model/scenarios";
import type { HandoffMap } from "../../model/types";
import { choosesPicture, type ExportChoice, lanesIn } from "./export-choice";
import { textExport } from "./export-formats";
import { fileBaseName, fileName } from "./file-name";
import regularFontUrl from "./fonts/DejaVuSans.ttf?url";
import boldFontUrl from "./fonts/DejaVuSans-Bold.ttf?url";
import { createPdfClient, type PdfClient } from "./pdf-client";
import { svgToPng } from "./png";

export interface ExportFile {
  name: string;
  blob: Blob;
}

type Drawing =
  | { kind: "slides"; slides: Slide[] }
  | { kind: "single"; map: HandoffMap; layout: MapLayout; stubs: ReadonlySet<string> | undefined };

let client: LayoutClient | null = null;
function exportLayout(): LayoutClient {
  client ??= createLayoutClient();
  return client;
}

let pdf: PdfClient | null = null;
/** PDFs are built by a worker; its fonts are DejaVu Sans, shipped with the app (src/ui/files/fonts). */
function pdfClient(): PdfClient {
  pdf ??= createPdfClient({
    fonts: {
      regular: new URL(regularFontUrl, location.href).href,
      bold: new URL(boldFontUrl, location.href).href,
    },
  });
  return pdf;
}

async function drawing(map: HandoffMap, layout: MapLayout, choice: ExportChoice): Promise<Drawing> {
  const lanes = lanesIn(
    choice,
    map.lanes.map((l) => l.id),
  );
  const run = exportLayout().run;
  if (choice.slides) {
    const slides = await buildSlides(
      map,
      async (slice, metrics) => {
        const result = await run(slice, { mode: "auto", metrics });
        if (!result.ok) throw new Error(`a slide could not be laid out: ${result.error}`);
        return result.layout;
      },
      { theme: choice.theme, phaseOf: phaseOfFromLayout(layout), ...(lanes === null ? {} : { lanes }) },
    );
    return { kind: "slides", slides };
  }
  if (lanes === null) return { kind: "single", map, layout, stubs: undefined };
  const slice = sliceMap(map, { lanes }, phaseOfFromLayout(layout));
  const result = await run(slice.map, { mode: "auto" });
  if (!result.ok) throw new Error(`the lanes could not be laid out: ${result.error}`);
  return { kind: "single", map: slice.map, layout: result.layout, stubs: new Set(slice.stubs.keys()) };
}

function svgOf(d: Extract<Drawing, { kind: "single" }>, choice: ExportChoice, register: boolean): string {
  return renderSvg(d.map, d.layout, {
    theme: choice.theme,
    parts: { ...choice.parts, register: register && choice.parts.register },
    ...(d.stubs === undefined ? {} : { stubs: d.stubs }),
  });
}

/**
 * The map as a format exports it: pictures and lists name the scenario they show; a file that is
 * read back (JSON, BPMN) keeps the map's own title, so importing it does not rename the map.
 */
export function titledFor(choice: Pick<ExportChoice, "format">, map: HandoffMap): HandoffMap {
  return choice.format === "json" || choice.format === "bpmn" ? map : withScenarioTitle(map);
}

/** The SVG the thumbnail shows: the export itself, or its first slide, or null for text formats. */
export async function previewSvg(
  document: HandoffMap,
  layout: MapLayout,
  choice: ExportChoice,
): Promise<string | null> {
  if (!choosesPicture(choice)) return null;
  const d = await drawing(titledFor(choice, document), layout, choice);
  if (d.kind === "slides") return d.slides[0]?.svg ?? null;
  // The PDF's first page has no register: it follows as tables.
  return svgOf(d, choice, choice.format !== "pdf");
}

/** The files an export downloads, in order. */
export async function exportFiles(
  document: HandoffMap,
  layout: MapLayout | null,
  choice: ExportChoice,
): Promise<ExportFile[]> {
  const map = titledFor(choice, document);
  const base = fileBaseName(map.title);
  if (!choosesPicture(choice)) {
    const file = textExport(choice.format, map, layout);
    if (file === null) throw new Error("the diagram is not laid out yet");
    return [{ name: file.name, blob: new Blob([file.text], { type: file.type }) }];
  }
  if (layout === null) throw new Error("the diagram is still being laid out; try again in a moment");
  const d = await drawing(map, layout, choice);
  const pdfBlob = (bytes: Uint8Array) =>
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/pdf" });
  if (d.kind === "slides") {
    const pdf = pdfBlob(
      await pdfClient().build({
        kind: "slides",
        slides: d.slides.map((s) => ({ svg: s.svg })),
        title: map.title,
      }),
    );
    if (choice.format === "pdf") return [{ name: `${base} slides.pdf`, blob: pdf }];
    const files: ExportFile[] = [];
    for (const slide of d.slides)
      files.push({
        name: `${base} ${slide.name}.${choice.format}`,
        blob:
          choice.format === "png"
            ? await svgToPng(slide.svg, 1)
            : new Blob([slide.svg], { type: "image/svg+xml" }),
      });
    files.push({ name: `${base} slides.pdf`, blob: pdf });
    return files;
  }
  if (choice.format === "pdf") {
    const bytes = await pdfClient().build({
      kind: "map",
      map: d.map,
      layout: d.layout,
      options: {
        theme: choice.theme,
        parts: choice.parts,
        page: choice.page,
        orientation: choice.orientation,
        ...(d.stubs === undefined ? {} : { stubs: d.stubs }),
      },
    });
    return [{ name: fileName(map.title, "pdf"), blob: pdfBlob(bytes) }];
  }
  const svg = svgOf(d, choice, true);
  if (choice.format === "svg")
    return [{ name: fileName(map.title, "svg"), blob: new Blob([svg], { type: "image/svg+xml" }) }];
  return [{ name: fileName(map.title, "png"), blob: await svgToPng(svg, choice.scale) }];
}
