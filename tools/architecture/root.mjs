import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the table's globs are relative to it. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
