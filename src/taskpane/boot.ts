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
 * Office.onReady, or no host when office.js is absent or does not answer within `timeoutMs` (long:
 * Excel on the web can be slow to start; in a plain browser office.js answers at once with no host).
 */
export async function detectHost(office: OfficeLike | undefined, timeoutMs = 15_000): Promise<HostInfo> {
  if (!office || typeof office.onReady !== "function") return { host: null };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const info = await Promise.race([
      office.onReady(),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), timeoutMs);
      }),
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
