/** Entry of the task pane (webpack entry "taskpane", page taskpane.html). */
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { actionsFor, detectHost, hostExpected } from "./boot";
import { langFromDisplayLanguage } from "./i18n";

/** Shown while office.js starts inside a host (no Fluent yet: plain markup, start-up stays small). */
function Loading({ zh }: { zh: boolean }) {
  return (
    <p role="status" aria-live="polite" style={{ margin: 0, padding: 12, color: "#424242" }}>
      {zh ? "正在加载 Office…" : "Loading Office…"}
    </p>
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
