// The sensitivity run: estimated cost entries moved to their bounds one at a time (plus the
// all-low / all-high corners), the band of every headline figure and what drives it, in the run
// document, the CLI summary and the report.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseScenario } from '../../shared/sim/validate/parse';
import { runScenario } from '../../shared/sim/engine/run';
import { runWithSensitivity } from '../../shared/sensitivity/runSensitivity';
import { headlineFigures } from '../../shared/sensitivity/headline';
import { buildRunReport } from '../../shared/report/model/runReport';
import { main } from '../../electron/cli/main';
import type { RunDocument } from '../../shared/doc/runDocument';
import { captureIo } from '../cli/io';

const FILE = path.resolve(__dirname, '../../scenarios/reference/xdp-drop-mlx5-style.yaml');

function scenario() {
  const r = parseScenario(readFileSync(FILE, 'utf8'));
  if (!r.ok) throw new Error('invalid');
  return r.scenario;
}

describe('run with sensitivity', () => {
  const doc = runWithSensitivity(scenario());
  const s = doc.sensitivity!;

  it('the baseline figures are those of a plain run (the probe changes nothing)', () => {
    const plain = runScenario(scenario());
    expect(headlineFigures(doc)).toEqual(headlineFigures(plain));
    expect(plain.sensitivity).toBeUndefined();
  });

  it('moves only the estimates the run used: driver and XDP estimates in, devmem and TCP stack out', () => {
    const moved = s.entries.map((e) => e.key);
    expect(moved).toContain('drv_rx_desc');
    expect(moved).toContain('xdp_prog');
    expect(s.unused).toContain('devmem_token');
    expect(s.unused).toContain('ip_tcp_per_skb');
    expect(s.runs).toBe(2 * s.entries.length + 2);
    for (const e of s.entries) expect(e.low <= e.value && e.value <= e.high).toBe(true);
  });

  it('every headline figure has a band around its value, and the drivers are ranked by swing', () => {
    const mpps = s.figures.find((f) => f.key === 'nic/eth0/mpps')!;
    expect(mpps.min).toBeLessThan(mpps.value);
    expect(mpps.max).toBeGreaterThan(mpps.value);
    // the per-descriptor estimate is the largest single source of uncertainty of XDP_DROP
    expect(mpps.drivers[0].key).toBe('drv_rx_desc');
    for (let i = 1; i < mpps.drivers.length; i++) expect(mpps.drivers[i - 1].swing).toBeGreaterThanOrEqual(mpps.drivers[i].swing);
    // cheaper descriptors, more packets: all-low above all-high
    expect(mpps.all_low!).toBeGreaterThan(mpps.all_high!);
    for (const f of s.figures) {
      expect(f.min).toBeLessThanOrEqual(f.value);
      expect(f.max).toBeGreaterThanOrEqual(f.value);
    }
    expect(s.figures.map((f) => f.key)).toEqual([
      'nic/eth0/gbps',
      'nic/eth0/mpps',
      'nic/eth0/cycles_per_packet',
      'nic/eth0/utilization',
      'nic/eth0/recycle_ratio',
    ]);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(runWithSensitivity(scenario()).sensitivity)).toBe(JSON.stringify(s));
  });

  it('the report has a sensitivity section when the document has one, and none otherwise', () => {
    const ctx = { generatedAt: '2026-01-01T00:00:00Z' };
    const with_ = buildRunReport(doc, ctx);
    const sec = with_.sections.find((x) => x.id === 'sensitivity');
    expect(sec).toBeDefined();
    const band = sec!.blocks.find((b) => b.kind === 'table' && b.table.id === 'sensitivity-band');
    expect(band && band.kind === 'table' ? band.table.rows.length : 0).toBe(s.figures.length);
    const plain: RunDocument = { ...doc };
    delete plain.sensitivity;
    expect(buildRunReport(plain, ctx).sections.find((x) => x.id === 'sensitivity')).toBeUndefined();
  });
}, 120_000);

describe('cli run --sensitivity', () => {
  it('prints the band and writes the section into the run document', async () => {
    const io = captureIo({ cwd: path.dirname(FILE) });
    expect(await main(['run', path.basename(FILE), '--sensitivity', '--json', '-'], io)).toBe(0);
    const doc = JSON.parse(io.out()) as RunDocument;
    expect(doc.sensitivity?.method).toBe('one-at-a-time');
    expect(io.err()).toMatch(/Sensitivity: \d+ estimated cost entries moved one at a time/);
    expect(io.err()).toMatch(/eth0 packet rate Mpps .*drv_rx_desc/);
  }, 120_000);
});
