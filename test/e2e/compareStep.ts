// The compare view: two variants compared with the keyboard (table, Δ chart, conversion facts,
// axe, Ctrl+E export), then rerun with 3 repeats, each variant drawn as a band whose mean line
// ECharts draws at the compare document's per-sample mean of the repeats, and whose edges sit at
// mean ± sample stddev; over the run the drawn mean is the document's mean (what `cli compare`
// prints). The values are read from the chart's ECharts instance, pixels converted back to values,
// so a stacked series counts at the top of its stack, as drawn.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { CompareDocument } from '../../shared/doc/compareDocument';
import type { RunDocument } from '../../shared/doc/runDocument';
import { seriesViewFromSeries } from '../../shared/report/charts';
import { AID_ID } from '../../shared/report/charts/common';
import type { AxeFinding } from './axe';
import { axeBoth } from './axe';
import { collectDownloads, focused, isFocused, tabUntil } from './keyboard';
import { apiCall } from './apiCall';

export interface CompareContext {
  page: Page;
  artDir: string;
  axeFindings: AxeFinding[];
  shot: (name: string) => Promise<void>;
  waitForPoints: (testid: string, n: number) => Promise<void>;
}

export async function compareTwoVariants(c: CompareContext): Promise<void> {
  const { page, shot } = c;
  await tabUntil(page, '[role=option]', { back: true });
  await page.keyboard.type('e2e g');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=scenario-title]:text("e2e GVE page vs netmem")');
  await page.keyboard.press('Control+3');
  assert.ok(await isFocused(page, '#main-view h1'), `Ctrl+3 focuses the compare view's heading: ${await focused(page)}`);
  await tabUntil(page, '[data-testid=compare-start]', { max: 6 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=compare-state]:text("running")', { timeout: 10_000 });
  assert.ok(await isFocused(page, '[data-testid=compare-stop]'), `Run compare disabled itself: focus on Stop: ${await focused(page)}`);
  await page.waitForSelector('[data-testid=compare-chart-gbps] canvas', { timeout: 20_000 });
  await shot('7-compare-running');
  await page.waitForSelector('[data-testid=compare-table]', { timeout: 180_000 });
  await c.waitForPoints('compare-chart-gbps', 200);
  const table = await page.locator('[data-testid=compare-table]').innerText();
  assert.match(table, /variant=page/);
  assert.match(table, /variant=netmem/);
  assert.match(
    await page.locator('[data-testid=compare-cells-show]').innerText(),
    /^(mean ± sample stddev over \d+ repeats|one run per point: its value \(no spread\));$/,
    'the table says what its cells hold',
  );
  await page.waitForSelector('[data-testid=delta-chart] canvas', { timeout: 20_000 });
  assert.match(
    (await page.locator('[data-testid=delta-chart] [aria-label]').first().getAttribute('aria-label')) ?? '',
    /^Relative change of variant=netmem against variant=page, largest first: /,
    'the Δ chart says its bars',
  );
  await page.locator('[data-testid=delta-panel]').scrollIntoViewIfNeeded();
  await shot('8a-compare-delta');
  await page.locator('[data-testid=compare-table]').scrollIntoViewIfNeeded();
  await shot('8-compare-table');
  const facts = page.locator('[data-testid=conversion-facts]');
  await facts.scrollIntoViewIfNeeded();
  assert.match(await facts.innerText(), /gve/i);
  await shot('9-conversion-facts');
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'compare-start', null, { timeout: 5000 });
  await tabUntil(page, '[data-testid=compare-table-scroll]');
  await axeBoth(page, 'compare', c.axeFindings, shot);
  const download = collectDownloads(page, c.artDir).next();
  await page.keyboard.press('Control+e');
  assert.match(await download, /\.html$/, 'Ctrl+E exports the compare wherever the focus is');
  await page.locator('[data-testid=status-notice]', { hasText: 'Downloading' }).waitFor({ timeout: 5000 });
  const notice = await page.locator('[data-testid=status-notice]').innerText();
  assert.match(notice, /^Downloading [^/\\]+\.html$/, `a short notice with the file name only: ${notice}`);
  const [nb, main] = await Promise.all([
    page.locator('[data-testid=status-notice]').boundingBox(),
    page.locator('#main-view').boundingBox(),
  ]);
  assert.ok(nb && main && nb.y + nb.height <= main.y, 'the notice sits in the toolbar, above the view it must not cover');
}

export const BAND_REPEATS = 3;

/** Rerun the compare shown with BAND_REPEATS repeats per point; returns when its table says so. */
export async function rerunWithRepeats(page: Page): Promise<void> {
  const repeat = page.locator('[data-testid=compare-view] .repeat input');
  await repeat.fill(String(BAND_REPEATS));
  await page.click('[data-testid=compare-start]');
  await page.waitForFunction(
    (n) => new RegExp(`over ${n} repeats`).test(document.querySelector('[data-testid=compare-cells-show]')?.textContent ?? ''),
    BAND_REPEATS,
    { timeout: 240_000 },
  );
  await page.waitForSelector('[data-testid=delta-chart] canvas', { timeout: 20_000 });
  await repeat.fill('');
}

