#!/usr/bin/env node
// `npm run serve`: the web host from the ahead-of-time build (scripts/aotBuild.mjs); the renderer and
// the run worker come from electron-vite's build (out/renderer, out/main/runWorker.js).
import { pathToFileURL } from 'node:url';
import { builtEntry } from './aotBuild.mjs';

await import(pathToFileURL(await builtEntry('serve')).href);
