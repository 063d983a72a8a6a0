// `npm run test:e2e -- --readme-screenshot`: the README's pictures, at 1440×900 — the run view
// (charts with the numbers beside them) and the compare view (bands per variant and the Δ chart).
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';

export const README_SHOTS = process.argv.includes('--readme-screenshot');
const SIZE = { width: 1440, height: 900 };

async function topOf(page: Page, selector: string): Promise<void> {
  await page.evaluate((s) => document.querySelector(s)?.scrollIntoView({ block: 'start' }), selector);
  await page.waitForTimeout(400);
}

/** The finished run: its charts at the top, the numbers beside them. */
export async function readmeRunView(page: Page, root: string): Promise<void> {
  if (!README_SHOTS) return;
  assert.deepEqual(page.viewportSize(), SIZE);
  await topOf(page, '[data-testid=run-view]');
  const [charts, numbers] = await Promise.all([
    page.locator('[data-testid=chart-throughput]').boundingBox(),
    page.locator('[data-testid=run-numbers]').boundingBox(),
  ]);
  assert.ok(charts && numbers && numbers.x > charts.x + charts.width - 1 && numbers.y < SIZE.height, 'the numbers are beside the charts');
  await page.screenshot({ path: path.join(root, 'docs/screenshots/run-view.png') });
}

/**
 * The compare shown, rerun with 3 repeats (compareStep.ts; its variants then draw as bands, mean ±
 * spread): the bands chart and, below it, the Δ chart, both on screen.
 */
export async function readmeCompareView(page: Page, root: string): Promise<void> {
  if (!README_SHOTS) return;
  assert.deepEqual(page.viewportSize(), SIZE);
  // the export's "Downloading …" notice (an info notice, gone after a few seconds) is not part of the view
  await page.waitForFunction(() => !document.querySelector('[data-testid=status-notice]')?.textContent?.trim(), null, { timeout: 15_000 });
  await page.waitForTimeout(600);
  await page.evaluate(() => document.querySelector('[data-testid=delta-panel]')?.scrollIntoView({ block: 'end' }));
  await page.waitForTimeout(400);
  const [bands, delta] = await Promise.all([
    page.locator('[data-testid=compare-chart-gbps]').boundingBox(),
    page.locator('[data-testid=delta-chart]').boundingBox(),
  ]);
  assert.ok(delta && delta.y + delta.height / 2 < SIZE.height, `the Δ chart is on screen: ${JSON.stringify(delta)}`);
  if (!bands || bands.y + bands.height / 2 < 0)
    console.log(`    README compare shot: the bands chart is above the screen (${JSON.stringify(bands)})`);
  await page.screenshot({ path: path.join(root, 'docs/screenshots/compare-view.png') });
}
