// The workbench at 1024×700 (a laptop, or a window beside the editor): the run view of a finished run
// and the compare view of a finished compare, checked as a user would — the page never scrolls
// sideways, every chart is drawn and fits its panel with its legend inside it, every numbers table
// either fits or scrolls horizontally in its own box (no cell cut off), and the compare table keeps
// its metric column and its header in place while it scrolls; the Δ chart is on screen. Screenshots
// of both views go to the artefacts folder; the viewport is restored to 1440×900 at the end.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { NORMAL } from './keyboardWalk';

export const NARROW = { width: 1024, height: 700 };

/** No sideways scrolling of the page itself. */
async function noSidewaysScroll(page: Page, view: string): Promise<void> {
  const { sw, iw } = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  assert.ok(sw <= iw, `${view} at 1024×700 scrolls sideways: scrollWidth ${sw} > innerWidth ${iw}`);
}

/**
 * Every chart under `root`: a non-zero drawn size inside its panel, and its legend (as ECharts laid
 * it out) inside the chart's width. Returns how many charts were checked.
 */
async function chartsFit(page: Page, root: string): Promise<number> {
  const problems = await page.evaluate((r) => {
    interface Rect {
      x: number;
      width: number;
      clone(): Rect;
      applyTransform(m: number[]): void;
    }
    interface View {
      group: { getBoundingRect(): Rect; transform?: number[] };
    }
    interface Inst {
      getWidth(): number;
      getModel(): { getComponent(type: string, idx: number): object | undefined };
      getViewOfComponentModel(m: object): View | undefined;
    }
    const ec = (window as unknown as { __wbEcharts?: { getInstanceByDom(el: HTMLElement): Inst | undefined } }).__wbEcharts;
    const out: string[] = [];
    let n = 0;
    for (const panel of Array.from(document.querySelectorAll<HTMLElement>(`${r} section.panel`))) {
      const id = panel.dataset.testid ?? panel.getAttribute('aria-labelledby') ?? '?';
      const el = panel.querySelector<HTMLElement>('[_echarts_instance_]');
      if (!el) continue;
      n++;
      const p = panel.getBoundingClientRect();
      const c = el.getBoundingClientRect();
      if (c.width <= 0 || c.height <= 0) out.push(`${id}: drawn ${c.width}×${c.height}`);
      if (c.left < p.left - 1 || c.right > p.right + 1)
        out.push(`${id}: chart ${c.left}–${c.right} outside its panel ${p.left}–${p.right}`);
      const canvas = el.querySelector('canvas');
      if (!canvas || canvas.width === 0 || canvas.height === 0) out.push(`${id}: no drawn canvas`);
      const inst = ec?.getInstanceByDom(el);
      if (!inst) {
        out.push(`${id}: no ECharts instance`);
        continue;
      }
      const legend = inst.getModel().getComponent('legend', 0);
      const view = legend && inst.getViewOfComponentModel(legend);
      if (view) {
        const b = view.group.getBoundingRect().clone();
        if (view.group.transform) b.applyTransform(view.group.transform);
        if (b.x < -1 || b.x + b.width > inst.getWidth() + 1)
          out.push(`${id}: legend drawn ${Math.round(b.x)}–${Math.round(b.x + b.width)} px in a ${inst.getWidth()} px chart`);
      }
    }
    return { n, out };
  }, root);
  assert.deepEqual(problems.out, [], `charts at 1024×700: ${problems.out.join('; ')}`);
  assert.ok(problems.n > 0, `no chart under ${root}`);
  return problems.n;
}

/** Each table under `root` either fits its box (no cell past its right edge) or its box scrolls sideways. */
async function tablesReadable(page: Page, root: string): Promise<string> {
  const r = await page.evaluate((sel) => {
    const out: string[] = [];
    let fits = 0;
    let scrolls = 0;
    for (const t of Array.from(document.querySelectorAll<HTMLTableElement>(`${sel} table`))) {
      let box = t.parentElement;
      while (box && box !== document.body) {
        const ox = getComputedStyle(box).overflowX;
        if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') break;
        box = box.parentElement;
      }
      const name = t.closest('.tbl')?.querySelector('.cap')?.textContent?.trim() ?? t.caption?.textContent ?? 'table';
      if (!box || box === document.body) {
        // no clipping box: every cell must lie inside the window
        const over = Array.from(t.querySelectorAll('th, td')).filter((c) => c.getBoundingClientRect().right > window.innerWidth + 1);
        if (over.length) out.push(`${name}: ${over.length} cells past the window's right edge`);
        else fits++;
        continue;
      }
      const ox = getComputedStyle(box).overflowX;
      const right = box.getBoundingClientRect().right;
      const cut = Array.from(t.querySelectorAll('th, td')).filter((c) => c.getBoundingClientRect().right > right + 1).length;
      if (box.scrollWidth <= box.clientWidth + 1 && cut === 0) fits++;
      else if (ox === 'auto' || ox === 'scroll') {
        const before = box.scrollLeft;
        box.scrollLeft = box.scrollWidth;
        const moved = box.scrollLeft > before;
        box.scrollLeft = before;
        if (moved) scrolls++;
        else out.push(`${name}: wider than its box but its box does not scroll`);
      } else out.push(`${name}: ${cut} cells clipped by a box that does not scroll (overflow-x ${ox})`);
    }
    return { out, fits, scrolls };
  }, root);
  assert.deepEqual(r.out, [], `tables at 1024×700: ${r.out.join('; ')}`);
  assert.ok(r.fits + r.scrolls > 0, `no table under ${root}`);
  return `${r.fits} tables fit, ${r.scrolls} scroll sideways in their box`;
}

