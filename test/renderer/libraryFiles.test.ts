// The library lists files by name in groups with a filter; files from the browser reach the host
// as name + text (never a path), refused before reading when too large or not YAML; Run sends the
// editor's text only while it differs from the file.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { ScenarioSummary, WorkbenchApi } from '../../shared/api';
import { setApi } from '../../renderer/src/api/transport';
import { useLibraryStore } from '../../renderer/src/stores/library';
import { useNotices } from '../../renderer/src/stores/notices';
import { fileBase, filterRecent, groupOf, libraryGroups, matchesFilter } from '../../renderer/src/util/libraryGroups';
import { readScenarioFiles } from '../../renderer/src/util/filePicker';
import { SCENARIO_MAX_BYTES } from '../../shared/apiLimits';

const sum = (id: string, file: string, name: string, origin: 'shipped' | 'opened', badges: string[] = []): ScenarioSummary => ({
  id,
  file,
  name,
  description: '',
  origin,
  badges,
  valid: true,
  errors: [],
  hasCompare: false,
  readOnly: origin === 'shipped',
});

const LIST = [
  sum('shipped:xdp-drop-recycle.yaml', '/app/scenarios/xdp-drop-recycle.yaml', 'XDP drop recycle', 'shipped', ['gve/page']),
  sum(
    'shipped:reference/devmem-token-starvation.yaml',
    '/app/scenarios/reference/devmem-token-starvation.yaml',
    'devmem token starvation',
    'shipped',
    ['gve/netmem', 'devmem'],
  ),
  sum('opened:/tmp/u/xdp-drop-recycle.yaml', '/tmp/u/xdp-drop-recycle.yaml', 'XDP drop recycle', 'opened', ['gve/page']),
];

describe('library groups and filter', () => {
  it('groups opened, shipped, reference in that order', () => {
    expect(LIST.map(groupOf)).toEqual(['shipped', 'reference', 'opened']);
    expect(libraryGroups(LIST, '').map((g) => [g.id, g.items.length])).toEqual([
      ['opened', 1],
      ['shipped', 1],
      ['reference', 1],
    ]);
  });

  it('filters by every word over file name, title and badges', () => {
    expect(matchesFilter(LIST[1], 'token devmem')).toBe(true);
    expect(matchesFilter(LIST[1], 'starvation.yaml')).toBe(true);
    expect(matchesFilter(LIST[0], 'devmem')).toBe(false);
    expect(libraryGroups(LIST, 'gve/page').map((g) => g.id)).toEqual(['opened', 'shipped']);
    expect(libraryGroups(LIST, 'nothing-like-it')).toEqual([]);
  });

  it('file names from either separator; recent filtered by file name', () => {
    expect(fileBase('C:\\u\\a.yaml')).toBe('a.yaml');
    expect(fileBase('/x/y/b.yml')).toBe('b.yml');
    expect(filterRecent(['/x/alpha.yaml', '/alpha-dir/beta.yaml'], 'alpha')).toEqual(['/x/alpha.yaml']);
  });
});

describe('files from the browser', () => {
  it('reads YAML files; refuses other names and files over the cap without reading them', async () => {
    const big = new File([new Uint8Array(SCENARIO_MAX_BYTES + 1)], 'big.yaml');
    const text = vi.spyOn(big, 'text');
    const r = await readScenarioFiles([new File(['name: a\n'], 'a.yaml'), new File(['x'], 'notes.txt'), big]);
    expect(r.read).toEqual([{ name: 'a.yaml', text: 'name: a\n' }]);
    expect(r.refused).toEqual([
      'notes.txt: not a scenario file (expected .yaml or .yml)',
      expect.stringMatching(/^big\.yaml: file is 1\.0 MiB; scenario files are limited to 1\.0 MiB/),
    ]);
    expect(text).not.toHaveBeenCalled();
  });

  let api: Record<string, ReturnType<typeof vi.fn>>;
  beforeEach(() => {
    const opened = sum('opened:/state/uploads/a.yaml', '/state/uploads/a.yaml', 'a', 'opened');
    api = {
      listScenarios: vi.fn(async () => [opened]),
      getScenario: vi.fn(async () => ({ ...opened, yaml: 'name: a\n', revision: 'r' })),
      hostInfo: vi.fn(async () => ({ kind: 'web', version: 't', workers: 1, canDropFiles: false })),
      listRecent: vi.fn(async () => []),
      openScenarioText: vi.fn(async () => [opened]),
      validateScenario: vi.fn(async () => []),
    };
    setApi({
      ...api,
      onLibraryChanged: () => () => undefined,
      onRunEvent: () => () => undefined,
      onCommand: () => () => undefined,
    } as unknown as WorkbenchApi);
    setActivePinia(createPinia());
  });

  it('sends name and text, opens the copy; a refused file is a notice', async () => {
    const lib = useLibraryStore();
    await lib.init();
    await lib.openUploads([new File(['name: a\n'], 'a.yaml'), new File(['x'], 'x.json')]);
    expect(api.openScenarioText).toHaveBeenCalledWith('a.yaml', 'name: a\n');
    expect(api.openScenarioText).toHaveBeenCalledTimes(1);
    expect(lib.selectedId).toBe('opened:/state/uploads/a.yaml');
    expect(
      useNotices()
        .items.map((n) => n.text)
        .join(' '),
    ).toMatch(/x\.json: not a scenario file/);
  });

  it('Run sends the editor text only while it differs from the file', async () => {
    const lib = useLibraryStore();
    await lib.init();
    await lib.select('opened:/state/uploads/a.yaml');
    expect(lib.runText()).toBeUndefined();
    expect(lib.canRun).toBe(true);
    lib.setText('name: a\nduration: 3ms\n');
    expect(lib.runText()).toBe('name: a\nduration: 3ms\n');
  });
});
