// The inline netmem index `(ref >>> 1) - 1` is reported unless its file is marked once as a hot path.
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureTree } from './fixtureTree';
import { lintFixture } from './lintFixture';

const tree = fixtureTree({
  'shared/sim/netmem/netmemRef.ts': 'export function netmemIndex(ref: number): number {\n  return (ref >>> 1) - 1;\n}\n',
  'shared/sim/page_pool/plain.ts':
    'export const idx = (ref: number): number => (ref >>> 1) - 1;\nexport const other = (ref: number): number => (ref >>> 2) - 1 + ((ref >> 1) - 1);\n',
  'shared/sim/page_pool/marked.ts':
    '// hot path: inlined netmemIndex, one call per packet saved in the recycle loop\nexport const i = (r: number): number => (r >>> 1) - 1;\nexport const j = (r: number): number => (r >>> 1) - 1;\n',
  'shared/sim/page_pool/stale.ts': '// hot path: inlined netmemIndex, kept for speed\nexport const k = 1;\n',
  'shared/sim/page_pool/twice.ts':
    '// hot path: inlined netmemIndex, reason one\n// hot path: inlined netmemIndex, reason two\nexport const i = (r: number): number => (r >>> 1) - 1;\n',
});
afterAll(() => tree.remove());

const rule = 'architecture/no-inline-netmem-index';

describe('architecture/no-inline-netmem-index', () => {
  it('reports each inline site with its text, and only `(x >>> 1) - 1`', async () => {
    const found = await lintFixture(tree, ['shared/sim/page_pool/plain.ts']);
    expect(found.map((f) => [f.line, f.rule])).toEqual([[1, rule]]);
    expect(found[0].message).toContain("'(ref >>> 1) - 1'");
  });

  it('accepts the helper itself and every site of a file marked once', async () => {
    expect(await lintFixture(tree, ['shared/sim/netmem/netmemRef.ts', 'shared/sim/page_pool/marked.ts'])).toEqual([]);
  });

  it('reports a marker with no site left, and a second marker', async () => {
    const found = await lintFixture(tree, ['shared/sim/page_pool/stale.ts', 'shared/sim/page_pool/twice.ts']);
    expect(found.map((f) => [f.file, f.line])).toEqual([
      ['shared/sim/page_pool/stale.ts', 1],
      ['shared/sim/page_pool/twice.ts', 2],
    ]);
    expect(found[0].message).toContain('no inline netmem index left');
    expect(found[1].message).toContain('more than once');
  });
});
