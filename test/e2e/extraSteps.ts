// End-to-end steps beside the keyboard walk: a run with the sensitivity set, and a save over a
// file that changed on disk (with an oversize paste after it).
// Each takes the page as the previous step left it.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

type Shot = (name: string) => Promise<void>;

/** Run with Sensitivity ticked: the band of every headline figure and its driving entries appear. */
export async function sensitivityRun(page: Page, shot: Shot): Promise<void> {
  await page.locator('[data-testid=scenario-item]', { hasText: 'e2e sensitivity' }).click();
  await page.check('[data-testid=toolbar-sensitivity]');
  await page.click('[data-testid=toolbar-run]');
  const panel = page.locator('[data-testid=sensitivity-panel]');
  await panel.waitFor({ timeout: 120_000 });
  const text = await panel.innerText();
  assert.match(text, /eth0 packet rate/);
  assert.match(text, /drv_rx_desc/);
  await page.uncheck('[data-testid=toolbar-sensitivity]');
  await panel.scrollIntoViewIfNeeded();
  await shot('5b-sensitivity');
}

/**
 * A save over a file changed on disk since it was loaded asks (reload taken, nothing written);
 * then a 1.2 MB paste is refused in the page with the size error, and the connection stays.
 */
export async function saveConflictAndPaste(page: Page, editFile: string, shot: Shot): Promise<void> {
  const item = page.locator('[data-testid=scenario-item]', { hasText: 'e2e save conflict' });
  await item.waitFor();
  await item.click();
  await page.waitForSelector('[data-testid=scenario-title]:text("e2e save conflict")');
  await page.click('[data-testid=yaml-editor] .cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# my edit');
  writeFileSync(editFile, readFileSync(editFile, 'utf8').replace('name: e2e save conflict', 'name: e2e edited elsewhere'));
  await page.click('[data-testid=save-button]');
  const bar = page.locator('[data-testid=save-conflict]');
  await bar.waitFor({ timeout: 10_000 });
  assert.match(await bar.innerText(), /changed on disk since it was loaded/);
  assert.doesNotMatch(readFileSync(editFile, 'utf8'), /# my edit/);
  await shot('6b-save-conflict');
  await page.click('[data-testid=conflict-reload]');
  await page.waitForSelector('[data-testid=scenario-title]:text("e2e edited elsewhere")');
  assert.equal(await bar.count(), 0);
  // The paste that used to close the socket (and end the host): refused with a located error.
  await page.click('[data-testid=yaml-editor] .cm-content');
  await page.keyboard.press('Control+End');
  // A clipboard paste, as CodeMirror receives it (typing 1.2 MB through CDP would take minutes).
  await page.locator('[data-testid=yaml-editor] .cm-content').evaluate(
    (el, text) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    },
    ('\n# ' + 'x'.repeat(77)).repeat(15_000),
  );
  await page.locator('[data-testid=error-item]', { hasText: 'scenario files are limited to 1.0 MiB' }).waitFor({ timeout: 15_000 });
  assert.doesNotMatch(await page.locator('[data-testid=notices]').innerText(), /ENOTCONN|closed the connection/);
  await shot('6c-oversize-paste');
  await page.locator('button', { hasText: 'Revert' }).click();
  await page.locator('[data-testid=error-item]', { hasText: 'scenario files are limited' }).waitFor({ state: 'detached', timeout: 10_000 });
}