/** The compare table scrolled sideways keeps its metric column at its left edge; scrolled down, its header on top. */
async function compareTableFrozen(page: Page): Promise<string> {
  await page.locator('[data-testid=compare-table-scroll]').scrollIntoViewIfNeeded();
  // no named functions inside evaluate: tsx wraps them in a __name call the page does not have
  const r = await page.evaluate(async () => {
    const box = document.querySelector<HTMLElement>('[data-testid=compare-table-scroll]')!;
    const firstCol = box.querySelector('tbody tr:not(.group) th')!;
    const headCell = box.querySelector('thead th')!;
    const b = box.getBoundingClientRect();
    const wide = box.scrollWidth > box.clientWidth + 1;
    box.scrollLeft = box.scrollWidth;
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    const fx = firstCol.getBoundingClientRect();
    const afterX = { left: fx.left, width: fx.width, scrollLeft: box.scrollLeft };
    box.scrollLeft = 0;
    const tall = box.scrollHeight > box.clientHeight + 1;
    box.scrollTop = box.scrollHeight;
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    const afterY = { top: headCell.getBoundingClientRect().top, scrollTop: box.scrollTop };
    box.scrollTop = 0;
    await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
    return { boxLeft: b.left + box.clientLeft, boxTop: b.top + box.clientTop, wide, tall, afterX, afterY };
  });
  assert.ok(r.afterX.width > 0, 'the metric column is drawn');
  assert.ok(
    Math.abs(r.afterX.left - r.boxLeft) <= 2,
    `the metric column stays at the table's left edge when scrolled by ${r.afterX.scrollLeft} px: ${r.afterX.left} vs ${r.boxLeft}`,
  );
  assert.ok(
    Math.abs(r.afterY.top - r.boxTop) <= 2,
    `the header stays on top when scrolled down by ${r.afterY.scrollTop} px: ${r.afterY.top} vs ${r.boxTop}`,
  );
  assert.ok(
    r.tall && r.afterY.scrollTop > 0,
    'at 1024×700 the compare table scrolls vertically in its box (the sticky header is exercised)',
  );
  return r.wide
    ? `compare table scrolls sideways (${r.afterX.scrollLeft} px) with its metric column frozen; header sticky over ${r.afterY.scrollTop} px`
    : `compare table fits 1024 px (no sideways scroll); header sticky over ${r.afterY.scrollTop} px`;
}

/** Both views at 1024×700; the compare view is shown again at 1440×900 when done. */
export async function narrowViews(page: Page, art: string): Promise<string> {
  await page.setViewportSize(NARROW);
  try {
    await page.click('[data-testid=tab-run]');
    await page.waitForSelector('[data-testid=run-view] [data-testid=run-numbers]', { timeout: 20_000 });
    await page.waitForTimeout(600); // charts re-fit to the new width
    await noSidewaysScroll(page, 'the run view');
    const charts = await chartsFit(page, '[data-testid=run-view]');
    await page.locator('[data-testid=run-numbers]').scrollIntoViewIfNeeded();
    const numbers = await page.locator('[data-testid=run-numbers]').boundingBox();
    assert.ok(numbers && numbers.width > 0 && numbers.x >= 0 && numbers.x + numbers.width <= NARROW.width + 1, 'the numbers are reachable');
    const tables = await tablesReadable(page, '[data-testid=run-numbers]');
    await page.evaluate(() => document.querySelector('[data-testid=run-view]')?.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(art, '12a-run-view-1024x700.png') });

    await page.click('[data-testid=tab-compare]');
    await page.waitForSelector('[data-testid=compare-table]', { timeout: 20_000 });
    await page.waitForTimeout(600);
    await noSidewaysScroll(page, 'the compare view');
    const cCharts = await chartsFit(page, '[data-testid=compare-view]');
    const frozen = await compareTableFrozen(page);
    await page.locator('[data-testid=delta-panel]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    const delta = await page.locator('[data-testid=delta-chart] canvas').first().boundingBox();
    assert.ok(
      delta &&
        delta.width > 0 &&
        delta.height > 0 &&
        delta.y < NARROW.height &&
        delta.y + delta.height > 0 &&
        delta.x + delta.width <= NARROW.width + 1,
      `the Δ chart is on screen: ${JSON.stringify(delta)}`,
    );
    await page.screenshot({ path: path.join(art, '12b-compare-view-1024x700.png') });
    return `run view: ${charts} charts fit, ${tables}; compare view: ${cCharts} charts fit, ${frozen}; Δ chart on screen`;
  } finally {
    await page.setViewportSize(NORMAL);
    await page.waitForTimeout(400);
  }
}
