/**
 * WCAG contrast of button text as the browser draws it, measured in the page: used by the e2e
 * tests that check dialogs, popovers and the presentation controls.
 */

export interface TextContrast {
  text: string;
  color: string;
  background: string;
  ratio: number;
}

/**
 * In the page: the contrast of every piece of text inside the enabled buttons under `root`.
 * Runs in the browser (no closures over test code).
 */
export function measureButtons(root: Element): TextContrast[] {
  type Rgba = [number, number, number, number];
  const parse = (value: string): Rgba | null => {
    const srgb = value.match(/^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/);
    if (srgb !== null)
      return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, Number(srgb[4] ?? 1)];
    const rgb = value.match(/^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)$/);
    if (rgb !== null) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), Number(rgb[4] ?? 1)];
    return null;
  };
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3];
    return [
      top[0] * a + bottom[0] * (1 - a),
      top[1] * a + bottom[1] * (1 - a),
      top[2] * a + bottom[2] * (1 - a),
      1,
    ];
  };
  const luminance = ([r, g, b]: Rgba) => {
    const channel = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const canvasColor = (): Rgba => {
    // What the page shows under everything: the root's background, else the scheme's canvas.
    const dark = matchMedia("(prefers-color-scheme: dark)").matches;
    return dark ? [18, 18, 18, 1] : [255, 255, 255, 1];
  };
  const background = (element: Element): Rgba => {
    const layers: Rgba[] = [];
    for (let at: Element | null = element; at !== null; at = at.parentElement) {
      const color = parse(getComputedStyle(at).backgroundColor);
      if (color === null || color[3] === 0) continue;
      layers.push(color);
      if (color[3] >= 1) break;
    }
    let result = canvasColor();
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const opacity = (element: Element) => {
    let product = 1;
    for (let at: Element | null = element; at !== null; at = at.parentElement)
      product *= Number(getComputedStyle(at).opacity);
    return product;
  };
  const format = ([r, g, b]: Rgba) => `rgb(${Math.round(r)} ${Math.round(g)} ${Math.round(b)})`;

  const results: TextContrast[] = [];
  for (const button of root.querySelectorAll<HTMLButtonElement>("button")) {
    if (button.disabled || button.getClientRects().length === 0) continue;
    const holders = [button, ...button.querySelectorAll("*")].filter((element) =>
      [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim()),
    );
    for (const holder of holders) {
      if (holder.getClientRects().length === 0) continue;
      const text = [...holder.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent?.trim())
        .join(" ")
        .trim();
      const fg = parse(getComputedStyle(holder).color);
      if (fg === null) {
        results.push({ text, color: getComputedStyle(holder).color, background: "?", ratio: 0 });
        continue;
      }
      const bg = background(holder);
      // Opacity fades text and its background together toward what lies behind the button.
      const behind = button.parentElement === null ? canvasColor() : background(button.parentElement);
      const alpha = opacity(holder);
      const shownFg = over([fg[0], fg[1], fg[2], fg[3] * alpha], over([bg[0], bg[1], bg[2], alpha], behind));
      const shownBg = over([bg[0], bg[1], bg[2], alpha], behind);
      const [light, dark] = [luminance(shownFg), luminance(shownBg)].sort((a, b) => b - a) as [
        number,
        number,
      ];
      results.push({
        text: `${button.getAttribute("aria-label") ?? button.textContent?.trim()} / ${text}`,
        color: format(shownFg),
        background: format(shownBg),
        ratio: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100,
      });
    }
  }
  return results;
}
