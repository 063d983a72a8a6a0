// End-to-end: Debian's Chromium (playwright-core, never a downloaded browser) drives the web host.
// Steps: token enforcement; the three jobs walked with the keyboard only — pick a scenario in the
// library listbox, run it, edit and save it, stop a run, export every format, follow a located
// error to its line, compare two variants, then with 3 repeats: the bands drawn at the compare
// document's mean ± stddev (compareStep.ts) — with axe-core on every view in light and dark
// (no serious or critical violation allowed; the findings are printed as a table) and, at the end,
// every view at 200 % zoom of 1280×800 (640×400 CSS px) without horizontal scrolling. Also: the
// charts receive data (first samples drawn within 1 s of Start). Screenshots of every step go to
// test-artifacts/e2e/. (test/e2e/axeSurvey.ts prints the axe findings of a build, all impacts.) Prints the responsiveness figures and asserts them (first draw
// < 1 s for the first run after the host started and for a later one; no main-thread task over
// 100 ms while a 600-sample run streams for seconds) unless other processes took the machine.
// E2E_PROFILE=1 also saves a CPU profile of the measured run (build with WB_UNMINIFIED=1 for names).
// Run: npm run test:e2e (builds first). Needs /usr/bin/chromium (apt-get install chromium).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startCpuShare } from './cpuShare';
import { axeTable, type AxeFinding } from './axe';
import { focused, isFocused, tabUntil } from './keyboard';
import { keyboardWalk, NORMAL } from './keyboardWalk';
import { saveConflictAndPaste, sensitivityRun } from './extraSteps';
import { measuredUpload } from './measuredStep';
import { numbersMatchDocument } from './numbersStep';
import { filesFromAnywhere, runUnsavedEdit } from './uxSteps';
import { runDiffMatchesDocuments, sweepWithKnee } from './sweepStep';
import { brushRange } from './rangeStep';
import { kneeThresholdMoves } from './kneeStep';
import { readmeCompareView, readmeRunView } from './readmeShots';
import { narrowViews } from './narrowStep';
import { bandsMatchDocument, BAND_REPEATS, compareTwoVariants, rerunWithRepeats } from './compareStep';
import { ART, CHROMIUM, FLAGS, root, shot, startHost, waitForPoints } from './setup';
import { cpuFigure, excuse, FIRST_DRAW_LIMIT_MS, STREAM_SAMPLES, STREAM_SCENARIO, streamingRun } from './responsiveness';

let stepsPassed = 0;
async function step(name: string, fn: () => Promise<void>): Promise<void> {
  const t = performance.now();
  await fn();
  stepsPassed++;
  console.log(`  ✓ ${name} (${Math.round(performance.now() - t)} ms)`);
}

