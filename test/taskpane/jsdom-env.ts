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

// findBy*/waitFor wait up to 10 s: the machine running the suite may be busy (2 cores, parallel files).
import { configure } from "@testing-library/dom";
configure({ asyncUtilTimeout: 10_000 });
