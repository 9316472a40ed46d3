/**
 * Inside an Office host the pane waits for Office.onReady however long it takes (showing
 * "loading Office…"), instead of falling back to browser mode after a timeout; the browser mode
 * is for pages with no Office at all. Hints of a host: Office's documented `_host_Info` query
 * parameter, office.js's stored host info, the Windows WebView's bridges, a frame.
 */
import { describe, expect, it } from "vitest";
import { detectHost, hostExpected } from "./boot";

describe("hostExpected", () => {
  const top = {};
  it("a plain browser tab: no host expected", () => {
    expect(hostExpected({ location: { search: "", hash: "" }, top, self: top })).toBe(false);
  });
  it("Office on the web / Mac: _host_Info in the URL", () => {
    expect(hostExpected({ location: { search: "?_host_Info=Excel$Win32$16.01$zh-CN$$$$0", hash: "" }, top, self: top })).toBe(true);
    expect(hostExpected({ location: { search: "", hash: "#_host_Info=Excel$Mac$16.01" }, top, self: top })).toBe(true);
  });
  it("a reload inside the host: office.js's stored host info", () => {
    expect(hostExpected({ location: { search: "" }, sessionStorage: { getItem: (k) => (k === "hostInfoValue" ? "Excel|Win32" : null) }, top, self: top })).toBe(
      true,
    );
  });
  it("Windows WebView bridges, or a frame", () => {
    expect(hostExpected({ external: { GetContext: () => null }, top, self: top })).toBe(true);
    expect(hostExpected({ chrome: { webview: {} }, top, self: top })).toBe(true);
    expect(hostExpected({ top: {}, self: {} })).toBe(true);
  });
  it("blocked storage is no hint", () => {
    expect(
      hostExpected({
        sessionStorage: {
          getItem: () => {
            throw new Error("SecurityError");
          },
        },
        top,
        self: top,
      }),
    ).toBe(false);
  });
});

describe("detectHost inside a host", () => {
  it("waits past the timeout for a slow onReady instead of falling back to the browser", async () => {
    const office = {
      onReady: () => new Promise<{ host: string }>((r) => setTimeout(() => r({ host: "Excel" }), 60)),
      context: { displayLanguage: "en-US" },
    };
    expect(await detectHost(office, 10, true)).toEqual({ host: "Excel", displayLanguage: "en-US" });
    // the same slow onReady with no host expected: browser mode after the timeout
    expect(await detectHost(office, 10, false)).toEqual({ host: null });
  });
});
