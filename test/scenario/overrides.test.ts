import { describe, expect, it } from 'vitest';
import { applyOverrides, parseOverridePath, parseScenario, resolveOverrideTargets } from '../../shared/sim/validate/parse';
import { baseText, withLine } from './fixtures';

function baseDoc(text = baseText()): unknown {
  const r = parseScenario(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.doc;
}

describe('parseOverridePath', () => {
  it.each([
    ['seed', ['seed']],
    ['nics[0].ring', ['nics', 0, 'ring']],
    ['host.cpu.cores', ['host', 'cpu', 'cores']],
    ['nics[1].page_pool.pool_size', ['nics', 1, 'page_pool', 'pool_size']],
    ['traffic[0].packet_size', ['traffic', 0, 'packet_size']],
  ])('%s', (key, path) => expect(parseOverridePath(key)).toEqual(path));
  it.each(['', '[0]', 'nics..ring', 'nics[x]', 'nics[0]ring', 'a.', '.a', 'nics[-1]', 'a b'])('rejects %j', (key) => {
    expect(parseOverridePath(key)).toBeNull();
  });
});

describe('applyOverrides', () => {
  it('no overrides: the same scenario as parsing the file', () => {
    const parsed = parseScenario(baseText());
    if (!parsed.ok) throw new Error('fixture');
    const r = applyOverrides(parsed.doc, {});
    expect(r.ok && r.scenario).toEqual(parsed.scenario);
  });
  it('sets top-level scalars and re-validates with units', () => {
    const doc = baseDoc();
    const r = applyOverrides(doc, { seed: 7, duration: '5s' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario.seed).toBe(7);
    expect(r.scenario.duration).toBe(5e9);
    expect((doc as { duration: string }).duration).toBe('100ms'); // the input is not mutated
    expect((r.doc as { duration: string }).duration).toBe('5s');
  });
  it('applies a bare NIC field to every NIC', () => {
    const doc = baseDoc(withLine(11, ['    ring: 1024', '  - { name: eth1, link: 25Gbit }']));
    const r = applyOverrides(doc, { variant: 'netmem', driver: 'mlx4' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario.nics.map((n) => [n.variant, n.driver])).toEqual([
      ['netmem', 'mlx4'],
      ['netmem', 'mlx4'],
    ]);
  });
  it('applies bare traffic and consumer fields to every entry', () => {
    const r = applyOverrides(baseDoc(), { packet_size: 'imix', free_on: 'napi_core' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario.traffic[0].packet_size).toBe('imix');
    expect(r.scenario.consumer[0].free_on).toBe('napi_core');
  });
  it('creates missing mappings along an explicit path', () => {
    const r = applyOverrides(baseDoc(), { 'nics[0].page_pool.pool_size': 256, 'host.iommu': 'strict' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario.nics[0].page_pool.pool_size).toBe(256);
    expect(r.scenario.host.iommu).toBe('strict');
  });
  it('reports a value that does not validate, naming the override', () => {
    const r = applyOverrides(baseDoc(), { 'nics[0].ring': 1000 });
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          path: 'nics[0].ring',
          line: 0,
          col: 0,
          message:
            'gve: must be a power of two ("Requested descriptor count has to be a power of 2"), got 1000 (-EINVAL) (after overriding nics[0].ring)',
        },
      ],
    });
  });
  it('runs the cross-field rules on the result', () => {
    const r = applyOverrides(baseDoc(), { 'nics[0].queues': 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(['traffic[0].steer_to[1]']);
  });
  it.each([
    ['nics[3].ring', 'nics has 1 entry; index 3 does not exist'],
    [
      'colour',
      'unknown key "colour" (use a scenario path such as nics[0].ring, host.iommu, or a NIC/traffic/consumer field name such as variant)',
    ],
    [
      'varient',
      'unknown key "varient"; did you mean "variant"? (use a scenario path such as nics[0].ring, host.iommu, or a NIC/traffic/consumer field name such as variant)',
    ],
    ['nics..ring', '"nics..ring" is not a path; write e.g. nics[0].ring, host.iommu, traffic[0].packet_size or variant'],
    ['nics[0].rnig', 'unknown key "rnig" in nics[0]; did you mean "ring"?'],
    ['host.cpu.coers', 'unknown key "coers" in host.cpu; did you mean "cores"?'],
    ['page_pool.pool_sise', 'unknown key "pool_sise" in nics[*].page_pool; did you mean "pool_size"?'],
  ])('rejects the key %s', (key, message) => {
    expect(applyOverrides(baseDoc(), { [key]: 1 })).toEqual({ ok: false, errors: [{ path: key, line: 0, col: 0, message }] });
  });
  it('refuses to descend through a scalar', () => {
    const r = applyOverrides(baseDoc(), { 'name.x': 1 });
    expect(r).toEqual({ ok: false, errors: [{ path: 'name.x', line: 0, col: 0, message: 'name is "test", not a mapping or list' }] });
  });
  it('a bare key needs entries to apply to', () => {
    expect(resolveOverrideTargets({ name: 'x', consumer: [] }, 'free_on')).toEqual({
      ok: false,
      message: '"free_on" applies to every entry of consumer, but consumer has none',
    });
  });
});
