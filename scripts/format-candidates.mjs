#!/usr/bin/env node
// How much a single formatting pass would change with each candidate Prettier configuration:
// files and lines (added + removed, as `git diff --numstat` counts them) over the files that
// `prettier --check .` covers (.prettierignore applied). Writes nothing in the tree; the chosen
// configuration is .prettierrc.json (`width-140`: the line limit of the code review, and the smallest
// change of the candidates that keep lines within it). Usage: npm run format:candidates [-- --only NAME]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as prettier from 'prettier';

const COMMON = { singleQuote: true, semi: true, endOfLine: 'lf' };
export const CANDIDATES = {
  'width-120': { ...COMMON, printWidth: 120, trailingComma: 'all' },
  'width-140': { ...COMMON, printWidth: 140, trailingComma: 'all' },
  'width-160': { ...COMMON, printWidth: 160, trailingComma: 'all' },
  'width-140-es5': { ...COMMON, printWidth: 140, trailingComma: 'es5' },
};

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
const files = [];
for (const f of tracked) {
  const info = await prettier.getFileInfo(f, { ignorePath: '.prettierignore' });
  if (!info.ignored && info.inferredParser) files.push(f);
}

const scratch = mkdtempSync(join(tmpdir(), 'nmw-format-'));
try {
  console.log(`${files.length} files covered`);
  for (const [name, options] of Object.entries(CANDIDATES)) {
    if (only && name !== only) continue;
    const before = join(scratch, name, 'a');
    const after = join(scratch, name, 'b');
    let changed = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const out = await prettier.format(text, { ...options, filepath: f });
      if (out === text) continue;
      changed++;
      for (const [root, body] of [
        [before, text],
        [after, out],
      ]) {
        mkdirSync(dirname(join(root, f)), { recursive: true });
        writeFileSync(join(root, f), body);
      }
    }
    let lines = 0;
    if (changed > 0) {
      const r = spawnSync('git', ['diff', '--no-index', '--numstat', before, after], { encoding: 'utf8', maxBuffer: 1 << 28 });
      for (const l of r.stdout.split('\n')) {
        const [add, del] = l.split('\t');
        if (add && del) lines += Number(add) + Number(del);
      }
    }
    console.log(`${name.padEnd(14)} ${JSON.stringify(options)}: ${changed} files, ${lines} lines changed (added + removed)`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