async function main(): Promise<void> {
  mkdirSync(ART, { recursive: true });
  await step('the built Electron main bundle loads (electron stubbed) and the preload requires only electron', async () => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        './test/e2e/electron-stub/register.mjs',
        '-e',
        "import('./out/main/index.js').then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })",
      ],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const preload = readFileSync(path.join(root, 'out/preload/index.cjs'), 'utf8');
    assert.deepEqual([...new Set(preload.match(/require\("[^"]+"\)/g))], ['require("electron")']);
  });
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'wb-e2e-'));
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'wb-e2e-chromium-'));
  // The fixtures are opened from a copy: the walk edits and saves one.
  const openDir = path.join(stateDir, 'fixtures');
  mkdirSync(path.join(stateDir, 'host'));
  cpSync(path.join(root, 'test/e2e/fixtures'), openDir, { recursive: true });
  // A scenario the test changes on disk behind the editor's back (save conflict).
  const editFile = path.join(openDir, 'save-conflict.yaml');
  writeFileSync(
    editFile,
    readFileSync(path.join(openDir, 'broken.yaml'), 'utf8').replace('name: e2e broken scenario', 'name: e2e save conflict'),
  );
  const { proc, url } = await startHost(path.join(stateDir, 'host'), openDir);
  const origin = new URL(url).origin;
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: FLAGS, viewport: NORMAL });
  const figures: string[] = [];
  const axeFindings: AxeFinding[] = [];
  try {
    await step('token is required', async () => {
      const r = await fetch(`${origin}/`);
      assert.equal(r.status, 403, 'page without token must be refused');
      const bad = await fetch(`${origin}/?token=wrong`);
      assert.equal(bad.status, 403);
      const csp = (await fetch(url)).headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'/);
    });

    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Long tasks (> 50 ms main-thread tasks) recorded from page start.
    await page.addInitScript(() => {
      const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
      w.__longtasks = [];
      // ChartPanel publishes how many points ECharts holds (data-points), so the test sees data drawn.
      (window as unknown as { __wbTestProbe: boolean }).__wbTestProbe = true;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      // Whether Ctrl+S reached the browser (its Save Page): read once the event was dispatched.
      const saves: boolean[] = [];
      (window as unknown as { __ctrlS: boolean[] }).__ctrlS = saves;
      window.addEventListener(
        'keydown',
        (e) => {
          if (e.ctrlKey && e.key === 's') setTimeout(() => saves.push(e.defaultPrevented));
        },
        true,
      );
    });
    const editor = '[data-testid=yaml-editor] .cm-content';
    const walk = keyboardWalk({
      page,
      findings: axeFindings,
      openDir,
      artDir: ART,
      streamScenario: STREAM_SCENARIO,
      streamSamples: STREAM_SAMPLES,
      shot: (n) => shot(page, n),
    });
    await page.goto(url);
    await page.waitForSelector('[data-testid=library]');

    await step('a WebSocket without the token is refused', async () => {
      const ok = await page.evaluate(
        async (o) =>
          new Promise<boolean>((resolve) => {
            const ws = new WebSocket(`${o.replace('http', 'ws')}/api`);
            ws.onopen = () => resolve(true);
            ws.onerror = () => resolve(false);
          }),
        origin,
      );
      assert.equal(ok, false);
    });

    await step('start screen: skip link to the view, axe in light and dark, 200 % zoom without sideways scrolling', () =>
      walk.startScreen(),
    );

    await step('keyboard: the library is one Tab stop; arrows, Home/End and type-ahead move in it; Enter opens', () => walk.libraryKeys());

    await step('open a shipped scenario and run it (keyboard)', async () => {
      const shipped = page.locator(
        '[role=group][aria-labelledby=library-shipped] [data-testid=scenario-item], [role=group][aria-labelledby=library-reference] [data-testid=scenario-item]',
      );
      const n = await shipped.count();
      if (n === 0) {
        console.log('    (no shipped scenarios in scenarios/: step skipped)');
        return;
      }
      // The devmem reference scenario shows every chart (net_iov gauges too); any shipped one will do.
      const devmem = 'GVE devmem TCP at 200 Gbit/s';
      if ((await shipped.filter({ hasText: devmem }).count()) > 0) await page.keyboard.type('GVE devmem');
      else await page.keyboard.press('Home');
      const name = await page.evaluate(() => document.activeElement?.querySelector('.name')?.textContent?.trim() ?? '');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`[data-testid=scenario-title]:text("${name.replace(/^[●✕]\s*/, '')}")`);
      assert.ok(await isFocused(page, '[role=option][aria-selected=true]'), `picking keeps the focus on the list: ${await focused(page)}`);
      const text = await page.locator('[data-testid=yaml-editor] .cm-content').innerText();
      assert.match(text, /name:/);
      await shot(page, '1-shipped-scenario');
      const coldCpu = startCpuShare();
      await page.keyboard.press('Control+Enter');
      await page.waitForSelector('[data-testid=run-state]:text("done")', { timeout: 120_000 });
      assert.ok(
        await isFocused(page, '#main-view h1'),
        `the switch to the run view moves the focus to its heading: ${await focused(page)}`,
      );
      await page.waitForSelector('[data-testid=chart-memory] canvas');
      await waitForPoints(page, 'chart-throughput', 10);
      await waitForPoints(page, 'chart-memory', 10);
      // the finished run's per-buffer metadata, from the run document (same blocks as the report)
      const meta = await page.locator('[data-testid=metadata-facts]').innerText({ timeout: 30_000 });
      assert.match(meta, /struct page/);
      assert.match(meta, /[1-9][\d.]* (KiB|MiB)/, `metadata figures shown: ${meta.slice(0, 200)}`);
      console.log(`    numbers: ${await numbersMatchDocument(page)}`);
      await page.waitForTimeout(300);
      await shot(page, '1b-shipped-scenario-run');
      await page.locator('[data-testid=run-numbers]').screenshot({ path: path.join(ART, '1c-run-numbers.png') });
      const share = coldCpu();
      const cold = await page.evaluate(
        () =>
          Object.values(
            (globalThis as { __wbDrawTimings?: Record<string, { clickedAt: number; samplesAt: number; firstDrawnAt: number }> })
              .__wbDrawTimings ?? {},
          )[0],
      );
      assert.ok(cold, 'the first run drew its samples');
      const coldMs = cold.firstDrawnAt - cold.clickedAt;
      figures.push(
        `first run after the host started (fresh page, workers pre-started): first samples drawn ${Math.round(coldMs)} ms after Start (limit ${FIRST_DRAW_LIMIT_MS} ms), arrived after ${Math.round(cold.samplesAt - cold.clickedAt)} ms; ${cpuFigure(share)}`,
      );
      const why = excuse(share);
      if (why) figures.push(`  ${why}`);
      for (const f of figures) console.log(`    ${f}`);
      if (!why) assert.ok(coldMs < FIRST_DRAW_LIMIT_MS, `first run: first samples drawn after ${Math.round(coldMs)} ms`);
    });

    await step(
      'brush a time range: the numbers over it equal the range rule on the run document; typed; back to the whole run',
      async () => {
        console.log(`    ${await brushRange(page, (n) => shot(page, n))}`);
        await readmeRunView(page, root);
      },
    );

    await step('files from anywhere: the --open files listed; Ctrl+O uploads a file, a drop opens one; filter the list', () =>
      filesFromAnywhere(page, root, STREAM_SCENARIO, (n) => shot(page, n)),
    );

    let firstDrawMs = NaN;
    let longest = 0;
    let longCount = 0;
    await step('editor (keyboard): named textbox, axe light and dark, Ctrl+S saves anywhere, Escape then Tab leaves', () =>
      walk.editorKeys(),
    );

    await step('visible focus on every Tab stop of the editor view', async () => {
      console.log(`    ${await walk.focusRings()} Tab stops, each with a focus ring`);
      await tabUntil(page, editor);
    });

    await step('run (Ctrl+Enter in the editor): charts receive data (responsiveness measured over a long run)', async () => {
      let run = await streamingRun(page, figures, walk.streamText);
      if (run.missed.length > 0) {
        // One task over a wall-clock limit on a shared 2-core machine can be a pause of the
        // machine, not of the workbench: the run is measured once more from the editor, and the
        // limits must hold then.
        console.log(`    measured again: ${run.missed.join('; ')}`);
        await page.keyboard.press('Control+1');
        await tabUntil(page, editor);
        run = await streamingRun(page, figures, walk.streamText);
        assert.deepEqual(run.missed, [], 'the wall-clock limits held on neither of two runs');
      }
      ({ firstDrawMs, longest, longCount } = run);
    });

    await step('run view (keyboard): chart data as tables, axe in light and dark', () => walk.chartTables());

    await step('export each format from the Export menu (keyboard; moving never exports)', () => walk.exportMenu());

    await step(
      'open measured files (published mlx5 ethtool -S and ynl dump, uploaded to the host) beside the finished run, and a malformed one',
      () => measuredUpload(page, root),
    );

    await step('stop a run (keyboard; the focus follows Start → Stop → Start)', () => walk.stopRun());

    await step('run with Sensitivity ticked: the band of every headline figure appears', () => sensitivityRun(page, (n) => shot(page, n)));

    await step('edit the duration without saving and run: the run is of the editor text, marked unsaved', () =>
      runUnsavedEdit(page, openDir, (n) => shot(page, n)),
    );

    await step('broken scenario (keyboard): located errors, Enter on one jumps to the line', () => walk.brokenScenario());

    await step('save over a file changed on disk asks; a 1.2 MB paste is refused in the page', () =>
      saveConflictAndPaste(page, editFile, (n) => shot(page, n)),
    );

    const compareCtx = {
      page,
      artDir: ART,
      axeFindings,
      shot: (n: string) => shot(page, n),
      waitForPoints: (id: string, n: number) => waitForPoints(page, id, n),
    };
    await step('compare two variants (keyboard; focus kept when Run compare disables itself), axe in light and dark', () =>
      compareTwoVariants(compareCtx),
    );

    await step(
      `compare rerun with ${BAND_REPEATS} repeats: each variant a band, drawn at the compare document's mean ± sample stddev`,
      async () => {
        await rerunWithRepeats(page);
        console.log(`    ${await bandsMatchDocument(page)}`);
        await readmeCompareView(page, root);
      },
    );

    await step(
      '1024×700: run and compare views without sideways scrolling; charts, legends and tables fit or scroll in their box',
      async () => {
        console.log(`    ${await narrowViews(page, ART)}`);
      },
    );

    await step('visible focus on every Tab stop of the compare view', async () => {
      console.log(`    ${await walk.focusRings()} Tab stops, each with a focus ring`);
    });

    await step('overlay finished runs of any scenario; two of them as a difference table (A, B, Δ, Δ%)', async () => {
      await page.click('[data-testid=compare-mode-runs]');
      const boxes = page.locator('[data-testid=run-picker] input[type=checkbox]');
      assert.ok((await boxes.count()) >= 2, 'at least two finished runs to overlay');
      await boxes.nth(0).check();
      await boxes.nth(1).check();
      await page.waitForSelector('[data-testid=compare-chart-gbps] canvas', { timeout: 10_000 });
      await shot(page, '10-overlay-runs');
      console.log(`    ${await runDiffMatchesDocuments(page, (n) => shot(page, n))}`);
    });

    await step('a sweep with its knee: the shipped dma-buf size sweep at 200 Gbit/s', async () => {
      console.log(`    ${await sweepWithKnee(page, (n) => shot(page, n))}`);
    });

    await step('the knee threshold typed in the sweep view moves the knee where the shared rule puts it', async () => {
      console.log(`    ${await kneeThresholdMoves(page, 'nic/eth0/gbps')}`);
    });

    await step('follows the OS dark setting', async () => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.click('[data-testid=tab-run]');
      await page.waitForTimeout(600);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(bg, 'rgb(13, 17, 23)');
      await shot(page, '11-dark-run-view');
    });

    await step('200 % zoom (640×400): no view scrolls sideways, sidebar collapsed and open', () => walk.zoomedViews());

    console.log('axe findings (all impacts; serious and critical fail the test):');
    console.log(axeTable(axeFindings).replace(/^/gm, '  '));
    assert.deepEqual(pageErrors, [], `page errors: ${pageErrors.join('; ')}`);
    console.log('responsiveness:');
    for (const f of figures) console.log(`  ${f}`);
    console.log(
      `responsiveness (measured in this run): run view first drawn ${Math.round(firstDrawMs)} ms after Start; ` +
        `longest main-thread task while streaming ${Math.round(longest)} ms (${longCount} long tasks over 50 ms, PerformanceObserver 'longtask')`,
    );
  } finally {
    await context.close();
    proc.kill('SIGTERM');
    rmSync(userDataDir, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  }
}

// The closing line in the form CI reads: steps passed, steps failed (a failure ends the run).
main().then(
  () => {
    console.log(`e2e: ${stepsPassed} passed, 0 failed`);
    process.exit(0);
  },
  (e: unknown) => {
    console.error('e2e FAILED:', e instanceof Error ? (e.stack ?? e.message) : e);
    console.log(`e2e: ${stepsPassed} passed, 1 failed`);
    process.exit(1);
  },
);
