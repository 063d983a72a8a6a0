// The sweep a user reads in the compare view: the shipped dma-buf size sweep, its chart drawn and
// the knee said beside it equal to what the shared sweep rule gives on the host's compare document
// (the same text `cli compare` prints).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { CompareDocument } from '../../shared/doc/compareDocument';
import type { RunDocument } from '../../shared/doc/runDocument';
import { numericAxes, sweepOf } from '../../shared/doc/derived/sweep';
import { kneeText } from '../../shared/report/charts/sweep';
import { apiCall } from './apiCall';

type Shot = (name: string) => Promise<void>;

export async function sweepWithKnee(page: Page, shot: Shot): Promise<string> {
  await page.fill('[data-testid=library-filter]', 'devmem-dmabuf-size');
  await page.click('[data-testid=tab-compare]');
  await page.click('[data-testid=compare-mode-matrix]');
  // Picked in the library while the compare view is shown: the view stays and names it.
  await page.locator('[data-testid=scenario-item]', { hasText: 'devmem-dmabuf-size-200g.yaml' }).first().click();
  await page.waitForSelector('[data-testid=compare-view] h1:text("dma-buf size sweep")');
  await page.fill('[data-testid=library-filter]', '');
  await page.click('[data-testid=compare-start]');
  const panel = page.locator('[data-testid=sweep-panel]');
  await panel.waitFor({ timeout: 180_000 });
  await page.waitForSelector('[data-testid=sweep-chart] canvas', { timeout: 20_000 });
  const compareId = await page.locator('[data-testid=compare-view]').getAttribute('data-compare-id');
  assert.ok(compareId, 'the compare view names its compare');
  const doc = await apiCall<CompareDocument>(page, 'getCompareDocument', [compareId]);
  const axis = numericAxes(doc)[0];
  assert.equal(axis.key, 'nics[0].provider.size');
  const s = sweepOf(doc, axis, 'nic/eth0/gbps');
  assert.ok(s, 'a throughput sweep');
  const shown = await page.locator('[data-testid=sweep-knees]').innerText();
  assert.equal(shown.trim(), kneeText(s, s.curves[0]), 'the knee shown is the shared rule on the host document');
  assert.match(shown, /^knee at 16MiB/);
  await page.selectOption('[data-testid=sweep-metric]', 'nic/eth0/drops');
  await page.waitForFunction(() => /knee at 24MiB/.test(document.querySelector('[data-testid=sweep-knees]')?.textContent ?? ''), null, {
    timeout: 5000,
  });
  await panel.scrollIntoViewIfNeeded();
  await shot('12-sweep-knee');
  return shown.trim();
}

/** With two finished runs ticked, the difference table's A, B and Δ equal the runs' documents. */
export async function runDiffMatchesDocuments(page: Page, shot: Shot): Promise<string> {
  const boxes = page.locator('[data-testid=run-picker] input[type=checkbox]');
  const [idA, idB] = await Promise.all([boxes.nth(0).getAttribute('value'), boxes.nth(1).getAttribute('value')]);
  assert.ok(idA && idB, 'run ids on the boxes');
  const table = page.locator('[data-testid=run-diff-table]');
  await table.waitFor({ timeout: 10_000 });
  const [a, b] = await Promise.all([
    apiCall<RunDocument>(page, 'getRunDocument', [idA]),
    apiCall<RunDocument>(page, 'getRunDocument', [idB]),
  ]);
  const cell = async (nic: string, k: string) =>
    Number(await table.locator(`td[data-key="nic/${nic}/gbps/${k}"]`).getAttribute('data-value'));
  assert.equal(await cell(a.nics[0].name, 'a'), a.nics[0].rx.gbps);
  assert.equal(await cell(b.nics[0].name, 'b'), b.nics[0].rx.gbps);
  if (a.nics[0].name === b.nics[0].name) assert.equal(await cell(a.nics[0].name, 'delta'), b.nics[0].rx.gbps - a.nics[0].rx.gbps);
  const hashes = await page.locator('[data-testid=run-hash]').allInnerTexts();
  assert.ok(hashes.length >= 2 && hashes.every((h) => /^[0-9a-f]{16}$/.test(h)), `scenario hashes listed: ${hashes.join(', ')}`);
  await table.scrollIntoViewIfNeeded();
  await shot('10a-run-diff');
  return `A ${a.nics[0].rx.gbps.toFixed(2)} / B ${b.nics[0].rx.gbps.toFixed(2)} Gbit/s checked against both documents`;
}
