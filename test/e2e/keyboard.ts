// Keyboard-only helpers for the e2e walk: where the focus is, Tab until it reaches a control
// (leaving the code editor the way a user does: Escape, then Tab), and the reflow check.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** A short description of the focused element: test id, role or tag, and its text. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '(body)';
    const id = el.getAttribute('data-testid') ?? el.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
    return `${id} ${el.getAttribute('role') ?? el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  });
}

/** The focused element matches `selector` (and contains `text`, when given). */
export async function isFocused(page: Page, selector: string, text?: string): Promise<boolean> {
  return page.evaluate(
    ([s, t]) => {
      const el = document.activeElement;
      return !!el && el.matches(s) && (t === undefined || (el.textContent ?? '').includes(t));
    },
    [selector, text] as const,
  );
}

/**
 * Press Tab (Shift+Tab with `back`) until the focused element matches `selector`; returns the
 * number of presses (`text`: the element must also contain it). Inside CodeMirror, Tab indents: the walk presses Escape first, as the hint
 * under the editor says.
 */
export async function tabUntil(page: Page, selector: string, opts: { back?: boolean; max?: number; text?: string } = {}): Promise<number> {
  const max = opts.max ?? 40;
  const key = opts.back ? 'Shift+Tab' : 'Tab';
  for (let n = 0; n <= max; n++) {
    if (await isFocused(page, selector, opts.text)) return n;
    if (await isFocused(page, '.cm-content')) await page.keyboard.press('Escape');
    await page.keyboard.press(key);
  }
  assert.fail(`${key} ${max} times did not reach ${selector}; focus is on ${await focused(page)}`);
}

/** The page and the main view need no horizontal scrolling (WCAG 1.4.10 reflow). */
export async function assertNoHorizontalScroll(page: Page, what: string): Promise<void> {
  const m = await page.evaluate(() => {
    const doc = document.scrollingElement!;
    const main = document.getElementById('main-view')!;
    return { doc: [doc.scrollWidth, doc.clientWidth], main: [main.scrollWidth, main.clientWidth], vw: window.innerWidth };
  });
  assert.ok(m.doc[0] <= m.doc[1], `${what}: the page scrolls sideways (scrollWidth ${m.doc[0]} > ${m.doc[1]} at ${m.vw} px)`);
  assert.ok(m.main[0] <= m.main[1], `${what}: the main view scrolls sideways (scrollWidth ${m.main[0]} > ${m.main[1]})`);
}

/** The page's downloads, saved into `dir` in the order they arrive. */
export function collectDownloads(page: Page, dir: string): { names: string[]; next(timeoutMs?: number): Promise<string> } {
  const names: string[] = [];
  return {
    names,
    async next(timeoutMs = 60_000) {
      const d = await page.waitForEvent('download', { timeout: timeoutMs });
      const file = path.join(dir, `export-${d.suggestedFilename()}`);
      await d.saveAs(file);
      names.push(file);
      return file;
    },
  };
}
