/**
 * Start-up: which host the pane runs in, and the matching actions. Outside Office (the page opened
 * in a plain browser) office.js may be missing altogether (its CDN unreachable) or report no host:
 * both lead to the browser actions (download instead of insert).
 */
import type { TaskpaneActions } from "./actions";
import { createBrowserActions } from "./browser/actions";
import { createExcelActions } from "./excel/actions";

export interface HostInfo {
  /** "Excel" inside Excel; null outside Office. */
  host: string | null;
  displayLanguage?: string;
}

type OfficeLike = {
  onReady?: () => Promise<{ host?: unknown }>;
  context?: { displayLanguage?: string };
};

/**
 * Whether the page runs inside an Office host, known before office.js answers: Office opens the
 * pane with its host information in the URL (`_host_Info=Excel|…`, Office on the web and Mac) or
 * keeps it in session storage after a reload (office.js's `hostInfoValue`), and a Windows host
 * embeds the pane in a WebView that exposes `window.external.GetContext` or `chrome.webview`.
 * A pane in a frame is also taken as hosted. None of these in a plain browser tab.
 */
export function hostExpected(win: {
  location?: { search?: string; hash?: string };
  sessionStorage?: { getItem(k: string): string | null };
  external?: unknown;
  chrome?: { webview?: unknown };
  top?: unknown;
  self?: unknown;
} = globalThis): boolean {
  const where = `${win.location?.search ?? ""}${win.location?.hash ?? ""}`;
  if (/[?&#]_host_Info=/i.test(where)) return true;
  try {
    if (win.sessionStorage?.getItem("hostInfoValue")) return true;
  } catch {
    // storage may be blocked (third-party frame): not a hint either way
  }
  const ext = win.external as { GetContext?: unknown } | undefined;
  if (ext && typeof ext === "object" && "GetContext" in ext) return true;
  if (win.chrome?.webview) return true;
  return win.top !== undefined && win.self !== undefined && win.top !== win.self;
}

/**
 * Office.onReady, or no host when office.js is absent or, outside a host, does not answer within
 * `timeoutMs` (in a plain browser office.js answers at once with no host). Inside a host
 * (`expectHost`) there is no timeout: Excel can take long to start, and falling back to browser
 * mode would leave the pane unable to insert for good; the page shows "loading Office…" meanwhile.
 */
export async function detectHost(office: OfficeLike | undefined, timeoutMs = 15_000, expectHost = false): Promise<HostInfo> {
  if (!office || typeof office.onReady !== "function") return { host: null };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const info = await Promise.race([
      office.onReady(),
      ...(expectHost
        ? []
        : [
            new Promise<null>((resolve) => {
              timer = setTimeout(() => resolve(null), timeoutMs);
            }),
          ]),
    ]);
    // a string at run time ("Excel"), though @types/office-js declares HostType a numeric enum
    const host = typeof info?.host === "string" && info.host !== "" ? info.host : null;
    return { host, displayLanguage: host ? office.context?.displayLanguage : undefined };
  } catch {
    return { host: null };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** The actions for a host (Excel → Office.js; anything else → browser download). */
export function actionsFor(info: HostInfo, browserLanguage?: string): TaskpaneActions {
  if (info.host === "Excel") return createExcelActions(undefined, info.displayLanguage);
  return createBrowserActions(browserLanguage);
}
