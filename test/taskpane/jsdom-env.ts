/**
 * What jsdom lacks and Fluent UI v9 uses (imported first by the component tests):
 * ResizeObserver (Fluent's overflow and positioning) as an inert observer.
 */
class InertResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

const g = globalThis as unknown as { ResizeObserver?: unknown; window?: { ResizeObserver?: unknown } };
if (typeof g.ResizeObserver === "undefined") g.ResizeObserver = InertResizeObserver;
if (g.window && typeof g.window.ResizeObserver === "undefined") g.window.ResizeObserver = InertResizeObserver;
