// Memory providers in reports and charts: a zcrx area gets the binding treatment through the
// provider reporting hook (ProviderReport, provider/<kind>-<id>/ series), from a real run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import { runScenario } from '../../shared/sim/engine/run';
import type { ProviderReport, RunDocument } from '../../shared/doc/runDocument';
import { providerTable } from '../../shared/report/model/providersSection';
import { runNumbers } from '../../shared/report/model/runNumbers';
import { buildRunReport } from '../../shared/report/model/runReport';
import { buildBuffersOption, seriesViewFromSeries } from '../../shared/report/charts';

function run(file: string): RunDocument {
  const r = parseScenario(readFileSync(path.resolve(__dirname, '../../scenarios', file), 'utf8'));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return runScenario({ ...r.scenario, duration: 2e6 });
}

const zcrx = run('zcrx/mlx5-liburing-defaults.yaml');
const devmem = run('mlx5-devmem-hds.yaml');

describe('provider reports in the run document', () => {
  it('every provider reports its places, and they sum to its net_iovs (zcrx and dma-buf alike)', () => {
    for (const doc of [zcrx, devmem]) {
      expect(doc.providers?.length).toBe(1);
      const p = doc.providers![0];
      expect(p.places.free + p.places.in_pool + p.places.user).toBe(p.net_iovs);
      expect(p.places.in_pool).toBeGreaterThan(0);
    }
    expect(zcrx.providers![0].kind).toBe('zcrx');
    expect(devmem.providers![0].kind).toBe('dmabuf');
    // the dma-buf's places agree with its binding result
    const b = devmem.bindings[0];
    expect(devmem.providers![0].places).toEqual({
      free: b.niov.free,
      in_pool: b.niov.alloc_cache + b.niov.ptr_ring + b.niov.nic_ring + b.niov.stack,
      user: b.niov.user,
    });
  });

  it('series: provider/<kind>-<id>/ niov places and the provider gauges (zcrx refill queue, -ENOSPC)', () => {
    const keys = zcrx.series.meta.map((m) => m.key);
    for (const k of ['niov_free', 'niov_in_pool', 'niov_user', 'rq_pending', 'cq_pending', 'enospc'])
      expect(keys).toContain(`provider/zcrx-1/${k}`);
    const n = zcrx.series.t_ns.length - 1;
    const last = (k: string) => zcrx.series.columns[`provider/zcrx-1/${k}`][n];
    expect(last('niov_free') + last('niov_in_pool') + last('niov_user')).toBe(8192);
    expect(zcrx.series.meta.find((m) => m.key === 'provider/zcrx-1/enospc')?.kind).toBe('delta');
  });
});

describe('provider table (report and run view)', () => {
  it("one column per provider; places, failures, then each provider's counters by name, — where absent", () => {
    const t = providerTable([...zcrx.providers!, ...devmem.providers!]);
    expect(t.columns.map((c) => c.label)).toEqual(['provider', 'io_uring zcrx area 1', 'dma-buf binding (devmem TCP) 1']);
    const row = (label: string) => t.rows.find((r) => r[0].text === label)!;
    expect(row('net_iovs held by the user')[1].value).toBe(zcrx.providers![0].places.user);
    expect(row('enospc')[1].value).toBe(0);
    expect(row('enospc')[2].text).toBe('—');
    expect(row('tokens_outstanding')[2].value).toBe(devmem.providers![0].counters.tokens_outstanding);
    expect(row('tokens_outstanding')[1].text).toBe('—');
  });

  it('a provider kind the reports do not know is tabled under its own name', () => {
    const p: ProviderReport = { ...zcrx.providers![0], kind: 'zcrx', id: 7 };
    const odd = { ...p, kind: 'newkind' } as unknown as ProviderReport;
    const t = providerTable([odd]);
    expect(t.columns[1].label).toBe('newkind 7');
  });

  it('the run report has a Memory providers section and the run view a per-provider group', () => {
    const model = buildRunReport(zcrx, { generatedAt: '' });
    expect(model.sections.some((s) => s.id === 'providers')).toBe(true);
    expect(runNumbers(zcrx).some((g) => g.id === 'providers')).toBe(true);
    const plain = { ...zcrx, providers: undefined };
    expect(runNumbers(plain).some((g) => g.id === 'providers')).toBe(false);
  });
});

describe('buffers chart', () => {
  it("draws a zcrx area's net_iovs (free, in page_pools, held by the user) and its refill queue", () => {
    const o = buildBuffersOption({ view: seriesViewFromSeries(zcrx.series, zcrx.sample_ns), theme: 'light' })!;
    const names = (o.series as { name: string }[]).map((s) => s.name);
    expect(names).toContain('zcrx 1 net_iovs free');
    expect(names).toContain('zcrx 1 net_iovs in page_pools');
    expect(names).toContain('zcrx 1 net_iovs held by the user');
    expect(names.some((n) => n.includes('refill queue entries'))).toBe(true);
    expect(names.some((n) => n.includes('-ENOSPC') && n.endsWith('(per sample)'))).toBe(true);
  });

  it('a dma-buf binding is drawn once, from its binding columns', () => {
    const o = buildBuffersOption({ view: seriesViewFromSeries(devmem.series, devmem.sample_ns), theme: 'light' })!;
    const names = (o.series as { name: string }[]).map((s) => s.name);
    expect(names.filter((n) => n.includes('net_iovs free')).length).toBe(1);
    expect(names.some((n) => n.startsWith('dmabuf 1'))).toBe(false);
  });
});
