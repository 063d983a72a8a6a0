// Pinia stores against a fake WorkbenchApi: library selection, editor validation and save;
// runs fed by stream events (typed arrays into LiveSeries, state, log, errors); compare.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { RunInfo, RunStreamEvent, ScenarioDetail, WorkbenchApi } from '../../shared/api';
import { setApi } from '../../renderer/src/api/transport';
import { useLibraryStore, VALIDATE_DEBOUNCE_MS } from '../../renderer/src/stores/library';
import { useRunsStore } from '../../renderer/src/stores/runs';
import { useCompareStore } from '../../renderer/src/stores/compare';
import { useNotices } from '../../renderer/src/stores/notices';

function detail(id: string, yaml: string, valid = true, readOnly = false): ScenarioDetail {
  return {
    id,
    file: `/s/${id}.yaml`,
    name: id,
    description: '',
    origin: 'shipped',
    badges: [],
    valid,
    errors: valid ? [] : [{ path: 'nics[0].ring', line: 3, col: 5, message: 'bad' }],
    hasCompare: true,
    yaml,
    readOnly,
    revision: `rev-${yaml.length}`,
  };
}

function fakeApi() {
  let runListener: (e: RunStreamEvent) => void = () => undefined;
  const files = new Map<string, ScenarioDetail>([
    ['a', detail('a', 'name: a\n')],
    ['ro', detail('ro', 'name: ro\n', true, true)],
  ]);
  let seq = 0;
  const api = {
    listScenarios: vi.fn(async () => [...files.values()].map(({ yaml: _y, ...s }) => s)),
    getScenario: vi.fn(async (id: string) => files.get(id)!),
    validateScenario: vi.fn(async (yaml: string) =>
      yaml.includes('1000') ? [{ path: 'nics[0].ring', line: 3, col: 5, message: 'must be a power of two' }] : [],
    ),
    saveScenario: vi.fn(async (id: string, yaml: string, base: string | null) => {
      const cur = files.get(id)!;
      if (base !== null && base !== cur.revision)
        throw Object.assign(new Error(`ESTALE: ${cur.file} changed on disk since it was loaded`), { name: 'ESTALE' });
      const d = { ...cur, yaml, revision: `rev-${yaml.length}` };
      files.set(id, d);
      return d;
    }),
    saveScenarioAs: vi.fn(async (_id: string, yaml: string) => {
      const d = { ...detail('copy', yaml), origin: 'opened' as const };
      files.set('copy', d);
      return d;
    }),
    hostInfo: vi.fn(async () => ({ kind: 'web' as const, version: 't', workers: 2, canDropFiles: false })),
    listRecent: vi.fn(async () => []),
    startRun: vi.fn(async (scenarioId: string): Promise<RunInfo> => ({
      runId: `run-${++seq}`,
      scenarioId,
      label: scenarioId,
      state: 'queued',
      sample_ns: 1e6,
    })),
    cancelRun: vi.fn(async () => undefined),
    getRunDocument: vi.fn(async () => ({ format: 'netmem-workbench/run@1' })),
    startCompare: vi.fn(async () => ({
      compareId: 'cmp-1',
      runs: [
        { runId: 'run-a', scenarioId: 'a', label: 'variant=page', state: 'queued' as const, compareId: 'cmp-1', point: 0 },
        { runId: 'run-b', scenarioId: 'a', label: 'variant=netmem', state: 'queued' as const, compareId: 'cmp-1', point: 1 },
      ],
    })),
    getCompareDocument: vi.fn(async () => ({ format: 'netmem-workbench/compare@1', table: [], points: [] })),
    onRunEvent: (l: (e: RunStreamEvent) => void) => {
      runListener = l;
      return () => undefined;
    },
    onLibraryChanged: () => () => undefined,
    onCommand: () => () => undefined,
  };
  return { api: api as unknown as WorkbenchApi, raw: api, files, emit: (e: RunStreamEvent) => runListener(e) };
}

let f: ReturnType<typeof fakeApi>;
beforeEach(() => {
  f = fakeApi();
  setApi(f.api);
  setActivePinia(createPinia());
});

