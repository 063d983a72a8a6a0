// Run-view chart glue: entities of a live series, pool selection by NIC/queue, live tuning.
import { describe, expect, it } from 'vitest';
import { LiveSeries } from '../../shared/report/charts/seriesView';
import {
  buffersFor,
  entitiesOf,
  liveTuned,
  memoryFor,
  poolLabel,
  poolsFor,
  throughputFor,
  recycleFor,
} from '../../renderer/src/util/runCharts';
import { seriesColumn, type PoolOwner } from '../../shared/doc/seriesKeys';

const shape = (label: string) => ({ label, unit: 'packets', kind: 'delta' as const });
const pool = (id: number, nic: string, queue: number): PoolOwner => ({ id, nic, queue, role: 'data' });
// Labels are for people: the pools' labels here deliberately name no NIC; selection goes by the columns' facts.
const cols = [
  seriesColumn.nic('eth0', 'rx_packets', shape('rx')),
  seriesColumn.nic('eth0', 'rx_bytes', shape('rx')),
  seriesColumn.nic('eth0', 'drop/rx_missed', shape('missed')),
  seriesColumn.queue('eth0', 0, 'rx_packets', shape('q0')),
  seriesColumn.queue('eth0', 1, 'rx_packets', shape('q1')),
  seriesColumn.pool(pool(1, 'eth0', 0), 'alloc_fast', shape('a pool')),
  seriesColumn.pool(pool(1, 'eth0', 0), 'inflight', shape('a pool')),
  seriesColumn.pool(pool(2, 'eth0', 1), 'alloc_fast', shape('a pool')),
  seriesColumn.pool(pool(2, 'eth0', 1), 'inflight', shape('a pool')),
  seriesColumn.pool(pool(3, 'eth1', 0), 'inflight', shape('pool 3 (eth0 q1 data)')),
];

function view(n: number): LiveSeries {
  const v = new LiveSeries(cols, 1e6);
  if (n > 0)
    v.append(
      Float64Array.from({ length: n }, (_, i) => (i + 1) * 1e6),
      cols.map(() => new Float64Array(n).fill(1)),
    );
  return v;
}

describe('run chart glue', () => {
  it('finds NICs, queues and pools', () => {
    const e = entitiesOf(view(1));
    expect(e.nics).toEqual(['eth0']);
    expect(e.queues.get('eth0')).toEqual([0, 1]);
    expect(e.pools).toEqual(['1', '2', '3']);
    expect(poolLabel(view(1), '2')).toBe('pool 2 (eth0 q1 data)');
  });

  it('maps a NIC / queue selection to its pools', () => {
    const v = view(1);
    expect(poolsFor(v, { nic: '', queue: '', pool: '' })).toBeUndefined();
    expect(poolsFor(v, { nic: 'eth0', queue: '', pool: '' })).toEqual(['1', '2']);
    expect(poolsFor(v, { nic: 'eth0', queue: '1', pool: '' })).toEqual(['2']);
    expect(poolsFor(v, { nic: 'eth0', queue: '1', pool: '3' })).toEqual(['3']);
  });

  it('draws nothing before the first samples, and live options have no slider data shadow or animation', () => {
    const c = { theme: 'light' as const, events: [] };
    expect(throughputFor(view(0), { nic: '', queue: '', pool: '' }, c)).toBeNull();
    const o = recycleFor(view(5), { nic: '', queue: '', pool: '' }, c)!;
    expect(o.animation).toBe(false);
    const dz = o.dataZoom as { type: string; showDataShadow?: boolean }[];
    expect(dz.find((z) => z.type === 'slider')!.showDataShadow).toBe(false);
    expect((o.grid as { outerBoundsMode?: string; left?: number }).outerBoundsMode).toBe('none');
    expect((o.grid as { left?: number }).left).toBe(72);
    expect(liveTuned(null)).toBeNull();
  });

  it("every chart of a run spans the run's whole duration from the first sample on (one time axis while streaming)", () => {
    const sel = { nic: '', queue: '', pool: '' };
    const c = { theme: 'light' as const, events: [], durationMs: 83 };
    const info = { runId: 'r', scenarioId: 's', label: 's', state: 'running' as const };
    const xs = [throughputFor(view(5), sel, c), recycleFor(view(7), sel, c), memoryFor(view(3), info, c), buffersFor(view(4), sel, c)].map(
      (o) => o!.xAxis as { max?: number; name?: string },
    );
    expect(xs.map((x) => x.max)).toEqual([83, 83, 83, 83]);
    expect(xs[0].name).toBe('time (ms)');
    // without a duration the axis ends at the last sample, as the report's charts do
    const own = throughputFor(view(5), sel, { theme: 'light', events: [] })!.xAxis as { max?: number };
    expect(own.max).toBe(5);
    const long = throughputFor(view(5), sel, { ...c, durationMs: 75_000 })!.xAxis as {
      name?: string;
      axisLabel?: { formatter?: (v: number) => string };
    };
    expect(long.name).toBe('time (s)');
    expect(long.axisLabel!.formatter!(1500)).toBe('1.5');
  });
});
