#!/usr/bin/env node
// The `handoff` command: runs the TypeScript CLI through tsx, so `npx handoff …` works straight
// after `npm ci` with no build step.
import { register } from "tsx/esm/api";

register();
const { runProcess } = await import("../src/cli/main.ts");
await runProcess(process.argv.slice(2));
