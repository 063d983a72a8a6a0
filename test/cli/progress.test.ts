// Long runs are announced and never silent: the estimate warning before a run over 10 minutes of
// CPU, a progress line every few seconds without a terminal, JSON lines with --progress json.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/main';
import { longRunWarning } from '../../shared/sim/engine/longRunWarning';
import { parseScenario } from '../../shared/sim/validate/parse';
import type { RunOptions } from '../../shared/sim/engine/run';
import type { Scenario } from '../../shared/scenario/schema';
import { captureIo } from './io';

// The engine as it reports progress during a long run: 2,000 reports over the (fake) wall clock
// of the CLI io (10 ms a call, so 20 s), then the real engine on the scenario.
vi.mock('../../shared/sim/engine/run', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/sim/engine/run')>();
  return {
    ...real,
    runScenario: (s: Scenario, opts: RunOptions = {}) => {
      for (let i = 1; i <= 2000; i++) opts.onProgress?.({ sim_ns: (s.duration * i) / 2000, total_ns: s.duration, speed: 0.01 });
      return real.runScenario(s, { ...opts, onProgress: undefined });
    },
  };
});

function scenario(text: string): Scenario {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.scenario;
}

const TINY = 'name: tiny\nduration: 2ms\nnics: [{ name: e, link: 1Gbit }]\ntraffic: [{ nic: e }]\n';
const cwd = mkdtempSync(path.join(tmpdir(), 'cli-progress-'));
writeFileSync(path.join(cwd, 'tiny.yaml'), TINY);

describe('the long-run warning', () => {
  it('one 400 Gbit/s NIC for 60 minutes: hours of CPU, with what drives it', () => {
    const w = longRunWarning(
      scenario('name: big\nduration: 60min\nsample: 100ms\nnics: [{ name: e, link: 400Gbit, queues: 16 }]\ntraffic: [{ nic: e }]\n'),
    );
    expect(w).toMatch(
      /^warning: big: this run is estimated at about 3\.\d h of CPU time \(4× the 60 min simulated\): 1\.2e11 packets × 111 ns and 36,000 samples × 317 columns × 45 ns\./,
    );
  });
  it('validate shows it too, and the file stays valid (exit 0)', async () => {
    writeFileSync(
      path.join(cwd, 'big.yaml'),
      'name: big\nduration: 60min\nsample: 100ms\nnics: [{ name: e, link: 400Gbit, queues: 16 }]\ntraffic: [{ nic: e }]\n',
    );
    const io = captureIo({ cwd });
    expect(await main(['validate', 'big.yaml'], io)).toBe(0);
    expect(io.err()).toMatch(/^big\.yaml: warning: big: this run is estimated at about 3\.\d h of CPU time/);
  });
  it('a short run gets none', () => {
    expect(longRunWarning(scenario(TINY))).toBeNull();
  });
});

describe('progress without a terminal', () => {
  it('a plain line every 5 s of wall time on stderr, the summary on stdout', async () => {
    const io = captureIo({ cwd });
    expect(await main(['run', 'tiny.yaml'], io)).toBe(0);
    const lines = io.err().trim().split('\n');
    expect(lines.length).toBe(3);
    expect(lines[0]).toMatch(/^tiny\.yaml: [\d.]+us of 2ms simulated \(2\d\.\d %\), 100\.0× slower than real time, about \d+ s left$/);
    expect(io.out()).toMatch(/^tiny\n/);
  });

  it('--progress json: one object per line every 2 s, and the final state', async () => {
    const io = captureIo({ cwd });
    expect(await main(['run', 'tiny.yaml', '--progress', 'json'], io)).toBe(0);
    const objs = io
      .err()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; fraction: number; eta_s: number | null });
    expect(objs.length).toBeGreaterThanOrEqual(9);
    expect(objs.every((o) => o.type === 'progress')).toBe(true);
    expect(objs[objs.length - 1]).toMatchObject({ fraction: 1, eta_s: 0, total_ns: 2_000_000 });
  });

  it('--progress off and --quiet print nothing on stderr; a bad mode is a usage error', async () => {
    for (const args of [['--progress', 'off'], ['--quiet']]) {
      const io = captureIo({ cwd });
      expect(await main(['run', 'tiny.yaml', ...args], io)).toBe(0);
      expect(io.err()).toBe('');
    }
    const io = captureIo({ cwd });
    expect(await main(['run', 'tiny.yaml', '--progress', 'loud'], io)).toBe(2);
    expect(io.err()).toContain('--progress must be one of auto, bar, lines, json, off, got "loud"');
  });
});
