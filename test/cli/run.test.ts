// `cli run` end to end, in-process, on a tiny scenario (2 ms simulated).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main';
import { PP_STAT_NAMES, RUN_FORMAT, type RunDocument } from '../../shared/doc/runDocument';
import { baseText } from '../scenario/fixtures';
import { captureIo } from './io';
import { parseCsv } from '../../shared/report/csv';

const TINY = baseText()
  .replace('compare:\n  variant: [page, netmem]\n', '')
  .replace('duration: 100ms', 'duration: 2ms')
  .replace('  - { at: 50ms, ifdown: { nic: eth0 } }', '  - { at: 1ms, consumer_stall: { nic: eth0, for: 500us } }');

function workdir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-run-'));
  writeFileSync(path.join(dir, 'tiny.yaml'), TINY);
  writeFileSync(
    path.join(dir, 'cmp.yaml'),
    baseText()
      .replace('duration: 100ms', 'duration: 1ms')
      .replace('  - { at: 50ms, ifdown: { nic: eth0 } }', '  []')
      .replace('events:\n  []', 'events: []'),
  );
  return dir;
}

function withoutMeta(d: RunDocument): Omit<RunDocument, 'meta'> {
  const { meta: _meta, ...rest } = d;
  return rest;
}

describe('cli run', () => {
  const cwd = workdir();

  it('simulates, prints the summary, writes JSON and CSV; exit 0', async () => {
    const io = captureIo({ cwd });
    expect(await main(['run', 'tiny.yaml', '--json', 'out.json', '--csv', 'out.csv'], io)).toBe(0);
    const out = io.out();
    expect(out).toMatch(/^test\n  seed 1 · 2ms simulated in /);
    expect(out).toMatch(/^ +NIC +driver +variant +link +rx Gbit\/s/m);
    expect(out).toMatch(/^ +eth0 +gve +page +100 Gbit\/s +\d+\.\d\d +\d+\.\d{3} +\d+\.\d %/m);
    for (const n of PP_STAT_NAMES) expect(out).toMatch(new RegExp(`^  ${n} +\\d+`, 'm'));
    expect(out).toContain('run document: out.json\ntime series: out.csv\n');
    expect(io.err()).toBe('');

    const doc = JSON.parse(readFileSync(path.join(cwd, 'out.json'), 'utf8')) as RunDocument;
    expect(doc.format).toBe(RUN_FORMAT);
    expect(doc.duration_ns).toBe(2_000_000);
    expect(doc.nics[0].name).toBe('eth0');
    // the summary shows the document's figures
    expect(out).toContain(` ${doc.nics[0].rx.gbps.toFixed(2)} `);
    const pool = doc.pools[0];
    expect(out).toMatch(new RegExp(`^  alloc_fast +(\\d+ +)?${pool.stats.alloc_fast}\\b`, 'm'));

    const csv = readFileSync(path.join(cwd, 'out.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toMatch(/^"t_ns \[ns, end of interval\]",/);
    expect(parseCsv(csv[0])[0].length).toBe(Object.keys(doc.series.columns).length + 1);
    expect(csv.length - 1).toBe(doc.series.t_ns.length);
    expect(csv[1].split(',')[0]).toBe(String(doc.series.t_ns[0]));
  });

  it('same scenario and seed: identical document outside meta; --seed changes it', async () => {
    const a = captureIo({ cwd });
    const b = captureIo({ cwd });
    const c = captureIo({ cwd });
    expect(await main(['run', 'tiny.yaml', '--quiet', '--json', 'a.json'], a)).toBe(0);
    expect(await main(['run', 'tiny.yaml', '--quiet', '--json', 'b.json'], b)).toBe(0);
    expect(await main(['run', 'tiny.yaml', '--quiet', '--seed', '99', '--json', 'c.json'], c)).toBe(0);
    const read = (f: string) => JSON.parse(readFileSync(path.join(cwd, f), 'utf8')) as RunDocument;
    expect(withoutMeta(read('a.json'))).toEqual(withoutMeta(read('b.json')));
    expect(read('c.json').seed).toBe(99);
    expect(read('c.json').scenario.seed).toBe(99);
    // --quiet: nothing on either stream
    expect(a.out() + a.err()).toBe('');
  });

  it('--json - writes the document to stdout and the summary to stderr', async () => {
    const io = captureIo({ cwd });
    expect(await main(['run', 'tiny.yaml', '--json', '-'], io)).toBe(0);
    expect((JSON.parse(io.out()) as RunDocument).format).toBe(RUN_FORMAT);
    expect(io.err()).toMatch(/^test\n  seed 1 · 2ms simulated/);
    const both = captureIo({ cwd });
    expect(await main(['run', 'tiny.yaml', '--json', '-', '--csv', '-'], both)).toBe(2);
  });

  it('--duration shorter than the timeline leaves late events out, with a note', async () => {
    const io = captureIo({ cwd });
    expect(await main(['run', 'tiny.yaml', '--duration', '500us', '--json', 'short.json'], io)).toBe(0);
    expect(io.err()).toBe(
      'note: --duration 500us: 1 event after the end left out (consumer_stall at 1ms)\n' +
        'note: --duration 500us: sample interval 1ms shortened to 500us\n',
    );
    const d = JSON.parse(readFileSync(path.join(cwd, 'short.json'), 'utf8')) as RunDocument;
    expect([d.duration_ns, d.sample_ns, d.scenario.events.length]).toEqual([500_000, 500_000, 0]);
  });

  it('--ethtool names the counters as ethtool -S does', async () => {
    const io = captureIo({ cwd });
    expect(await main(['run', 'tiny.yaml', '--ethtool'], io)).toBe(0);
    expect(io.out()).toMatch(/^  rx_pp_alloc_fast +\d+/m);
    expect(io.out()).toMatch(/^  rx_pp_recycle_released_ref +\d+/m);
    expect(io.out()).not.toMatch(/^  alloc_fast /m);
  });

  it('draws a progress bar on a terminal and erases it', async () => {
    const io = captureIo({ cwd, isTTY: true });
    expect(await main(['run', 'tiny.yaml'], io)).toBe(0);
    expect(io.err()).toMatch(/\r\x1b\[2Ktiny\.yaml \[[#.]{30}\] [\d.]+(ns|us|ms) \/ 2ms simulated {2}[\d.]+× (slower than )?real time/);
    expect(io.err().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('a scenario with a compare matrix: runs it as written, with a note', async () => {
    const io = captureIo({ cwd });
    expect(await main(['run', 'cmp.yaml'], io)).toBe(0);
    expect(io.err()).toBe(
      'note: cmp.yaml has a compare matrix; run simulates the scenario as written (the compare command runs the matrix)\n',
    );
  });
});
