// The run view's numbers: every figure checked here is the value the host's run document holds.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { RunDocument } from '../../shared/doc/runDocument';
import { apiCall } from './apiCall';

export async function runDocumentOfView(page: Page): Promise<RunDocument> {
  const runId = await page.locator('[data-testid=run-view]').getAttribute('data-run-id');
  assert.ok(runId, 'the run view names its run');
  return apiCall<RunDocument>(page, 'getRunDocument', [runId]);
}

async function shown(page: Page, key: string): Promise<number> {
  const cell = page.locator(`[data-testid=run-numbers] td[data-key="${key}"]`).first();
  const v = await cell.getAttribute('data-value', { timeout: 30_000 });
  assert.ok(v !== null, `a cell for ${key}`);
  return Number(v);
}

/** Per NIC, per pool and (devmem) per binding: the table's values equal the run document's. */
export async function numbersMatchDocument(page: Page): Promise<string> {
  await page.locator('[data-testid=run-numbers]').waitFor({ timeout: 30_000 });
  const doc = await runDocumentOfView(page);
  const nic = doc.nics[0];
  assert.equal(await shown(page, `nic/${nic.name}/gbps`), nic.rx.gbps);
  assert.equal(await shown(page, `nic/${nic.name}/line_rate_share`), nic.rx.line_rate_share);
  assert.equal(await shown(page, `nic/${nic.name}/cycles_per_packet`), nic.cpu.cycles_per_packet);
  for (const [reason, v] of Object.entries(nic.rx.drops)) {
    assert.equal(await shown(page, `nic/${nic.name}/drop/${reason}`), v);
    assert.ok((await page.locator('[data-testid=run-numbers] dt', { hasText: reason }).count()) > 0, `legend line for ${reason}`);
  }
  // Cycles per packet by stage: a stacked bar and its numbers when the engine records the split.
  const stages = nic.cycles_by_stage;
  if (stages && nic.rx.packets > 0) {
    await page.locator('[data-testid=chart-cycles-by-stage] canvas').waitFor({ timeout: 10_000 });
    for (const [stage, cycles] of Object.entries(stages))
      assert.equal(await shown(page, `nic/${nic.name}/cycles_by_stage/${stage}`), cycles / nic.rx.packets, stage);
  }
  const pool = doc.pools[0];
  if (pool) {
    assert.equal(await shown(page, `pool/${pool.id}/alloc_fast`), pool.stats.alloc_fast);
    assert.equal(await shown(page, `pool/${pool.id}/where/nic_ring`), pool.accounting.nic_ring);
  }
  const b = doc.bindings[0];
  if (b) {
    assert.equal(await shown(page, `binding/${b.id}/niov/free`), b.niov.free);
    assert.equal(await shown(page, `binding/${b.id}/tokens_outstanding`), b.tokens_outstanding);
  }
  return `${nic.name} ${nic.rx.gbps.toFixed(2)} Gbit/s, ${doc.pools.length} pools, ${doc.bindings.length} bindings${stages ? ', cycles by stage' : ' (no cycles_by_stage in this document)'} checked against the run document`;
}
