// Every reference a source file makes must be followable from the repository: a citation of a
// model page names a page under docs/model/ (and, for a page that exists, a heading of it), and no
// file outside docs/ cites a document the repository does not contain.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

/** Directories that are not the project's own text (build output, dependencies), and docs/ itself. */
const SKIP_DIRS = new Set([
  '.git',
  'node_modules',
  'out',
  'dist',
  'test-artifacts',
  'coverage',
  'bench-results',
  'tmp',
  '.vite',
  '.vitest',
]);
const SKIP_PATHS = new Set([join(ROOT, 'docs')]);
const TEXT_EXT = /\.(ts|tsx|js|mjs|cjs|vue|json|ya?ml|md|html|css|sh)$/;

/** Pages of docs/model/ written in parallel with this one: cited by name before they land. */
export const PLANNED_PAGES: readonly string[] = [
  'README.md',
  'page-pool.md',
  'netmem.md',
  'devmem.md',
  'iommu.md',
  'page-size.md',
  'memory-gfp.md',
  'line-rate.md',
  'napi.md',
  'fault-injection.md',
  'netdev-lifetime.md',
  'metadata.md',
  'costs.md',
  'measured-data.md',
  'drivers/gve.md',
  'drivers/mt76.md',
  'drivers/hns3.md',
  'drivers/generic.md',
  'drivers/mlx4.md',
];

/** Documents outside the repository that earlier comments cited (built so this file does not cite them). */
const OUTSIDE_DOCS = ['kernel', 'figures', 'drivers', 'DESIGN'].map((n) => `${n}.md`);
/** An absolute path to reference material outside the repository. */
const OUTSIDE_DIR = `/${['work', 'shared'].join('/')}/`;
const OUTSIDE_RE = new RegExp(`(?<![\\w/.-])(${OUTSIDE_DOCS.map((d) => d.replace('.', '\\.')).join('|')})\\b|${OUTSIDE_DIR}`, 'g');
const PAGE_RE = /docs\/model\/([\w./-]*?\.md)(#[\w-]+)?/g;
/** Notes about who wrote what rather than about the model (built so this file does not match itself). */
const ORG_RE = new RegExp(
  ['engineer [A-Z]\\b', '\\(' + 'additive\\b', ['helper', 'session'].join(' '), ['sub', 'agent'].join('')].join('|'),
);

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!SKIP_DIRS.has(name) && !SKIP_PATHS.has(p)) walk(p, out);
    } else if (TEXT_EXT.test(name) && name !== 'package-lock.json') {
      out.push(p);
    }
  }
  return out;
}

/** GitHub's heading anchor: lower case, punctuation other than - and _ dropped, spaces → '-'. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(page: string): Set<string> {
  const text = readFileSync(page, 'utf8');
  const slugs = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^#{1,6}\s+(.*)$/.exec(line);
    if (m?.[1]) slugs.add(headingSlug(m[1]));
  }
  return slugs;
}

export interface CitationProblem {
  file: string;
  line: number;
  cited: string;
  why: string;
}

/** Citation problems of one file's text (exported so the checker itself can be tested). */
export function citationProblems(file: string, text: string, docsRoot: string): CitationProblem[] {
  const problems: CitationProblem[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    for (const m of line.matchAll(OUTSIDE_RE)) {
      problems.push({ file, line: i + 1, cited: m[0], why: 'a document that is not in the repository' });
    }
    const org = ORG_RE.exec(line);
    if (org) problems.push({ file, line: i + 1, cited: org[0], why: 'a note about how the work was organised, not about the model' });
    for (const m of line.matchAll(PAGE_RE)) {
      const page = m[1] ?? '';
      const anchor = m[2];
      const path = join(docsRoot, page);
      if (!existsSync(path)) {
        if (!PLANNED_PAGES.includes(page)) problems.push({ file, line: i + 1, cited: m[0], why: 'no such page in docs/model/' });
        continue;
      }
      if (anchor && !anchorsOf(path).has(anchor.slice(1))) {
        problems.push({ file, line: i + 1, cited: m[0], why: `no heading with anchor ${anchor} in docs/model/${page}` });
      }
    }
  });
  return problems;
}

describe('citations outside docs/', () => {
  const docsRoot = join(ROOT, 'docs', 'model');

  it('name only documents in the repository and existing docs/model pages and headings', () => {
    const problems = walk(ROOT, []).flatMap((f) => citationProblems(relative(ROOT, f), readFileSync(f, 'utf8'), docsRoot));
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.cited} (${p.why})`)).toEqual([]);
  });

  it('the checker reports an outside document, an unknown page, a missing heading and a note about the work', () => {
    const m = ['docs', 'model'].join('/'); // built, so this file does not cite the bad pages itself
    const text = [
      `// see ${OUTSIDE_DOCS[0]} §2`,
      `// see ${m}/no-such-page.md`,
      `// see ${m}/page-pool.md#no-such-heading`,
      `// see ${m}/costs.md and ${m}/page-pool.md#counters`,
      `// (${'engineer'} D) added this`,
    ].join('\n');
    const found = citationProblems('x.ts', text, docsRoot).map((p) => `${p.line} ${p.why}`);
    expect(found).toEqual([
      '1 a document that is not in the repository',
      '2 no such page in docs/model/',
      '3 no heading with anchor #no-such-heading in docs/model/page-pool.md',
      '5 a note about how the work was organised, not about the model',
    ]);
  });

  it('slugs headings as GitHub does', () => {
    expect(headingSlug('Direct recycling (napi-local)')).toBe('direct-recycling-napi-local');
    expect(headingSlug('The descriptor (netmem_desc)')).toBe('the-descriptor-netmem_desc');
    expect(headingSlug('SO_DEVMEM_DONTNEED')).toBe('so_devmem_dontneed');
  });
});
