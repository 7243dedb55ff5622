#!/usr/bin/env node
// The `handoff` command: runs the TypeScript CLI through tsx, so `npx handoff …` works straight
// after `npm ci` with no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
