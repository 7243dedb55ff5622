import { useEffect, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { renderCompareSvg } from "../../export/render-compare-svg";
import { renderSvg } from "../../export/render-svg";
import { pathPoints } from "../../layout/route-path";
import type { MapLayout } from "../../layout/types";
import { contentAsMap } from "../../model/map-sections";
import type { HandoffMap } from "../../model/types";
import { useColorScheme } from "../canvas/canvas-theme";
import { useEditor, useEditorStoreApi } from "../store-context";
import { compareData } from "./compare-data";
import { layoutOnce } from "./compare-export";
import { restoreVersionNow } from "./versions-commands";
import { useVersionsUi, useVersionsUiApi } from "./versions-context";

const selectMap = (s: { map: HandoffMap }) => s.map;

interface Picture {
  svg: string;
  origin: { x: number; y: number };
  layout: MapLayout;
  map: HandoffMap;
}

/** Where an entity of the compare is drawn, in layout units; null when it is not drawn. */
function boxOf(
  key: string,
  picture: Picture,
): { x: number; y: number; width: number; height: number } | null {
  const [kind, ...rest] = key.split(":");
  const id = rest.join(":");
  const { layout, map } = picture;
  if (kind === "step") return layout.steps.find((b) => b.id === id) ?? null;
  if (kind === "lane") {
    const band = layout.lanes.find((b) => b.id === id);
    return band === undefined ? null : { x: 0, y: band.y, width: layout.width, height: band.height };
  }
  if (kind === "phase") {
    const column = layout.phases.find((c) => c.id === id);
    return column === undefined ? null : { x: column.x, y: 0, width: column.width, height: layout.height };
  }
  const handoffId =
    kind === "handoff" ? id : map.handoffs.find((h) => h.edgeCases.some((e) => e.id === id))?.id;
  const route = layout.handoffs.find((r) => r.id === handoffId);
  if (route === undefined) return null;
  const points = pathPoints(route.path);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(8, Math.max(...xs) - x), height: Math.max(8, Math.max(...ys) - y) };
}

/**
 * The compare view over the canvas: the newer map with the changes marked (compare) or a saved
 * version read-only (view). It is a picture (the same SVG the export writes, shown as an image,
 * never as markup), fitted to the width or at full size; the change picked in the panel is
 * outlined and scrolled into view.
 */
