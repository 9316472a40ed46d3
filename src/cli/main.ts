/** Entry of the `cp-audit` command (bin/cp-audit.mjs loads it through tsx): runs and sets the exit code. */
import { main } from "./run";

process.exitCode = await main(process.argv.slice(2));
