// axe-core in the page under test: injected with page.evaluate (the page's CSP allows only its
// own scripts, and an evaluated script is not subject to it), run on the whole document, and the
// violations summarised as one row per rule and view.
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = (require('axe-core') as { source: string }).source;

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeFinding {
  view: string;
  rule: string;
  impact: Impact;
  nodes: number;
  help: string;
  sample: string;
}

interface RawResult {
  id: string;
  impact: Impact | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Violations of WCAG 2.x A/AA and best-practice rules on the page as it is now. */
export async function axeScan(page: Page, view: string): Promise<AxeFinding[]> {
  const injected = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!injected) await page.evaluate(axeSource);
  const raw = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: RawResult[] }> } }).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return (raw as RawResult[]).map((v) => ({
    view,
    rule: v.id,
    impact: v.impact ?? 'minor',
    nodes: v.nodes.length,
    help: v.help,
    sample: v.nodes
      .slice(0, 2)
      .map((n) => JSON.stringify(n.target))
      .join(' '),
  }));
}

/** serious and critical findings: these fail the test */
export function blocking(findings: readonly AxeFinding[]): AxeFinding[] {
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

/** A plain-text table: view, impact, rule, affected nodes. */
export function axeTable(findings: readonly AxeFinding[]): string {
  if (findings.length === 0) return '(no violations)';
  const rows = [
    ['view', 'impact', 'rule', 'nodes', 'example'],
    ...findings.map((f) => [f.view, f.impact, f.rule, String(f.nodes), f.sample.slice(0, 70)]),
  ];
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(w[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** axe in light and dark (emulated colour scheme, then back to light); serious and critical findings fail at once. */
export async function axeBoth(page: Page, view: string, into: AxeFinding[], shot: (name: string) => Promise<void>): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(250);
    const found = await axeScan(page, `${view}/${scheme}`);
    into.push(...found);
    await shot(`axe-${view}-${scheme}`);
    assert.deepEqual(blocking(found), [], `axe on ${view} (${scheme}):\n${axeTable(blocking(found))}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
