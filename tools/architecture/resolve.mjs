// Resolve a relative import specifier to the file it names, as the bundlers of this project do
// (moduleResolution "Bundler": extension-less specifiers, `.ts` / `.vue` / folder `index.ts`).
import { existsSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';

const EXTENSIONS = ['.ts', '.vue', '.d.ts', '.mts', '.js', '.mjs', '.json'];
const BUILTINS = new Set(builtinModules);

function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Absolute path of the file a relative specifier names, or undefined when none exists. */
export function resolveRelative(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier);
  if (isFile(base)) return base;
  for (const ext of EXTENSIONS) if (isFile(base + ext)) return base + ext;
  if (existsSync(base)) for (const ext of EXTENSIONS) if (isFile(`${base}/index${ext}`)) return `${base}/index${ext}`;
  // `./x.js` written for a `./x.ts` source (TypeScript's ESM convention).
  const js = /\.(m?)js$/.exec(base);
  if (js) {
    const ts = `${base.slice(0, -js[0].length)}.${js[1]}ts`;
    if (isFile(ts)) return ts;
  }
  return undefined;
}

export function isRelative(specifier) {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

export function isNodeBuiltin(specifier) {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

export function isElectron(specifier) {
  return specifier === 'electron' || specifier.startsWith('electron/');
}
