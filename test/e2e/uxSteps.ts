// End-to-end steps of the run view's figures and of running what the editor shows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileChooser, Page } from 'playwright-core';
import { runDocumentOfView } from './numbersStep';

type Shot = (name: string) => Promise<void>;

/**
 * The files the host was started with are listed from the start; Ctrl+O shows the browser's file
 * chooser and uploads a copy of a shipped scenario (listed under Opened by its file name, beside
 * the shipped one); a .yaml dropped on the window opens; the filter box narrows the list.
 */
export async function filesFromAnywhere(page: Page, root: string, streamScenario: string, shot: Shot): Promise<void> {
  for (const t of ['e2e GVE page vs netmem', 'e2e broken scenario', streamScenario])
    await page.locator('[data-testid=scenario-item]', { hasText: t }).waitFor();
  // One run in about six of the suite saw no file chooser after the first Ctrl+O (the page kept no
  // notice of it); a second press is what a user would do, and it is reported when needed.
  let chooser: FileChooser | null = null;
  for (let attempt = 1; attempt <= 2 && !chooser; attempt++) {
    const next = page.waitForEvent('filechooser', { timeout: 10_000 }).catch(() => null);
    await page.keyboard.press('Control+o');
    chooser = await next;
    if (!chooser && attempt === 1) console.log('    no file chooser after the first Ctrl+O: pressed again');
  }
  assert.ok(chooser, 'Ctrl+O shows the browser file chooser');
  await chooser.setFiles(path.join(root, 'scenarios/xdp-drop-recycle.yaml'));
  const opened = page.locator('[role=group][aria-labelledby=library-opened] [data-testid=scenario-item]', {
    hasText: 'xdp-drop-recycle.yaml',
  });
  await opened.waitFor({ timeout: 10_000 });
  const shipped = page.locator('[role=group][aria-labelledby=library-shipped] [data-testid=scenario-item]', {
    hasText: 'xdp-drop-recycle.yaml',
  });
  assert.equal(await shipped.count(), 1, 'the shipped original is listed apart from the copy');
  assert.equal(
    await opened.locator('.name').innerText(),
    await shipped.locator('.name').innerText(),
    'the copy has the same title, told apart by its group',
  );
  assert.doesNotMatch(await page.locator('[data-testid=notices]').innerText(), /\/tmp|\/home|uploads\//, 'no host path shown');
  // A drop of a file from the user's disk (what the browser hands the page: a File, no path).
  await page.evaluate(
    (yaml) => {
      const dt = new DataTransfer();
      dt.items.add(new File([yaml], 'dropped-by-user.yaml', { type: 'application/yaml' }));
      const target = document.querySelector('.app')!;
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    readFileSync(path.join(root, 'test/e2e/fixtures/sensitivity.yaml'), 'utf8').replace('name: e2e sensitivity', 'name: e2e dropped file'),
  );
  await page.locator('[data-testid=scenario-item]', { hasText: 'dropped-by-user.yaml' }).waitFor({ timeout: 10_000 });
  await page.waitForSelector('[data-testid=scenario-title]:text("e2e dropped file")');
  await page.fill('[data-testid=library-filter]', 'dropped');
  assert.equal(await page.locator('[role=option]').count(), 1, 'the filter leaves the one match');
  await shot('2-files-from-anywhere');
  await page.fill('[data-testid=library-filter]', '');
  assert.ok((await page.locator('[role=option]').count()) > 3);
  await page.locator('[role=option][tabindex="0"]').focus();
}

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
  await page.waitForFunction(
    () => (document.querySelector('[data-testid=toolbar-run]') as HTMLButtonElement | null)?.title === 'Run (Ctrl+Enter)',
  );
}

/** The run's charts share one time axis (0 … the run's duration) and one ECharts connect group. */
export async function linkedCharts(page: Page, testids: string[]): Promise<void> {
  const doc = await runDocumentOfView(page);
  const attrs = await Promise.all(
    testids.map(async (id) => {
      const el = page.locator(`[data-testid=${id}]`);
      return { max: Number(await el.getAttribute('data-x-max')), group: await el.getAttribute('data-group') };
    }),
  );
  for (const a of attrs) assert.equal(a.max, doc.duration_ns / 1e6, `every chart ends at the run's duration: ${JSON.stringify(attrs)}`);
  assert.ok(attrs[0].group, 'the charts are in an ECharts group');
  assert.ok(
    attrs.every((a) => a.group === attrs[0].group),
    `one group for the run's charts: ${JSON.stringify(attrs)}`,
  );
}
