#!/usr/bin/env node
// `npm run bench [-- --json FILE]`: the engine benchmark (test/bench/engine.bench.ts) from the
// ahead-of-time build (scripts/aotBuild.mjs), so no TypeScript loader sits in the measured process.
import { pathToFileURL } from 'node:url';
import { builtEntry } from './aotBuild.mjs';

await import(pathToFileURL(await builtEntry('bench')).href);
