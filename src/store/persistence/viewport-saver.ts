import type { EditorStore } from "../editor-store";
import type { MapStorage } from "./map-storage";

/**
 * Keeps the open map's pan and zoom in storage, debounced. The viewport is a convenience:
 * failing to keep it never blocks or misreports a save of the document.
 */
export class ViewportSaver {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly storage: MapStorage,
    private readonly editor: EditorStore,
    private readonly mapId: () => string,
    private readonly debounceMs: number,
  ) {}

  /** The viewport changed: save it once it has rested for `debounceMs`. */
  changed(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save();
    }, this.debounceMs);
  }

  /** Starts the due save now (the page is going away). */
  flush(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    void this.save();
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async save(): Promise<void> {
    const viewport = this.editor.getState().viewport;
    if (viewport === null) return;
    try {
      await this.storage.setViewport(this.mapId(), viewport);
    } catch {
      // The document's save status covers what matters; a lost viewport costs one pan.
    }
  }
}
