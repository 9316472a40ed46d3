/** Entry of the task pane (webpack entry "taskpane", page taskpane.html). */
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { actionsFor, detectHost } from "./boot";

async function main(): Promise<void> {
  const container = document.getElementById("container");
  if (!container) return;
  const office = (globalThis as { Office?: Parameters<typeof detectHost>[0] }).Office;
  const info = await detectHost(office);
  const actions = actionsFor(info, navigator.language);
  document.documentElement.dataset.host = actions.host;
  createRoot(container).render(<App actions={actions} />);
}

void main();
