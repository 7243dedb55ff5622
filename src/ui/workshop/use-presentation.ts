import { useCallback, useEffect } from "react";
import type { WorkshopStore } from "../../store/workshop-store";

/**
 * Presentation mode: the Fullscreen API where the page may use it, and always a CSS mode
 * (`<html data-hf-presenting>`: editing chrome hidden, larger type, projector theme), so it
 * still works where fullscreen is refused (an iframe, a kiosk, a headless test).
 *
 * Leaving browser fullscreen with the browser's own Escape also leaves presentation mode.
 */
export function usePresentation(workshop: WorkshopStore): () => void {
  const toggle = useCallback(() => {
    const on = !workshop.getState().presenting;
    workshop.getState().setPresenting(on);
    const root = document.documentElement;
    if (on) {
      if (document.fullscreenElement === null && typeof root.requestFullscreen === "function")
        // Refused without a user gesture or by policy: the CSS mode is enough.
        root.requestFullscreen().catch(() => undefined);
    } else if (document.fullscreenElement != null && typeof document.exitFullscreen === "function") {
      document.exitFullscreen().catch(() => undefined);
    }
  }, [workshop]);

  useEffect(() => {
    let wasFullscreen = document.fullscreenElement != null;
    const onChange = () => {
      const isFullscreen = document.fullscreenElement != null;
      if (wasFullscreen && !isFullscreen) workshop.getState().setPresenting(false);
      wasFullscreen = isFullscreen;
    };
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, [workshop]);

  return toggle;
}

/** Mirrors a boolean onto an attribute of <html>, for the workshop's CSS. */
export function useRootFlag(name: string, on: boolean): void {
  useEffect(() => {
    const root = document.documentElement;
    if (on) root.setAttribute(name, "");
    else root.removeAttribute(name);
    return () => root.removeAttribute(name);
  }, [name, on]);
}
