// End-to-end steps of the run view's figures and of running what the editor shows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { runDocumentOfView } from './numbersStep';

type Shot = (name: string) => Promise<void>;

/**
 * Edit `duration` without saving and press Run: the run is of the editor's text (its document
 * has the edited duration and says unsaved), its title says unsaved, the file is untouched.
 */
export async function runUnsavedEdit(page: Page, openDir: string, shot: Shot): Promise<void> {
  const file = path.join(openDir, 'sensitivity.yaml');
  const saved = readFileSync(file, 'utf8');
  assert.match(saved, /^duration: 2ms$/m);
  await page.locator('[data-testid=scenario-item]', { hasText: 'e2e sensitivity' }).click();
  await page.waitForSelector('[data-testid=scenario-title]:text("e2e sensitivity")');
  await page.locator('[data-testid=yaml-editor] .cm-line', { hasText: 'duration: 2ms' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('3ms');
  await page.waitForFunction(() => !(document.querySelector('[data-testid=toolbar-run]') as HTMLButtonElement | null)?.disabled);
  await page.click('[data-testid=toolbar-run]');
  await page.waitForSelector('[data-testid=run-state]:text("done")', { timeout: 120_000 });
  assert.match(await page.locator('#main-view h1').innerText(), /^e2e sensitivity \(unsaved\)$/);
  const doc = await runDocumentOfView(page);
  assert.equal(doc.duration_ns, 3e6, 'the run ran the edited duration');
  assert.equal(doc.meta.unsaved, true);
  assert.equal(readFileSync(file, 'utf8'), saved, 'the file was not saved');
  await shot('5c-unsaved-run');
  await page.keyboard.press('Control+1');
  await page.locator('button', { hasText: 'Revert' }).click();
  await page.waitForFunction(() => (document.querySelector('[data-testid=toolbar-run]') as HTMLButtonElement | null)?.title === 'Run (Ctrl+Enter)');
}
