// jsdom has no layout: the charts watch their container (ResizeObserver) and measure SVG text
// (getComputedTextLength, getBBox, a canvas) to wrap and truncate labels. Minimal stand-ins so they draw;
// the numbers themselves are checked in the charts' tables.
export function stubChartLayout(): void {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  const svg = SVGElement.prototype as SVGElement & {
    getComputedTextLength?: () => number;
    getBBox?: () => DOMRect;
  };
  // No canvas to measure label widths with: the charts then fall back to their own defaults.
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
  // About 7 px per character, as a 12 px font would measure.
  svg.getComputedTextLength ??= function (this: SVGElement) {
    return (this.textContent ?? '').length * 7;
  };
  svg.getBBox ??= function (this: SVGElement) {
    const width = (this.textContent ?? '').length * 7;
    return { x: 0, y: 0, width, height: 16, top: 0, left: 0, right: width, bottom: 16 } as DOMRect;
  };
}
