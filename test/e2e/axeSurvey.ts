// Survey: axe on the start screen, editor, finished run and finished compare, light and dark,
// reached with the mouse. Prints every finding (all impacts).
//   tsx test/e2e/axeSurvey.ts [--renderer DIR]
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { axeScan, axeTable, type AxeFinding } from './axe';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ri = process.argv.indexOf('--renderer');
const extra = ri > 0 ? ['--renderer', process.argv[ri + 1]] : [];
const proc = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    path.join(root, 'electron/host/web/serve.ts'),
    '--open',
    path.join(root, 'test/e2e/fixtures'),
    '--state-dir',
    mkdtempSync(path.join(os.tmpdir(), 'wb-axe-')),
    '--workers',
    '1',
    ...extra,
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
const url = await new Promise<string>((resolve) => {
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /(http:\/\/127\S+)/.exec(out);
    if (m) resolve(m[1]);
  });
});
const ctx = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'wb-axe-c-')), {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
  viewport: { width: 1280, height: 800 },
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
const all: AxeFinding[] = [];
async function both(p: Page, view: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await p.emulateMedia({ colorScheme: scheme });
    await p.waitForTimeout(400);
    all.push(...(await axeScan(p, `${view}/${scheme}`)));
  }
  await p.emulateMedia({ colorScheme: 'light' });
}
try {
  await page.goto(url);
  await page.waitForSelector('[data-testid=library]');
  await both(page, 'start');
  await page.click('[data-testid=open-button]');
  await page.locator('[data-testid=scenario-item]', { hasText: 'e2e GVE page vs netmem' }).click();
  await page.waitForSelector('[data-testid=yaml-editor] .cm-content');
  await both(page, 'editor');
  await page.click('[data-testid=toolbar-run]');
  await page.waitForSelector('[data-testid=run-state]:text("done")', { timeout: 120_000 });
  await page.waitForSelector('[data-testid=metadata-facts]', { timeout: 30_000 });
  await both(page, 'run');
  await page.click('[data-testid=tab-compare]');
  await page.click('[data-testid=compare-start]');
  await page.waitForSelector('[data-testid=compare-table]', { timeout: 180_000 });
  await both(page, 'compare');
  console.log(axeTable(all));
} finally {
  await ctx.close();
  proc.kill('SIGTERM');
}
