// A valid scenario over the run budget is refused at validation, located at the key that drives
// the figure; `series: decimated` runs with a bounded series whose min and max keep every spike.
import { describe, expect, it } from 'vitest';
import type { ScenarioError } from '../../shared/api';
import { RUN_MEMORY_BUDGET, SERIES_VALUE_LIMIT } from '../../shared/sim/validate/budget';
import { parseScenario } from '../../shared/sim/validate/parse';
import { scenarioSchema, type ScenarioInput } from '../../shared/scenario/schema';
import { DECIMATED_MAX_ROWS, estimateRun } from '../../shared/sim/engine/estimate';
import { runScenario } from '../../shared/sim/engine/run';

function errorsOf(text: string): ScenarioError[] {
  const r = parseScenario(text);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.errors;
}

const ONE_NIC = 'nics: [{name: e, link: 10Gbit}]\ntraffic: [{nic: e}]\n';

describe('the run budget at validation', () => {
  it('sample: 1us over 60min is refused at `sample` with the figure', () => {
    const errors = errorsOf(`name: x\nduration: 60min\nsample: 1us\n${ONE_NIC}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'sample', line: 3, col: 9 });
    expect(errors[0].message).toMatch(
      /^sample: 1us over 60min = 3\.6e9 samples × 47 columns = 1\.7e11 values \(.*\); a run keeps at most 1\.7e7 .*: use a sample of at least 20ms, a shorter duration, or series: decimated/,
    );
  });

  it('the same scenario with series: decimated validates, its series bounded', () => {
    const r = parseScenario(`name: x\nduration: 60min\nsample: 1us\nseries: decimated\n${ONE_NIC}`);
    if (!r.ok) throw new Error(r.errors[0].message);
    const e = estimateRun(r.scenario);
    expect(e.samples).toBe(3.6e9);
    expect(e.rows).toBe(DECIMATED_MAX_ROWS);
    expect(e.bytes.total).toBeLessThan(RUN_MEMORY_BUDGET);
  });

  it('a 1 TiB dma-buf is refused at its size (268 M net_iovs), before any table is allocated', () => {
    const text =
      'name: x\nduration: 1s\nnics:\n  - name: e\n    driver: gve\n    variant: netmem\n    link: 200Gbit\n    queues: 2\n' +
      '    header_split: true\n    provider: { kind: dmabuf, size: 1TiB, queues: [1] }\ntraffic: [{nic: e}]\n';
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'nics[0].provider.size', line: 10 });
    expect(errors[0].message).toMatch(
      /^a 1 TiB dma-buf is 2\.7e8 net_iovs \(one per 4 KiB page\) × 66 bytes; the run would need about 16\.\d+ GiB, over the 1 GiB a run may use/,
    );
  });

  it('16 NICs × 128 queues × 16384 descriptors is refused at a ring', () => {
    const nics = Array.from({ length: 16 }, (_, i) => `  - { name: e${i}, link: 400Gbit, queues: 128, ring: 16384 }`).join('\n');
    const traffic = Array.from({ length: 16 }, (_, i) => `  - { nic: e${i}, flows: 1024 }`).join('\n');
    const errors = errorsOf(
      `name: x\nduration: 60min\nsample: 1s\nseries: decimated\nhost: { cpu: { cores: 1024 } }\nnics:\n${nics}\ntraffic:\n${traffic}\n`,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'nics[0].ring', line: 7 });
    expect(errors[0].message).toMatch(
      /^16 NICs, up to 128 queues × 16384 descriptors = 3\.4e7 posted buffers; the run would need about \d+\.\d+ GiB, over the 1 GiB a run may use/,
    );
  });

  it('every shipped-size run is far inside the budget', () => {
    const r = parseScenario(`name: x\nduration: 1s\n${ONE_NIC}`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(estimateRun(r.scenario).rows * (estimateRun(r.scenario).columns + 1)).toBeLessThan(SERIES_VALUE_LIMIT / 100);
  });
});

describe('series: decimated', () => {
  const base: ScenarioInput = {
    name: 'd',
    duration: '30ms',
    sample: '1us',
    nics: [{ name: 'e', link: '10Gbit', queues: 2 }],
    traffic: [{ nic: 'e', arrival: 'poisson' }],
    events: [{ at: '10ms', consumer_stall: { nic: 'e', for: '3ms' } }],
  };
  const full = runScenario(scenarioSchema.parse(base));
  const dec = runScenario(scenarioSchema.parse({ ...base, series: 'decimated' }));

  it('keeps at most the row bound, and says how it was decimated', () => {
    expect(full.series.t_ns).toHaveLength(30_000);
    expect(dec.series.t_ns.length).toBeLessThanOrEqual(DECIMATED_MAX_ROWS);
    expect(dec.series.decimated).toEqual({ samples_per_bucket: Math.ceil(30_000 / (DECIMATED_MAX_ROWS / 2)) });
    expect(full.series.decimated).toBeUndefined();
  });

  it('every column keeps its minimum and maximum (spikes survive)', () => {
    const keys = Object.keys(full.series.columns);
    expect(Object.keys(dec.series.columns)).toEqual(keys);
    const range = (v: number[]) => [Math.min(...v), Math.max(...v)];
    for (const k of keys) expect(range(dec.series.columns[k]), k).toEqual(range(full.series.columns[k]));
  });

  it('counters stay exact: NIC, pool and memory results are identical', () => {
    expect(dec.nics).toEqual(full.nics);
    expect(dec.pools).toEqual(full.pools);
    expect(dec.memory).toEqual(full.memory);
  });
});
