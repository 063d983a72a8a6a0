// End-to-end: measured files opened in the browser go to the web host (openMeasuredText), which
// imports them; the run view then shows the measured column beside the model with the relative
// error, and a malformed file shows the importer's located error from the host.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** The finished run beside the published mlx5 ethtool -S and ynl dump, then a malformed file. */
export async function measuredUpload(page: Page, root: string): Promise<void> {
  await page.waitForSelector('[data-testid=measured-open]', { timeout: 30_000 });
  const fixtures = path.join(root, 'test/fixtures/measured');
  await page.setInputFiles('[data-testid=measured-input]', [
    path.join(fixtures, 'ethtool-S.mlx5-cx6dx-xdp-2024.txt'),
    path.join(fixtures, 'ynl-page-pool-stats-get.kuba-2023.txt'),
  ]);
  await page.waitForSelector('[data-testid=measured-name]:text("ethtool-S.mlx5-cx6dx-xdp-2024.txt and 1 more")', { timeout: 10_000 });
  const table = page.locator('[data-testid=measured-overlay] table');
  await table.waitFor({ timeout: 10_000 });
  const head = await table.locator('thead').innerText();
  assert.match(head, /model[\s\S]*measured[\s\S]*relative error/);
  const text = await table.innerText();
  // page-pool-stats-get pools win over the device totals: the kuba dump's recycle_ring appears
  assert.match(text, /recycle_ring/);
  assert.match(text, /alloc_fast\s+[\d.]+ %\s+[\d.]+ %\s+[−+][\d.]+ %/);
  await page.setInputFiles('[data-testid=measured-input]', {
    name: 'bad.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from("[{'id': 1,\n  'inflite': 3}]\n"),
  });
  const err = page.locator('[data-testid=measured-error]');
  await err.waitFor({ timeout: 10_000 });
  assert.match(await err.innerText(), /^EINVAL: bad\.txt:2:3: expected an attribute of 'page-pool'/);
  // the earlier measurement stays beside the run
  assert.match(await page.locator('[data-testid=measured-name]').innerText(), /and 1 more/);
}
