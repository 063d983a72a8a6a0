// The keyboard and accessibility steps of the e2e walk (workbench.e2e.ts runs them in order
// between its own): each drives the page with the keyboard only, runs axe where a view is
// reached, and saves screenshots.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { axeBoth, type AxeFinding } from './axe';
import { assertNoHorizontalScroll, collectDownloads, focused, isFocused, tabUntil } from './keyboard';

/** 200 % zoom of a 1280×800 window */
export const ZOOMED = { width: 640, height: 400 };
export const NORMAL = { width: 1440, height: 900 };

export interface WalkContext {
  page: Page;
  /** axe findings of every view so far (printed at the end) */
  findings: AxeFinding[];
  /** where the opened scenario files live (the walk edits one) */
  openDir: string;
  /** screenshots and downloads */
  artDir: string;
  streamScenario: string;
  streamSamples: number;
  shot(name: string): Promise<void>;
}

const editor = '[data-testid=yaml-editor] .cm-content';

export function keyboardWalk(ctx: WalkContext) {
  const { page, findings } = ctx;
  const STREAM_SCENARIO = ctx.streamScenario;
  const STREAM_SAMPLES = ctx.streamSamples;
  const openDir = ctx.openDir;
  const shot = (_p: Page, name: string): Promise<void> => ctx.shot(name);
  const axe = (view: string): Promise<void> => axeBoth(page, view, findings, (name) => ctx.shot(name));
  let streamText = '';
  /** whether each Ctrl+S since the last call was kept from the browser (see the e2e's init script) */
  const ctrlS = async (): Promise<boolean[]> => {
    // recorded in a timer after the key's dispatch: wait for it
    await page.waitForFunction(() => (window as unknown as { __ctrlS: boolean[] }).__ctrlS.length > 0, null, { timeout: 5000 });
    return page.evaluate(() => (window as unknown as { __ctrlS: boolean[] }).__ctrlS.splice(0));
  };
  return {
    /** the editor text when the measured run started (it must not change) */
    streamText: () => streamText,
    /** the start screen: skip link, axe, 200 % zoom */
    async startScreen(): Promise<void> {
      await page.keyboard.press('Tab');
      assert.ok(await isFocused(page, '[data-testid=skip-link]'), `first Tab: ${await focused(page)}`);
      await page.keyboard.press('Enter');
      assert.ok(await isFocused(page, '#main-view h1'), `the skip link moves the focus to the view's heading: ${await focused(page)}`);
      await axe('start');
      await page.setViewportSize(ZOOMED);
      await page.waitForSelector('#library-sidebar', { state: 'hidden' });
      await assertNoHorizontalScroll(page, 'start screen at 200 %');
      await shot(page, 'zoom-start');
      await page.setViewportSize(NORMAL);
      await page.waitForSelector('#library-sidebar', { state: 'visible' });
    },
    /** the library listbox: one Tab stop, arrows, Home/End */
    async libraryKeys(): Promise<void> {
      await tabUntil(page, '[data-testid=skip-link]', { back: true, max: 20 });
      // from the top of the page: skip link, library toggle, views, toolbar, library's Open…, its filter, the list
      const tabs = await tabUntil(page, '[role=option]', { max: 14 });
      await page.keyboard.press('Tab');
      assert.ok(!(await isFocused(page, '[role=option]')), 'one Tab leaves the list');
      await page.keyboard.press('Shift+Tab');
      assert.ok(await isFocused(page, '[role=option]'), `Shift+Tab returns to the list: ${await focused(page)}`);
      const n = await page.locator('[role=option]').count();
      const at = (): Promise<number> =>
        page.evaluate(() => Array.from(document.querySelectorAll('[role=option]')).indexOf(document.activeElement!));
      await page.keyboard.press('End');
      assert.equal(await at(), n - 1, `End: ${await focused(page)}`);
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowDown');
      assert.equal(await at(), Math.min(1, n - 1), 'Home then ArrowDown: the second scenario');
      console.log(`    the list was reached in ${tabs} Tabs from the top of the page (${n} scenarios in it)`);
    },
    /** the editor: name, axe, Ctrl+S anywhere, Escape then Tab */
    async editorKeys(): Promise<void> {
      await tabUntil(page, '[role=option]', { back: true });
      await page.keyboard.type('e2e long');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`[data-testid=scenario-title]:text("${STREAM_SCENARIO}")`);
      await page.keyboard.press('Control+1');
      assert.ok(await isFocused(page, '[data-testid=scenario-title]'), `Ctrl+1 focuses the editor view's heading: ${await focused(page)}`);
      assert.equal(await page.locator(editor).getAttribute('aria-label'), `YAML of ${STREAM_SCENARIO}`);
      await axe('editor');
      await tabUntil(page, editor, { max: 8 });
      await page.keyboard.press('Control+Home');
      await page.keyboard.type('# edited from the keyboard\n');
      await page.waitForSelector('.dirty');
      await page.keyboard.press('Control+s');
      await page.waitForSelector('.dirty', { state: 'detached' });
      assert.deepEqual(await ctrlS(), [true], 'Ctrl+S in the editor was kept from the browser');
      assert.match(readFileSync(path.join(openDir, 'stream.yaml'), 'utf8'), /^# edited from the keyboard\n/);
      // Escape, Tab: out of the editor (Tab alone indents)
      await page.keyboard.press('Escape');
      await page.keyboard.press('Tab');
      assert.ok(!(await isFocused(page, editor)), 'Escape then Tab leaves the editor');
      // Ctrl+S outside the editor: saves (nothing to save: a notice), never the browser's Save Page
      await page.keyboard.press('Control+s');
      await page.locator('[data-testid=notices]', { hasText: 'No changes to save' }).waitFor();
      assert.match(
        await page.locator('[data-testid=status-notice]').innerText(),
        /^No changes to save in [^/\\]+\.ya?ml$/,
        'the notice names the file, not the host path',
      );
      assert.deepEqual(await ctrlS(), [true], 'Ctrl+S outside the editor was kept from the browser');
      await tabUntil(page, editor, { back: true, max: 8 });
      streamText = await page.locator(editor).innerText();
      await shot(page, '2-scenario-editor');
    },
    /** the run view: chart descriptions and tables, axe */
    async chartTables(): Promise<void> {
      assert.ok(await isFocused(page, '#main-view h1'), `Ctrl+2 focuses the run view's heading: ${await focused(page)}`);
      const chart = '[data-testid=chart-throughput]';
      assert.match(
        (await page.locator(`${chart} [role=img]`).getAttribute('aria-label')) ?? '',
        /^Throughput, line chart of \d+ series over \d/,
      );
      await tabUntil(page, `${chart} [data-testid=chart-table-toggle]`, { max: 10 });
      await page.keyboard.press('Enter');
      const table = page.locator(`${chart} [data-testid=chart-table] table`);
      assert.match(await table.locator('caption').innerText(), new RegExp(`every 5th of ${STREAM_SAMPLES} samples`));
      const cols = await table.locator('thead th[scope=col]').count();
      assert.ok(cols >= 2, 'a time column and a column per series');
      assert.equal(await table.locator('tbody tr').count(), STREAM_SAMPLES / 5);
      assert.match(await table.locator('tbody tr:first-child th[scope=row]').innerText(), /^\d/);
      assert.match(await table.locator('tbody tr:nth-child(60) td').first().innerText(), /\d.*Gbit\/s/);
      await axe('run');
      await page.keyboard.press('Enter');
      await table.waitFor({ state: 'detached' });
    },
    /** the Export menu: every format, moving never exports */
    async exportMenu(): Promise<void> {
      const downloads = collectDownloads(page, ctx.artDir);
      const menu = '[data-testid=export-menu]';
      await tabUntil(page, '[data-testid=export-button]', { back: true });
      await page.keyboard.press('ArrowDown');
      assert.ok(await isFocused(page, `${menu} [data-format=html]`), `ArrowDown opens on the first item: ${await focused(page)}`);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      assert.ok(await isFocused(page, `${menu} [data-format=pdf]`));
      await page.keyboard.press('Escape');
      assert.ok(await isFocused(page, '[data-testid=export-button]'), 'Escape closes and returns to the button');
      assert.ok(!(await page.locator(menu).isVisible()));
      await page.waitForTimeout(300);
      assert.equal(downloads.names.length, 0, 'moving through the menu exported nothing');
      const take = async (keys: string[], ext: string): Promise<string> => {
        const next = downloads.next(ext === 'pdf' ? 120_000 : 60_000);
        for (const k of keys) await page.keyboard.press(k);
        const file = await next;
        assert.match(file, new RegExp(`\\.${ext}$`));
        assert.ok(await isFocused(page, '[data-testid=export-button]'), `after exporting the focus is on Export: ${await focused(page)}`);
        return file;
      };
      const html = readFileSync(await take(['Enter', 'Enter'], 'html'), 'utf8');
      assert.match(html, /<svg/);
      assert.match(html, new RegExp(STREAM_SCENARIO));
      assert.equal(
        readFileSync(await take(['Space', 'ArrowDown', 'Enter'], 'pdf'))
          .subarray(0, 5)
          .toString(),
        '%PDF-',
      );
      const csv = readFileSync(await take(['ArrowDown', 'ArrowDown', 'ArrowDown', 'Space'], 'csv'), 'utf8');
      assert.ok(csv.split('\n').length > STREAM_SAMPLES, 'a CSV row per sample');
      // ArrowUp opens the menu on its last item: trace, then prom, then json above them.
      const json = JSON.parse(readFileSync(await take(['ArrowUp', 'ArrowUp', 'ArrowUp', 'Enter'], 'json'), 'utf8')) as {
        scenario?: unknown;
      };
      assert.ok(json.scenario, 'the JSON run document carries its scenario');
      assert.match(readFileSync(await take(['ArrowUp', 'ArrowUp', 'Enter'], 'prom'), 'utf8'), /^# HELP /m);
      const trace = JSON.parse(readFileSync(await take(['ArrowUp', 'Enter'], 'json'), 'utf8')) as { traceEvents?: unknown[] };
      assert.ok(Array.isArray(trace.traceEvents) && trace.traceEvents.length > 0, 'the trace has events');
      console.log(`    exported ${downloads.names.map((f) => path.basename(f)).join(', ')}`);
    },
    /** every Tab stop of the page shows where the focus is: a 2 px outline (the editor: around its box) */
    async focusRings(): Promise<number> {
      await tabUntil(page, '[data-testid=skip-link]', { back: true, max: 80 });
      let stops = 0;
      for (; stops < 120; stops++) {
        const ring = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          // past the last stop (the focus left the page) or back where the walk began
          const again = el === document.body || el.dataset.ringSeen === 'yes';
          el.dataset.ringSeen = 'yes';
          const box = el.classList.contains('cm-content') ? el.closest<HTMLElement>('[data-testid=yaml-editor]')! : el;
          const cs = getComputedStyle(box);
          return {
            again,
            id: `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`,
            style: cs.outlineStyle,
            width: parseFloat(cs.outlineWidth),
          };
        });
        if (ring.again) break;
        assert.ok(ring.style !== 'none' && ring.width >= 2, `no visible focus on ${ring.id}: outline ${ring.style} ${ring.width}px`);
        if (await isFocused(page, '.cm-content')) await page.keyboard.press('Escape');
        await page.keyboard.press('Tab');
      }
      await page.evaluate(() => {
        for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-ring-seen]'))) delete el.dataset.ringSeen;
      });
      return stops;
    },
    /** every view at 200 % zoom, library collapsed and open */
    async zoomedViews(): Promise<void> {
      await page.setViewportSize(ZOOMED);
      await page.waitForSelector('#library-sidebar', { state: 'hidden' });
      for (const [key, view] of [
        ['1', 'editor'],
        ['2', 'run'],
        ['3', 'compare'],
      ] as const) {
        await page.keyboard.press(`Control+${key}`);
        await page.waitForTimeout(400);
        await assertNoHorizontalScroll(page, `${view} at 200 %`);
        await shot(page, `zoom-${view}`);
      }
      await tabUntil(page, '[data-testid=sidebar-toggle]', { back: true });
      await page.keyboard.press('Enter');
      await page.waitForSelector('#library-sidebar', { state: 'visible' });
      for (const [key, view] of [
        ['1', 'editor'],
        ['2', 'run'],
        ['3', 'compare'],
      ] as const) {
        await page.keyboard.press(`Control+${key}`);
        await page.waitForTimeout(400);
        await assertNoHorizontalScroll(page, `${view} at 200 % with the library open`);
        await shot(page, `zoom-${view}-library`);
      }
      await page.setViewportSize(NORMAL);
    },

    /** Start then Stop with the keyboard: the focus follows Start → Stop → Start. */
    async stopRun(): Promise<void> {
      await tabUntil(page, '[data-testid=start-button]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=run-state]:text("running")', { timeout: 10_000 });
      assert.ok(await isFocused(page, '[data-testid=stop-button]'), `Start disabled itself: focus on Stop: ${await focused(page)}`);
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=run-state]:text("cancelled")', { timeout: 10_000 });
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'start-button', null, { timeout: 5000 });
      await shot(page, '5-run-stopped');
    },

    /** The broken e2e scenario: its errors located, Enter on one puts the editor on its line. */
    async brokenScenario(): Promise<void> {
      await tabUntil(page, '[role=option]', { back: true });
      await page.keyboard.type('e2e b');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=error-item]');
      const items = await page.locator('[data-testid=error-item]').allInnerTexts();
      assert.ok(
        items.some((t) => /nics\[0\]\.ring/.test(t) && /line 8/.test(t)),
        `errors: ${items.join(' | ')}`,
      );
      assert.ok(
        items.some((t) => /nics\[0\]\.quues/.test(t) && /did you mean/.test(t)),
        `errors: ${items.join(' | ')}`,
      );
      await tabUntil(page, '[data-testid=error-item]', { text: 'quues' });
      await page.keyboard.press('Enter');
      assert.ok(await isFocused(page, editor), 'the editor has the focus on the error line');
      const active = await page.locator('[data-testid=yaml-editor] .cm-activeLine').innerText();
      assert.match(active, /quues/);
      await shot(page, '6-broken-scenario');
    },
  };
}
