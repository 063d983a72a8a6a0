// Setup shared by the end-to-end run: where the repository and the screenshots are, the web host
// started as a child process, the Chromium flags, and the page helpers every step uses.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ART = path.join(root, 'test-artifacts/e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function startHost(stateDir: string, openDir: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'electron/host/web/serve.ts'), '--open', openDir, '--state-dir', stateDir, '--workers', '2'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not print its URL in 30 s:\n${out}`)), 30_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /web host: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1] });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${out}`));
    });
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ART, `${name}.png`) });
}

/** Wait until the chart's ECharts model holds at least `n` points in its first series. */
export async function waitForPoints(page: Page, testid: string, n: number): Promise<void> {
  await page.waitForFunction(
    ([id, min]) => Number(document.querySelector(`[data-testid=${id}]`)?.getAttribute('data-points') ?? 0) >= min,
    [testid, n] as const,
    { timeout: 30_000 },
  );
}
