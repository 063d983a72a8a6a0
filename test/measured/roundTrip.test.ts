// Export → import is exact where both sides exist: `report --format prom` read back by the
// Prometheus importer gives the run's page_pool counters (per device and per pool) and in-flight.
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../electron/host/report/exporter';
import { importMeasured } from '../../shared/measured/importMeasured';
import { parseProm } from '../../shared/measured/prom';
import { MeasuredParseError } from '../../shared/measured/located';
import { PP_STAT_NAMES } from '../../shared/doc/runDocument';
import { pressureRun } from '../report/fixtures';

describe('prom round trip', () => {
  it('report --format prom → import gives back every counter and in-flight figure', async () => {
    const run = pressureRun();
    const text = (await renderReport(run, 'prom')) as string;
    const m = importMeasured([{ path: 'run.prom', text }]);
    expect(m.sources).toEqual([{ path: 'run.prom', kind: 'prom', snapshots: 1 }]);
    const dev = m.devices.find((d) => d.device === 'eth0')!;
    for (const n of PP_STAT_NAMES) expect(dev.stats[n]).toBe(run.pools.reduce((a, p) => a + p.stats[n], 0));
    expect(dev.other.received_packets_total).toBe(run.nics[0].rx.packets);
    expect(m.pools.map((p) => [p.id, p.stats, p.inflight, p.inflight_mem])).toEqual(
      run.pools.map((p) => [p.id, p.stats, p.inflight, p.inflight_mem]),
    );
  });

  it('refuses a broken sample line and a comparison export, located', () => {
    expect(() => parseProm('node_ethtool_x{device="a"} 1\nfoo bar baz\n', 'p.prom')).toThrow(MeasuredParseError);
    expect(() => parseProm('node_ethtool_x{device="a} 1\n', 'p.prom')).toThrow(/^p\.prom:1:16: expected a label name="value"/);
    expect(() => parseProm('node_ethtool_x{device="a",point="b"} 1\n', 'p.prom')).toThrow(/a comparison's have a point label/);
  });
});
