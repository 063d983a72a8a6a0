// The HTML report against the run document it was made from: same numbers, every chart as
// inline SVG, nothing fetched from anywhere.
import { describe, expect, it, beforeAll } from 'vitest';
import { chromium } from 'playwright-core';
import { PP_STAT_NAMES, type RunDocument } from '../../shared/doc/runDocument';
import { buildReportModel, renderHtmlReport } from '../../electron/host/report/exporter';
import { CHROMIUM_ARGS } from '../../electron/host/report/pdf';
import { sumStats } from '../../shared/report/model/pagePoolSection';
import { recycleRatio } from '../../shared/doc/derived/recycleRatio';
import { stageBars } from '../../shared/report/charts/cyclesByStage';
import { chromiumPath, pressureRun, PRESSURE_YAML, REQUIRE_TOOLS } from './fixtures';

let doc: RunDocument;
let html: string;
const CTX = { generatedAt: '2026-01-01T00:00:00Z', scenarioYaml: PRESSURE_YAML, scenarioPath: 'scenarios/test.yaml' };

/** data-key → [data-value, cell text] for every keyed cell. */
function keyedCells(h: string): Map<string, { value: number; text: string }[]> {
  const out = new Map<string, { value: number; text: string }[]>();
  const re = /<td[^>]*?data-key="([^"]+)" data-value="([^"]+)"[^>]*>(.*?)<\/td>/g;
  for (const m of h.matchAll(re)) {
    const list = out.get(m[1]) ?? [];
    list.push({ value: Number(m[2]), text: m[3].replace(/<[^>]+>/g, '') });
    out.set(m[1], list);
  }
  return out;
}

function expectedFigures(d: RunDocument): Map<string, number> {
  const e = new Map<string, number>();
  for (const n of d.nics) {
    const k = `nic/${n.name}`;
    e.set(`${k}/gbps`, n.rx.gbps);
    e.set(`${k}/mpps`, n.rx.mpps);
    e.set(`${k}/line_rate_share`, n.rx.line_rate_share);
    e.set(`${k}/packets`, n.rx.packets);
    e.set(`${k}/offered_packets`, n.rx.offered_packets);
    e.set(`${k}/cycles_per_packet`, n.cpu.cycles_per_packet);
    e.set(`${k}/utilization`, n.cpu.utilization);
    for (const [r, v] of Object.entries(n.rx.drops)) e.set(`${k}/drop/${r}`, v);
    n.cpu.per_queue_utilization.forEach((u, q) => e.set(`${k}/queue/${q}/utilization`, u));
    const pools = d.pools.filter((p) => p.nic === n.name);
    const sums = sumStats(pools);
    for (const c of PP_STAT_NAMES) e.set(`${k}/pp/${c}`, sums[c]);
    const r = recycleRatio(sums);
    if (r !== null) e.set(`${k}/pp/recycle_ratio`, r);
  }
  for (const p of d.pools) {
    for (const c of PP_STAT_NAMES) e.set(`pool/${p.id}/${c}`, p.stats[c]);
    e.set(`pool/${p.id}/hold_cnt`, p.hold_cnt);
    e.set(`pool/${p.id}/release_cnt`, p.release_cnt);
    e.set(`pool/${p.id}/inflight`, p.inflight);
    e.set(`pool/${p.id}/inflight_mem`, p.inflight_mem);
    e.set(`pool/${p.id}/peak_inflight`, p.peak_inflight);
    for (const [w, v] of Object.entries(p.accounting)) e.set(`pool/${p.id}/where/${w}`, v);
  }
  for (const m of d.memory) {
    for (const f of ['total_pages', 'free_pages', 'min_pages', 'low_pages', 'high_pages', 'pfmemalloc_allocs', 'alloc_failures'] as const)
      e.set(`mem/${m.node}/${f}`, m[f]);
  }
  return e;
}

beforeAll(() => {
  doc = pressureRun();
  html = renderHtmlReport(doc, CTX);
});

describe('HTML report of a run', () => {
  it('states every key figure and counter of the run document, with the same value', () => {
    const cells = keyedCells(html);
    const expected = expectedFigures(doc);
    expect(expected.size).toBeGreaterThan(40);
    for (const [key, value] of expected) {
      const found = cells.get(key);
      expect(found, `report has no cell for ${key}`).toBeDefined();
      for (const f of found!) expect(f.value, key).toBe(value);
    }
    // One key, one value, wherever it appears.
    for (const [key, list] of cells) expect(new Set(list.map((l) => l.value)).size, key).toBe(1);
  });

  it('prints exact counters exactly', () => {
    const cells = keyedCells(html);
    for (const p of doc.pools) {
      for (const c of PP_STAT_NAMES) {
        for (const f of cells.get(`pool/${p.id}/${c}`)!) expect(Number(f.text.replace(/,/g, ''))).toBe(p.stats[c]);
      }
    }
  });

  it('names every counter under its netlink and its ethtool -S name', () => {
    for (const c of PP_STAT_NAMES) expect(html).toContain(`<code>${c.replace(/_/g, '-')}</code>`);
    for (const n of ['rx_pp_alloc_fast', 'rx_pp_alloc_slow_ho', 'rx_pp_recycle_released_ref']) expect(html).toContain(`<code>${n}</code>`);
    expect(html).toContain('recycle ratio = (recycle_cached + recycle_ring)');
  });

  it('has every chart as inline SVG', () => {
    const model = buildReportModel(doc, CTX);
    const charts = model.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'chart');
    // throughput, recycle, memory, one per NIC, the bindings' and the cycles-by-stage bar
    const stageChart = stageBars(doc.nics).length > 0 ? 1 : 0;
    expect(stageChart).toBe(1);
    expect(charts.length).toBe(3 + doc.nics.length + (doc.bindings.length > 0 ? 1 : 0) + stageChart);
    for (const b of charts) {
      if (b.kind !== 'chart') continue;
      const m = new RegExp(`<figure class="chart" id="${b.chart.id}"><div class="svg">(<svg[\\s\\S]*?</svg>)`).exec(html);
      expect(m, b.chart.id).not.toBeNull();
      expect(m![1]).toContain('<path');
    }
    // The events are marked on the time axis (E1 …) and listed.
    expect(html).toMatch(/>E1</);
  });

  it('carries the scenario YAML and the command that reproduces the run', () => {
    expect(html).toContain('nics[0].ring: [256, 512]');
    expect(html).toContain(`npm run cli -- run scenarios/test.yaml --seed ${doc.seed} --json run.json`);
    expect(html).toContain(doc.tool.version);
  });

  it('references nothing outside the file', () => {
    for (const m of html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)) expect(m[1], m[0]).toMatch(/^(#|data:)/);
    for (const m of html.matchAll(/url\(\s*['"]?([^'")]*)/g)) expect(m[1], m[0]).toMatch(/^(#|data:)/);
    expect(html).not.toMatch(/@import|<script|<link|<img|<iframe/i);
  });

  const exe = chromiumPath();
  it.skipIf(!exe && !REQUIRE_TOOLS)('makes zero network requests when Chromium loads it', async () => {
    const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      await page.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      page.on('request', (r) => {
        if (!r.url().startsWith('data:')) requests.push(r.url());
      });
      // The report's CSP would block a stray reference before any request is made; strip it so
      // the check sees what the content itself would fetch.
      const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
      expect(withoutCsp).not.toBe(html);
      await page.setContent(withoutCsp, { waitUntil: 'load' });
      expect(await page.locator('figure.chart svg').count()).toBe(3 + doc.nics.length + stageBars(doc.nics).length);
      expect(requests.filter((u) => !u.startsWith('data:'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
