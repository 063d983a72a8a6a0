// Brushing a time range in the run view: dragging the zoom slider's handles of one chart zooms
// every chart of the run and the numbers table shows the figures over that range, equal to the
// shared range rule (rangeFigures) on the host's run document; a typed range does the same; the
// "Whole run" button goes back to the document's totals.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { RunDocument } from '../../shared/doc/runDocument';
import { rangeFigures, type RangeFigures } from '../../shared/report/model/rangeFigures';
import { runDocumentOfView } from './numbersStep';
import { rangeStageBars } from '../../shared/report/model/cyclesSection';
import { rangeText } from '../../shared/report/model/rangeNumbers';

type Shot = (name: string) => Promise<void>;

async function cell(page: Page, key: string): Promise<number | null> {
  const c = page.locator(`[data-testid=run-numbers] td[data-key="${key}"]`).first();
  if ((await c.count()) === 0) return null;
  const v = await c.getAttribute('data-value');
  return v === null ? null : Number(v);
}

async function shownRange(page: Page): Promise<{ from: number; to: number } | null> {
  const r = page.locator('[data-testid=numbers-range]');
  const [from, to] = await Promise.all([r.getAttribute('data-from-ns'), r.getAttribute('data-to-ns')]);
  return from !== null && to !== null ? { from: Number(from), to: Number(to) } : null;
}

/** The table's figures equal rangeFigures over the range the view states. */
async function tableMatches(page: Page, doc: RunDocument): Promise<RangeFigures> {
  const r = await shownRange(page);
  assert.ok(r, 'the view states its range');
  const res = rangeFigures(doc, r.from, r.to);
  assert.ok(res.ok, `figures over ${r.from}…${r.to} ns`);
  const f = res.figures;
  const n = f.nics[0];
  assert.equal(await cell(page, `nic/${n.name}/gbps`), n.gbps);
  assert.equal(await cell(page, `nic/${n.name}/packets`), n.packets);
  assert.equal(await cell(page, `nic/${n.name}/mpps`), n.mpps);
  for (const [reason, v] of Object.entries(n.drops))
    if (v !== null) assert.equal(await cell(page, `nic/${n.name}/drop/${reason}`), v, reason);
  const p = f.pools.find((x) => x.stats.alloc_fast > 0) ?? f.pools[0];
  if (p) {
    assert.equal(await cell(page, `pool/${p.id}/alloc_fast`), p.stats.alloc_fast);
    assert.equal(await cell(page, `pool/${p.id}/inflight`), p.at_end.inflight);
  }
  const b = f.bindings[0];
  if (b) {
    assert.equal(await cell(page, `binding/${b.id}/niov/free`), b.at_end.niov_free);
    assert.equal(await cell(page, `binding/${b.id}/tokens_outstanding`), b.at_end.tokens_outstanding);
  }
  // cycles per packet by stage over the range: the table's cells and the stacked bar's title
  const bars = rangeStageBars(f);
  for (const b of bars) {
    for (const [stage, v] of Object.entries(b.perPacket))
      assert.equal(await cell(page, `nic/${b.nic}/cycles_by_stage/${stage}`), v, `${b.nic} ${stage} over the range`);
  }
  if (bars.length > 0) {
    const want = `Cycles per packet by stage over ${rangeText(f)}`;
    await page.waitForFunction((t) => document.querySelector('[data-testid=chart-cycles-by-stage] h2')?.textContent === t, want, {
      timeout: 5000,
    });
  }
  const title = await page.locator('[data-testid=numbers-title]').innerText();
  assert.equal(title, `Numbers over ${(f.range.start_ns / 1e6).toFixed(3)}–${(f.range.end_ns / 1e6).toFixed(3)} ms`);
  return f;
}

export async function brushRange(page: Page, shot: Shot): Promise<string> {
  const doc = await runDocumentOfView(page);
  const panel = page.locator('[data-testid=chart-throughput]');
  await page.evaluate(() => document.querySelector('[data-testid=chart-throughput]')?.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(200);
  const box = await panel.locator('.chart').boundingBox();
  const px = (await panel.getAttribute('data-x-px'))?.split(',').map(Number);
  assert.ok(box && px && px.every(Number.isFinite), `the chart states where its x axis is drawn: ${String(px)}`);
  // The slider (its box 18 px high, 8 px above the chart's bottom: a 7 px move bar, then the
  // filler) spans the x axis; its handles sit at the filler's ends. Drag the left one to 30 % of
  // the run, then the right one to 70 %.
  const y = box.y + box.height - 8 - 5.5;
  const [x0, x1] = [box.x + px[0], box.x + px[1]];
  const w = x1 - x0;
  const drag = async (from: number, to: number) => {
    await page.mouse.move(from, y);
    await page.mouse.down();
    await page.mouse.move(to, y, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(400);
  };
  // The left handle's grip is drawn just inside the axis' start: grab it 4 px in.
  await drag(x0 + 4, x0 + 0.3 * w);
  const afterLeft = await shownRange(page);
  await drag(x1, x0 + 0.7 * w);
  await page.waitForFunction(() => document.querySelector('[data-testid=numbers-range]')?.hasAttribute('data-from-ns'), null, {
    timeout: 5000,
  });
  const dragged = await tableMatches(page, doc);
  await page.locator('[data-testid=run-numbers]').scrollIntoViewIfNeeded();
  await shot('1d-run-range');
  const part = (dragged.range.end_ns - dragged.range.start_ns) / doc.duration_ns;
  const ms = (ns: number) => (ns / 1e6).toFixed(3);
  const said = `after the left handle ${afterLeft ? `${ms(afterLeft.from)}–${ms(afterLeft.to)}` : 'no range'}, after the right one ${ms(dragged.range.start_ns)}–${ms(dragged.range.end_ns)} ms`;
  assert.ok(part > 0.1 && part < 0.9, `the drags picked a part of the run: ${said}`);
  assert.ok(dragged.nics[0].packets < doc.nics[0].rx.packets, 'fewer packets than the whole run');
  // Typed (keyboard): from 2 to 5 ms.
  await page.fill('[data-testid=range-from]', '2');
  await page.fill('[data-testid=range-to]', '5');
  await page.press('[data-testid=range-to]', 'Enter');
  await page.waitForFunction(
    () => document.querySelector('[data-testid=numbers-range]')?.getAttribute('data-from-ns') === '2000000',
    null,
    { timeout: 5000 },
  );
  const typed = await tableMatches(page, doc);
  assert.deepEqual([typed.range.start_ns, typed.range.end_ns], [2e6, 5e6]);
  // Back to the whole run: the document's own figures.
  await page.click('[data-testid=range-clear]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=numbers-range]')?.hasAttribute('data-from-ns'), null, {
    timeout: 5000,
  });
  assert.equal(await page.locator('[data-testid=numbers-title]').innerText(), 'Numbers over the whole run');
  assert.equal(await cell(page, `nic/${doc.nics[0].name}/gbps`), doc.nics[0].rx.gbps);
  if (rangeStageBars(dragged).length > 0) {
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=chart-cycles-by-stage] h2')?.textContent === 'Cycles per packet by stage over the whole run',
      null,
      { timeout: 5000 },
    );
  }
  return `${said}; dragged ${ms(dragged.range.start_ns)}–${ms(dragged.range.end_ns)} ms: ${dragged.nics[0].gbps.toFixed(2)} Gbit/s, ${dragged.pools.length} pools, ${dragged.bindings.length} bindings${rangeStageBars(dragged).length > 0 ? ', cycles per packet by stage (table and bar title)' : ''} equal to rangeFigures on the run document; typed 2–5 ms too`;
}
