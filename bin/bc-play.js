#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (npm install runs it via "prepare").
import { main } from '../dist/lib/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
