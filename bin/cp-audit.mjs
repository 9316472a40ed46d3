#!/usr/bin/env node
// cp-audit: runs the TypeScript CLI through tsx, so `npx cp-audit` works right after `npm ci`
// without a build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
