/** Entry of the task pane (webpack entry "taskpane", page taskpane.html). */
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { actionsFor, detectHost, hostExpected } from "./boot";
import { langFromDisplayLanguage } from "./i18n";

/** After this long a hint joins "loading Office…" (the pane keeps waiting: Excel can be slow to start). */
const SLOW_OFFICE_MS = 15_000;

/** Shown while office.js starts inside a host (no Fluent yet: plain markup, start-up stays small). */
function Loading({ zh }: { zh: boolean }) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_OFFICE_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div role="status" aria-live="polite" style={{ padding: 12, color: "#424242" }}>
      <p style={{ margin: 0 }}>{zh ? "正在加载 Office…" : "Loading Office…"}</p>
      {slow && (
        <p style={{ margin: "8px 0 0" }}>
          {zh
            ? "Office 启动较慢，请稍候。如果此页面不是在 Excel 中打开的，请直接在浏览器标签页中打开它以下载工作表。"
            : "Office is taking long to start; please wait. If this page is not open inside Excel, open it in a browser tab of its own to download the worksheets."}
        </p>
      )}
    </div>
  );
}

async function main(): Promise<void> {
  const container = document.getElementById("container");
  if (!container) return;
  const root = createRoot(container);
  const office = (globalThis as { Office?: Parameters<typeof detectHost>[0] }).Office;
  const expect = office !== undefined && hostExpected();
  if (expect) root.render(<Loading zh={langFromDisplayLanguage(navigator.language) === "zh-CN"} />);
  const info = await detectHost(office, undefined, expect);
  const actions = actionsFor(info, navigator.language);
  document.documentElement.dataset.host = actions.host;
  root.render(<App actions={actions} />);
}

void main();