interface Drawn {
  id: string;
  name: string;
  y: number[];
}

/** Each series of a chart as ECharts drew it: its layout points converted back to axis values. */
function drawnSeries(page: Page, testid: string): Promise<Drawn[]> {
  return page.evaluate((id) => {
    type Data = { getLayout(k: 'points'): ArrayLike<number> | undefined };
    type Inst = {
      getModel(): { getSeriesCount(): number; getSeriesByIndex(i: number): { id: string; name: string; getData(): Data } };
      convertFromPixel(finder: { seriesIndex: number }, px: number[]): number[];
    };
    const ec = (window as unknown as { __wbEcharts?: { getInstanceByDom(el: HTMLElement): Inst | undefined } }).__wbEcharts;
    const el = document.querySelector<HTMLElement>(`[data-testid=${id}] [_echarts_instance_]`);
    const inst = el && ec?.getInstanceByDom(el);
    if (!inst) throw new Error(`no ECharts instance in [data-testid=${id}]`);
    const model = inst.getModel();
    const out: { id: string; name: string; y: number[] }[] = [];
    for (let s = 0; s < model.getSeriesCount(); s++) {
      const sm = model.getSeriesByIndex(s);
      const pts = sm.getData().getLayout('points') ?? [];
      const y: number[] = [];
      for (let i = 0; i + 1 < pts.length; i += 2) y.push(inst.convertFromPixel({ seriesIndex: s }, [pts[i], pts[i + 1]])[1]);
      out.push({ id: sm.id, name: sm.name, y });
    }
    return out;
  }, testid);
}

/** Per-sample Gbit/s of a run on eth0 (bits per ns), from its rx_bytes deltas and sample times. */
function gbps(run: RunDocument): number[] {
  const v = seriesViewFromSeries(run.series, run.sample_ns);
  const c = v.column('nic/eth0/rx_bytes');
  assert.ok(c, 'the run records nic/eth0/rx_bytes');
  return Array.from(c, (b, i) => (b * 8) / (i === 0 ? v.t_ns[0] : v.t_ns[i] - v.t_ns[i - 1]));
}

const near = (a: number, b: number, what: string): void => {
  assert.ok(Math.abs(a - b) <= 1e-3 * Math.max(1, Math.abs(b)), `${what}: drawn ${a}, document ${b}`);
};

/**
 * The Gbit/s chart of the compare shown (BAND_REPEATS repeats): every point's band as drawn equals
 * the host's compare document. Returns a line of figures for the log.
 */
export async function bandsMatchDocument(page: Page): Promise<string> {
  const compareId = await page.locator('[data-testid=compare-view]').getAttribute('data-compare-id');
  assert.ok(compareId, 'the compare view names its compare');
  const doc = await apiCall<CompareDocument>(page, 'getCompareDocument', [compareId]);
  assert.equal(doc.repeat, BAND_REPEATS);
  const row = doc.table.find((r) => r.metric.key === 'nic/eth0/gbps');
  assert.ok(row, 'the compare document has eth0 RX Gbit/s');
  const series = await drawnSeries(page, 'compare-chart-gbps');
  const said: string[] = [];
  for (const pt of doc.points) {
    const ys = doc.runs[pt.index].map(gbps);
    const mean = ys[0].map((_, i) => ys.reduce((s, y) => s + y[i], 0) / ys.length);
    const sd = mean.map((m, i) => Math.sqrt(ys.reduce((s, y) => s + (y[i] - m) ** 2, 0) / (ys.length - 1)));
    const mine = series.filter((s) => s.name === `${pt.label} (mean ± sd of ${BAND_REPEATS})`);
    const line = mine.find((s) => !s.id.startsWith(AID_ID));
    const [lo, hi] = [`${AID_ID}band-lo-band-${pt.index}`, `${AID_ID}band-band-${pt.index}`].map((id) => mine.find((s) => s.id === id));
    assert.ok(
      line && lo && hi,
      `point ${pt.label}: a mean line and both band edges drawn: ${series.map((s) => `${s.id} ${s.name}`).join('; ')}`,
    );
    assert.equal(line.y.length, mean.length, `point ${pt.label}: every sample drawn`);
    mean.forEach((m, i) => {
      near(line.y[i], m, `${pt.label} mean at sample ${i}`);
      near(lo.y[i], m - sd[i], `${pt.label} band lower edge at sample ${i}`);
      near(hi.y[i], m + sd[i], `${pt.label} band upper edge at sample ${i}`);
    });
    const drawnMean = line.y.reduce((s, v) => s + v, 0) / line.y.length;
    const stat = row.cells[pt.index].stat;
    assert.ok(stat, `point ${pt.label}: a mean in the document`);
    near(drawnMean, stat.mean, `${pt.label} mean over the run`);
    said.push(
      `${pt.label} ${drawnMean.toFixed(2)} Gbit/s (document ${stat.mean.toFixed(2)}; repeats ${stat.values.map((v) => v.toFixed(1)).join(', ')})`,
    );
  }
  return `bands drawn at the document's mean: ${said.join('; ')}`;
}