export function CompareView() {
  const editor = useEditorStoreApi();
  const ui = useVersionsUiApi();
  const map = useEditor(selectMap);
  const target = useVersionsUi((s) => s.compare);
  const viewing = useVersionsUi((s) => s.viewing);
  const showLayout = useVersionsUi((s) => s.showLayout);
  const focus = useVersionsUi((s) => s.focus);
  const scheme = useColorScheme();
  const [host, setHost] = useState<HTMLElement | null>(null);
  const [picture, setPicture] = useState<Picture | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [fit, setFit] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  const image = useRef<HTMLImageElement>(null);
  const [scale, setScale] = useState(1);

  const data = target === null ? null : compareData(map, target, showLayout);
  const version = viewing === null ? null : (map.versions?.find((v) => v.id === viewing) ?? null);
  const shown = useMemo(
    () =>
      data?.compare.map ??
      (version === null
        ? null
        : contentAsMap(version.content, `${version.title} — version “${version.name}”`)),
    [data, version],
  );

  useEffect(() => {
    setHost(document.querySelector<HTMLElement>(".hf-editor__main"));
  }, []);

  // While the picture covers the canvas, the canvas and the editing keys rest (nothing is edited
  // unseen under it).
  const covering = host !== null && shown !== null;
  useEffect(() => {
    if (!covering) return;
    editor.getState().setCanvasCovered(true);
    return () => editor.getState().setCanvasCovered(false);
  }, [covering, editor]);

  useEffect(() => {
    if (shown === null) {
      setPicture(null);
      return;
    }
    let cancelled = false;
    setProblem(null);
    layoutOnce(shown).then(
      (layout) => {
        if (cancelled) return;
        if (data !== null) {
          const drawn = renderCompareSvg(data.compare, layout, {
            theme: scheme,
            heading: data.heading,
            summary: data.summary,
          });
          setPicture({ ...drawn, layout, map: shown });
        } else {
          const svg = renderSvg(shown, layout, {
            theme: scheme,
            register: false,
            legend: false,
            idPrefix: "version",
          });
          const box = /viewBox="([-\d.]+) ([-\d.]+)/.exec(svg);
          setPicture({
            svg,
            origin: { x: Number(box?.[1] ?? 0), y: Number(box?.[2] ?? 0) },
            layout,
            map: shown,
          });
        }
      },
      (error: unknown) => {
        if (!cancelled) setProblem(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [shown, data, scheme]);

  const url = useMemo(
    () => (picture === null ? null : URL.createObjectURL(new Blob([picture.svg], { type: "image/svg+xml" }))),
    [picture],
  );
  useEffect(
    () => () => {
      if (url !== null) URL.revokeObjectURL(url);
    },
    [url],
  );

  const ring = focus === null || picture === null ? null : boxOf(focus.key, picture);
  // biome-ignore lint/correctness/useExhaustiveDependencies: ring is derived from focus and picture
  useEffect(() => {
    if (ring === null || focus === null || scroller.current === null) return;
    const el = scroller.current;
    const cx = (ring.x + ring.width / 2 - (picture?.origin.x ?? 0)) * scale;
    const cy = (ring.y + ring.height / 2 - (picture?.origin.y ?? 0)) * scale;
    el.scrollTo({
      left: Math.max(0, cx - el.clientWidth / 2),
      top: Math.max(0, cy - el.clientHeight / 2),
      behavior: "smooth",
    });
    // Only on a new pick: the nonce changes with every click, even on the same change.
  }, [focus, picture, scale]);

  const measure = () => {
    const img = image.current;
    if (img !== null && img.naturalWidth > 0) setScale(img.clientWidth / img.naturalWidth);
  };
  // The picture's scale follows the fit toggle and the window's size.
  // biome-ignore lint/correctness/useExhaustiveDependencies: measure reads the image ref
  useEffect(() => {
    const img = image.current;
    if (img === null) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(img);
    return () => observer.disconnect();
  }, [fit, url]);

  if (host === null || shown === null) return null;
  const close = () => ui.getState().close();

  return createPortal(
    <section
      className={`hf-compare-view hf-compare-view--${scheme}`}
      aria-label={data !== null ? `Compare ${data.heading}` : `Version ${version?.name ?? ""}, read-only`}
      data-testid="compare-view"
    >
      <header className="hf-compare-view__bar">
        <strong>
          {data !== null ? `Comparing ${data.heading}` : `Version “${version?.name ?? ""}” · read-only`}
        </strong>
        <span className="hf-compare-view__spacer" />
        <button type="button" className="hf-button" aria-pressed={!fit} onClick={() => setFit(!fit)}>
          {fit ? "Actual size" : "Fit width"}
        </button>
        {version !== null && (
          <>
            <button
              type="button"
              className="hf-button"
              onClick={() => ui.getState().startCompare({ kind: "version", id: version.id })}
            >
              Compare with this version
            </button>
            <button
              type="button"
              className="hf-button"
              onClick={() => {
                if (restoreVersionNow(editor, version.id)) {
                  editor
                    .getState()
                    .notify(`Restored “${version.name}”. What was on screen is saved as a version.`);
                  close();
                }
              }}
            >
              Restore this version
            </button>
          </>
        )}
        <button type="button" className="hf-button" onClick={close}>
          {data !== null ? "Close compare" : "Close version"}
        </button>
      </header>
      <div className="hf-compare-view__scroller" ref={scroller}>
        {problem !== null && <p role="alert">The compare could not be laid out: {problem}</p>}
        {url === null ? (
          problem === null && <p className="hf-compare-view__wait">Drawing…</p>
        ) : (
          <div className="hf-compare-view__picture">
            <img
              ref={image}
              src={url}
              alt={data !== null ? `${data.heading}: ${data.summary}` : `Version “${version?.name ?? ""}”`}
              className={fit ? "is-fit" : undefined}
              onLoad={measure}
            />
            {ring !== null && picture !== null && (
              <div
                className="hf-compare-view__ring"
                data-testid="compare-focus"
                style={{
                  left: (ring.x - picture.origin.x) * scale - 6,
                  top: (ring.y - picture.origin.y) * scale - 6,
                  width: ring.width * scale + 12,
                  height: ring.height * scale + 12,
                }}
              />
            )}
          </div>
        )}
      </div>
    </section>,
    host,
  );
}
