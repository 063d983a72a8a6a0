import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import { scenarioToYaml, durationText, bytesText, bitRateText } from '../../shared/report/model/scenarioYaml';

const SCENARIO = `
name: GVE devmem TCP at 200 Gbit/s
seed: 42
duration: 2s
sample: 1ms
host:
  cpu: { ghz: 3.0, cores: 16 }
  memory: { numa_nodes: 2, per_node: 64GiB, watermarks: { min: 64MiB, low: 80MiB, high: 96MiB } }
  iommu: true
nics:
  - name: eth0
    driver: gve
    variant: netmem
    link: 200Gbit
    queues: 16
    ring: 1024
    header_split: true
    page_pool: { pool_size: 1024, order: 0 }
    provider: { kind: dmabuf, size: 4GiB, queues: [8, 9, 10, 11, 12, 13, 14, 15] }
traffic:
  - { nic: eth0, flows: 8, steer_to: [8, 9, 10, 11, 12, 13, 14, 15], rate: line, packet_size: 4096, arrival: constant }
  - { nic: eth0, rate: 2Mpps, packet_size: imix, arrival: { on_off: { on: 1ms, off: 250us } }, start: 10ms, stop: 1.5s }
  - { nic: eth0, rate: 12.5Gbit, packet_size: 1518 }
consumer:
  - { nic: eth0, read_latency: { lognormal: { median: 20us, p99: 200us } }, dontneed: { batch: 128, every: 50us } }
events:
  - { at: 500ms, memory_pressure: { allocate: 100GiB, over: 100ms } }
  - { at: 1s, consumer_stall: { nic: eth0, for: 200ms } }
  - { at: 1200ms, token_stall: { nic: eth0 } }
compare:
  variant: [page, netmem]
`;

describe('scenarioToYaml', () => {
  it('writes a file that parses back to the same scenario', () => {
    const a = parseScenario(SCENARIO);
    if (!a.ok) throw new Error(JSON.stringify(a.errors));
    const text = scenarioToYaml(a.scenario);
    const b = parseScenario(text);
    if (!b.ok) throw new Error(`${JSON.stringify(b.errors)}\n${text}`);
    expect(b.scenario).toEqual(a.scenario);
    expect(text).toContain('duration: 2s');
    expect(text).toContain('link: 200Gbit');
  });
  it('picks the largest exact unit', () => {
    expect(durationText(1_500_000)).toBe('1500us');
    expect(durationText(7)).toBe('7ns');
    expect(bytesText(4096)).toBe('4KiB');
    expect(bytesText(1000)).toBe(1000);
    expect(bitRateText(25e9)).toBe('25Gbit');
  });
});

describe('compare report appendix', () => {
  it('regenerates the base scenario with its matrix, so the compare can be rerun from the report', async () => {
    const { pressureCompare, parseOrThrow, PRESSURE_YAML } = await import('./fixtures');
    const { buildCompareReport } = await import('../../shared/report/model/compareReport');
    const model = buildCompareReport(pressureCompare(), { generatedAt: 'x' });
    const code = model.appendix[0].blocks.find((b) => b.kind === 'code');
    if (!code || code.kind !== 'code') throw new Error('no YAML in the appendix');
    const again = parseOrThrow(code.text).scenario;
    const orig = parseOrThrow(PRESSURE_YAML).scenario;
    expect(again.compare).toEqual(orig.compare);
    expect(again.seed).toBe(orig.seed);
    expect({ ...again, nics: undefined }).toEqual({ ...orig, nics: undefined, repeat: 2 });
  });
});
