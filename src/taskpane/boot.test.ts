/** Host detection: Office.onReady's documented result ({ host: "Excel" } inside Excel, host null outside Office). */
import { describe, expect, it } from "vitest";
import { actionsFor, detectHost } from "./boot";

describe("detectHost", () => {
  it("no office.js at all (CDN unreachable) → no host", async () => {
    expect(await detectHost(undefined)).toEqual({ host: null });
  });
  it("office.js in a plain browser → no host", async () => {
    expect(await detectHost({ onReady: async () => ({ host: null }) })).toEqual({ host: null });
  });
  it("inside Excel → Excel with Office's display language", async () => {
    expect(await detectHost({ onReady: async () => ({ host: "Excel" }), context: { displayLanguage: "zh-CN" } })).toEqual({
      host: "Excel",
      displayLanguage: "zh-CN",
    });
  });
  it("onReady that never answers → no host after the timeout", async () => {
    expect(await detectHost({ onReady: () => new Promise(() => {}) }, 20)).toEqual({ host: null });
  });
  it("actions follow the host", () => {
    expect(actionsFor({ host: "Excel", displayLanguage: "en-US" }).host).toBe("excel");
    expect(actionsFor({ host: null }, "zh-CN")).toMatchObject({ host: "browser", displayLanguage: "zh-CN" });
  });
});
