#!/usr/bin/env node
// The command line's launcher (`npx netmem-workbench …`, `npm run cli -- …`): runs the ahead-of-time
// built CLI (scripts/aotBuild.mjs), rebuilding it first when a source file changed.
import { pathToFileURL } from 'node:url';
import { builtEntry } from './aotBuild.mjs';

const { runCli } = await import(pathToFileURL(await builtEntry('main')).href);
runCli();