describe('library store', () => {
  it('loads, selects, validates edits after a pause, and saves', async () => {
    vi.useFakeTimers();
    const lib = useLibraryStore();
    await lib.init();
    expect(lib.shipped.map((s) => s.id)).toEqual(['a', 'ro']);
    await lib.select('a');
    expect(lib.text).toBe('name: a\n');
    expect(lib.dirty).toBe(false);
    lib.setText('name: a\nring: 1000\n');
    expect(lib.dirty).toBe(true);
    expect(f.raw.validateScenario).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(VALIDATE_DEBOUNCE_MS + 1);
    expect(f.raw.validateScenario).toHaveBeenCalledTimes(1);
    expect(lib.errors[0]).toMatchObject({ path: 'nics[0].ring', line: 3 });
    await lib.save();
    expect(f.raw.saveScenario).toHaveBeenCalledWith('a', 'name: a\nring: 1000\n', 'rev-8');
    expect(lib.dirty).toBe(false);
    vi.useRealTimers();
  });

  it('a file changed on disk since load: the save asks (overwrite / reload / save as) instead of replacing it', async () => {
    const lib = useLibraryStore();
    await lib.init();
    await lib.select('a');
    f.files.set('a', detail('a', 'name: changed elsewhere\n'));
    lib.setText('name: mine\n');
    await lib.save();
    expect(lib.conflict).toMatch(/^ESTALE: .*changed on disk/);
    expect(f.files.get('a')!.yaml).toBe('name: changed elsewhere\n');
    expect(lib.dirty).toBe(true);
    await lib.overwrite();
    expect(f.raw.saveScenario).toHaveBeenLastCalledWith('a', 'name: mine\n', null);
    expect(f.files.get('a')!.yaml).toBe('name: mine\n');
    expect(lib.conflict).toBeNull();
    // Reload drops the edits for what is on disk.
    f.files.set('a', detail('a', 'name: theirs again\n'));
    lib.setText('name: mine again\n');
    await lib.save();
    expect(lib.conflict).not.toBeNull();
    await lib.reloadFromDisk();
    expect(lib.text).toBe('name: theirs again\n');
    expect(lib.conflict).toBeNull();
  });

  it('a read-only scenario saves as a copy; the copy becomes the selection', async () => {
    const lib = useLibraryStore();
    await lib.init();
    await lib.select('ro');
    lib.setText('name: ro edited\n');
    await lib.save();
    expect(f.raw.saveScenario).not.toHaveBeenCalled();
    expect(f.raw.saveScenarioAs).toHaveBeenCalledWith('ro', 'name: ro edited\n');
    expect(lib.detail!.id).toBe('copy');
    expect(lib.dirty).toBe(false);
  });

  it('editor text over the scenario size cap is refused before sending: a located error, no request', async () => {
    vi.useFakeTimers();
    const lib = useLibraryStore();
    const notices = useNotices();
    await lib.init();
    await lib.select('a');
    const big = `name: a\n# ${'é'.repeat(600_000)}\n`;
    lib.setText(big);
    await vi.advanceTimersByTimeAsync(VALIDATE_DEBOUNCE_MS + 1);
    expect(f.raw.validateScenario).not.toHaveBeenCalled();
    expect(lib.errors).toEqual([{ path: '', line: 1, col: 1, message: 'file is 1.1 MiB; scenario files are limited to 1.0 MiB' }]);
    await lib.save();
    expect(f.raw.saveScenario).not.toHaveBeenCalled();
    expect(notices.items.at(-1)!.text).toMatch(/^EFBIG: the editor text is too large to save/);
    vi.useRealTimers();
  });
});

describe('runs store', () => {
  it('collects streamed samples into the live series and follows the run state', async () => {
    const runs = useRunsStore();
    runs.init();
    const r = (await runs.start('a'))!;
    expect(runs.currentId).toBe('run-1');
    f.emit({ type: 'started', runId: 'run-1', columns: [{ key: 'nic/eth0/rx_packets', unit: 'packets', kind: 'delta', label: 'rx' }] });
    expect(runs.current!.info.state).toBe('running');
    f.emit({ type: 'samples', runId: 'run-1', t_ns: new Float64Array([1e6, 2e6]), columns: [new Float64Array([10, 20])] });
    f.emit({ type: 'samples', runId: 'run-1', t_ns: new Float64Array([3e6]), columns: [new Float64Array([30])] });
    expect(runs.current!.version).toBe(2);
    expect([...runs.current!.live!.column('nic/eth0/rx_packets')!]).toEqual([10, 20, 30]);
    expect(runs.current!.firstSamplesAt).not.toBeNull();
    expect(r.startClickedAt).not.toBeNull();
    f.emit({ type: 'log', runId: 'run-1', events: [{ t_ns: 1e6, level: 'warn', source: 'page_pool', message: 'stalled pool shutdown' }] });
    expect(runs.current!.events).toHaveLength(1);
    f.emit({ type: 'finished', runId: 'run-1', state: 'done' });
    expect(runs.current!.info.state).toBe('done');
    await vi.waitFor(() => expect(runs.current!.doc).not.toBeNull());
  });

  it('reports a failed run in the notices, and stop cancels the current run', async () => {
    const runs = useRunsStore();
    runs.init();
    await runs.start('a');
    f.emit({ type: 'finished', runId: 'run-1', state: 'failed', error: 'run 1 failed: worker crashed' });
    expect(useNotices().items.at(-1)!.text).toMatch(/worker crashed/);
    await runs.stop();
    expect(f.raw.cancelRun).toHaveBeenCalledWith('run-1');
  });
});

describe('compare store', () => {
  it('tracks the compare runs and fetches the document when finished', async () => {
    const runs = useRunsStore();
    runs.init();
    const cmp = useCompareStore();
    await cmp.start('a');
    expect(cmp.runs.map((r) => r.info.label)).toEqual(['variant=page', 'variant=netmem']);
    f.emit({ type: 'finished', runId: 'run-a', state: 'done' });
    expect(cmp.progress).toBe(0.5);
    f.emit({ type: 'finished', runId: 'run-b', state: 'done' });
    f.emit({ type: 'compare-finished', compareId: 'cmp-1', state: 'done' });
    await vi.waitFor(() => expect(cmp.doc).not.toBeNull());
    expect(cmp.state).toBe('done');
  });
});

describe('runs store memory', () => {
  it('keeps at most MAX_RUNS_KEPT runs, dropping the oldest finished ones', async () => {
    const { MAX_RUNS_KEPT } = await import('../../renderer/src/stores/runs');
    const runs = useRunsStore();
    runs.init();
    for (let i = 0; i < MAX_RUNS_KEPT + 5; i++) {
      await runs.start('a');
      f.emit({ type: 'finished', runId: `run-${i + 1}`, state: 'cancelled' });
    }
    expect(runs.runs.size).toBe(MAX_RUNS_KEPT);
    expect(runs.runs.has('run-1')).toBe(false);
    expect(runs.current!.info.runId).toBe(`run-${MAX_RUNS_KEPT + 5}`);
  });
});
