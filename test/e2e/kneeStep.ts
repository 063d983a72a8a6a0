// The sweep's knee threshold set by the user: typing another percentage moves the knee to where
// the shared rule (findKnee via sweepOf) puts it with that threshold on the host's document.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { CompareDocument } from '../../shared/doc/compareDocument';
import { numericAxes, sweepOf } from '../../shared/doc/derived/sweep';
import { KNEE_THRESHOLD } from '../../shared/doc/derived/knee';
import { kneeText } from '../../shared/report/charts/sweep';
import { apiCall } from './apiCall';

/** Percentages tried, in order, for one that moves the knee of the shown metric. */
const CANDIDATES = [1, 0.5, 0.2, 0.1, 2, 10, 20, 50];

export async function kneeThresholdMoves(page: Page, metric: string): Promise<string> {
  const compareId = await page.locator('[data-testid=compare-view]').getAttribute('data-compare-id');
  assert.ok(compareId);
  const doc = await apiCall<CompareDocument>(page, 'getCompareDocument', [compareId]);
  const axis = numericAxes(doc)[0];
  await page.selectOption('[data-testid=sweep-metric]', metric);
  const at = (t: number) => {
    const s = sweepOf(doc, axis, metric, t)!;
    return { text: kneeText(s, s.curves[0]), x: s.curves[0].knee.x };
  };
  const base = at(KNEE_THRESHOLD);
  await page.waitForFunction((t) => document.querySelector('[data-testid=sweep-knees]')?.textContent?.trim() === t, base.text, {
    timeout: 5000,
  });
  const p = CANDIDATES.find((c) => at(c / 100).x !== base.x);
  assert.ok(p !== undefined, `some threshold moves the knee of ${metric}`);
  const moved = at(p / 100);
  await page.fill('[data-testid=sweep-knee-threshold]', String(p));
  await page.waitForFunction((t) => document.querySelector('[data-testid=sweep-knees]')?.textContent?.trim() === t, moved.text, {
    timeout: 5000,
  });
  // Back to the default: the knee returns.
  await page.fill('[data-testid=sweep-knee-threshold]', String(KNEE_THRESHOLD * 100));
  await page.waitForFunction((t) => document.querySelector('[data-testid=sweep-knees]')?.textContent?.trim() === t, base.text, {
    timeout: 5000,
  });
  return `threshold ${p} %: "${moved.text}" (at ${KNEE_THRESHOLD * 100} %: "${base.text}")`;
}
