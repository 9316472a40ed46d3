/**
 * What the browser tests of the built pane share: Debian's chromium (required under CI, skipped
 * with a notice locally) and a static server of a build directory on 127.0.0.1.
 */
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { isCi, skipNotice } from "./libreoffice";

export const CHROMIUM = "/usr/bin/chromium";

/** True when chromium exists; under CI its absence is an error, never a skip. */
export function requireChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (isCi()) throw new Error(`${CHROMIUM} is missing; CI must install chromium`);
  skipNotice("chromium", "apt-get install -y chromium");
  return false;
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json",
};

/** Static files of `dir` on 127.0.0.1 (random port); "/" serves taskpane.html; nothing outside `dir`. */
export async function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
      const file = normalize(join(dir, path === "/" ? "taskpane.html" : path));
      if (!file.startsWith(dir + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        if (!(await stat(file)).isFile()) throw new Error("not a file");
        res.writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" });
        res.end(await readFile(file));
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
