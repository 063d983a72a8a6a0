// `cli compare`: side-by-side table, compare@1 JSON, repeat/workers flags, exit statuses.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../electron/cli/main';
import { captureIo } from '../cli/io';
import { formatSweepSummary } from '../../electron/cli/sweepSummary';
import type { CompareDocument } from '../../shared/doc/compareDocument';

const YAML = `
name: cli compare test
seed: 4
duration: 2ms
host: { cpu: { profile: xeon-e5-1650-v4, cores: 2 }, iommu: strict }
nics:
  - { name: eth0, driver: hns3, link: 10Gbit, queues: 1 }
traffic:
  - { nic: eth0, rate: line, packet_size: 1518 }
compare:
  mode: [page_pool, legacy]
`;

describe('cli compare', () => {
  it('prints one column per point with deltas and writes compare@1 JSON', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nw-compare-'));
    writeFileSync(path.join(dir, 's.yaml'), YAML);
    const io = captureIo({ cwd: dir });
    const code = await main(['compare', 's.yaml', '--json', 'out.json', '--repeat', '2', '--workers', '2'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const out = io.out();
    expect(out).toContain('[0] mode=page_pool');
    expect(out).toContain('[1] mode=legacy');
    expect(out).toContain('eth0 cycles/packet');
    expect(out).toContain('mean ± sample stddev over 2 repeats');
    const doc = JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8')) as CompareDocument;
    expect(doc.format).toBe('netmem-workbench/compare@1');
    expect(doc.repeat).toBe(2);
    expect(doc.runs.map((r) => r.length)).toEqual([2, 2]);
    expect(doc.runs[1][0].nics[0].driver_info).toHaveProperty('mode', 'legacy');
    const row = doc.table.find((r) => r.metric.key === 'nic/eth0/cycles_per_packet')!;
    expect(row.cells[0].delta).toBeNull();
    expect(row.cells[0].stat!.n).toBe(2);
    expect(row.cells[1].delta!.spread_known).toBe(true);
    // legacy has no page_pool: its pool counters are absent, not zero
    const fast = doc.table.find((r) => r.metric.key === 'nic/eth0/pp/alloc_fast')!;
    expect(fast.cells[1].stat).toBeNull();
    expect(doc.table.some((r) => r.metric.key === 'nic/eth0/metadata/memdesc_bytes')).toBe(true);
  }, 120_000);

  it('exit 2 for bad arguments and invalid scenarios', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nw-compare-'));
    writeFileSync(path.join(dir, 's.yaml'), YAML);
    writeFileSync(path.join(dir, 'bad.yaml'), YAML.replace('mode: [page_pool, legacy]', 'nics[3].ring: [256]'));
    const io = captureIo({ cwd: dir });
    expect(await main(['compare', 's.yaml', '--repeat', '0'], io)).toBe(2);
    expect(io.err()).toContain('--repeat');
    const io2 = captureIo({ cwd: dir });
    expect(await main(['compare', 'bad.yaml'], io2)).toBe(2);
    expect(io2.err()).toMatch(/nics/);
  });
});

describe('cli compare on a sweep', () => {
  it('prints the knee of each key metric along the numeric axis (shipped dma-buf size sweep)', async () => {
    const io = captureIo({ cwd: path.resolve('scenarios/compare') });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nw-sweep-'));
    const code = await main(['compare', 'devmem-dmabuf-size-200g.yaml', '--workers', '2', '--json', path.join(dir, 'sweep.json')], io);
    expect(code).toBe(0);
    const out = io.out();
    expect(out).toContain('one run per point: its value (no spread), so no delta is marked');
    expect(out).toContain('sweep along nics[0].provider.size (4MiB, 8MiB, 12MiB, 16MiB, 20MiB, 24MiB, 32MiB, 48MiB):');
    // The answer the scenario is for: line rate from 16 MiB, no drops from 24 MiB.
    expect(out).toMatch(/eth0 RX Gbit\/s +knee at 16MiB: 197\.4 Gbit\/s/);
    expect(out).toMatch(/eth0 drops \(all reasons\) +knee at 24MiB: 0 packets/);
    // The same sweep with the user's threshold: the knee of each metric is found with it.
    const doc = JSON.parse(readFileSync(path.join(dir, 'sweep.json'), 'utf8')) as CompareDocument;
    const io2 = captureIo({ cwd: path.resolve('scenarios/compare') });
    expect(await main(['compare', 'devmem-dmabuf-size-200g.yaml', '--workers', '2', '--knee-threshold', '50'], io2)).toBe(0);
    expect(io2.out()).toContain(formatSweepSummary(doc, 0.5));
    expect(io2.out()).not.toMatch(/eth0 RX Gbit\/s +knee at 16MiB/);
  }, 120_000);

  it('refuses a knee threshold that is not a percentage', async () => {
    const io = captureIo({ cwd: path.resolve('scenarios/compare') });
    expect(await main(['compare', 'devmem-dmabuf-size-200g.yaml', '--knee-threshold', '150'], io)).toBe(2);
    expect(io.err()).toContain('--knee-threshold must be a percentage from 0 to 100');
  });
});
