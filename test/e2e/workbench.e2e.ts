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
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium, type Page } from 'playwright-core';
import { settleLoad, startCpuShare, type CpuShare } from './cpuShare';
import { axeTable, type AxeFinding } from './axe';
import { focused, isFocused, tabUntil } from './keyboard';
import { keyboardWalk, NORMAL } from './keyboardWalk';
import { saveConflictAndPaste, sensitivityRun } from './extraSteps';
import { measuredUpload } from './measuredStep';
import { numbersMatchDocument } from './numbersStep';
import { filesFromAnywhere, linkedCharts, runUnsavedEdit } from './uxSteps';
import { runDiffMatchesDocuments, sweepWithKnee } from './sweepStep';
import { brushRange } from './rangeStep';
import { kneeThresholdMoves } from './kneeStep';
import { readmeCompareView, readmeRunView } from './readmeShots';
import { bandsMatchDocument, BAND_REPEATS, compareTwoVariants, rerunWithRepeats } from './compareStep';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ART = path.join(root, 'test-artifacts/e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const FIRST_DRAW_LIMIT_MS = 1000;
const LONGTASK_LIMIT_MS = 100;
/**
 * Wall-clock limits are asserted unless other processes took more than this share of the
 * machine's cores while the figure was measured (CPU time from /proc, see cpuShare.ts): only a
 * genuinely oversubscribed machine is excused. The test itself keeps one core busy (the
 * simulation worker) and needs most of another (renderer, browser, host), so on two cores others
 * taking 0.8 of a core already leave runnable threads waiting; a quiet machine shows ~0.
 */
const OVERSUBSCRIBED_SHARE = 0.4;
/**
 * Also excused: other processes took over SATURATED_OTHERS of the cores and, with this test's own
 * use, kept the machine over SATURATED_BUSY busy, i.e. runnable threads were waiting for a core.
 * A quiet machine (others ≈ 0) is never excused.
 */
const SATURATED_OTHERS = 0.25;
const SATURATED_BUSY = 0.95;
/** before measuring, wait up to this long for the 1-minute load average to fall to 1 per core */
const SETTLE_MS = 10_000;
/** the measured run: several seconds of 1 ms samples streaming */
const STREAM_SCENARIO = 'e2e long stream';
const STREAM_SAMPLES = 600;

/** "NOT ASSERTED: …" when other processes took over OVERSUBSCRIBED_SHARE of the cores, else null. */
function excuse(share: CpuShare): string | null {
  const cores = os.availableParallelism();
  if (share.others > OVERSUBSCRIBED_SHARE * cores) {
    return `NOT ASSERTED: other processes used ${share.others.toFixed(2)} of ${cores} cores while measuring (over ${OVERSUBSCRIBED_SHARE * 100} %)`;
  }
  if (share.others > SATURATED_OTHERS * cores && share.others + share.ours > SATURATED_BUSY * cores) {
    return `NOT ASSERTED: other processes used ${share.others.toFixed(2)} of ${cores} cores and the machine was ${Math.round(((share.others + share.ours) / cores) * 100)} % busy while measuring`;
  }
  return null;
}

function cpuFigure(share: CpuShare): string {
  return `other processes used ${share.others.toFixed(2)} cores, this test ${share.ours.toFixed(2)}, over ${share.seconds.toFixed(1)} s; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`;
}

function startHost(stateDir: string, openDir: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'electron/host/web/serve.ts'), '--open', openDir, '--state-dir', stateDir, '--workers', '2'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not print its URL in 30 s:\n${out}`)), 30_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /web host: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1] });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code}:\n${out}`));
    });
  });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ART, `${name}.png`) });
}

/** Wait until the chart's ECharts model holds at least `n` points in its first series. */
async function waitForPoints(page: Page, testid: string, n: number): Promise<void> {
  await page.waitForFunction(
    ([id, min]) => Number(document.querySelector(`[data-testid=${id}]`)?.getAttribute('data-points') ?? 0) >= min,
    [testid, n] as const,
    { timeout: 30_000 },
  );
}

/**
 * E2E_PROFILE=1: record a CPU profile of the page (CDP Profiler) around the measured run, saved
 * as test-artifacts/e2e/streaming.cpuprofile (open it in Chromium's DevTools Performance panel).
 * Returns the function that stops and saves it.
 */
async function startProfile(page: Page): Promise<(() => Promise<void>) | null> {
  if (!process.env.E2E_PROFILE) return null;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(path.join(ART, 'streaming.cpuprofile'), JSON.stringify(profile));
    await cdp.detach();
  };
}

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
      assert.ok(await isFocused(page, editor));
      const waited = await settleLoad(1, SETTLE_MS);
      if (waited > 1000)
        console.log(`    waited ${(waited / 1000).toFixed(0)} s for the load average to settle (now ${os.loadavg()[0].toFixed(1)})`);
      const cpu = startCpuShare();
      await page.evaluate(() => {
        (window as unknown as { __longtasks: unknown[] }).__longtasks.length = 0;
      });
      const knownRuns = await page.evaluate(() => Object.keys((globalThis as { __wbDrawTimings?: object }).__wbDrawTimings ?? {}));
      const profiler = await startProfile(page);
      await page.keyboard.press('Control+Enter');
      await page.waitForSelector('[data-testid=chart-throughput] canvas', { timeout: 10_000 });
      const timing = await page.waitForFunction(
        (known) => {
          const t =
            (globalThis as { __wbDrawTimings?: Record<string, { clickedAt: number | null; firstDrawnAt: number }> }).__wbDrawTimings ?? {};
          const fresh = Object.keys(t).find((k) => !known.includes(k));
          return fresh ? t[fresh] : null;
        },
        knownRuns,
        { timeout: 10_000 },
      );
      const t = (await timing.jsonValue()) as { clickedAt: number; samplesAt: number; firstDrawnAt: number };
      firstDrawMs = t.firstDrawnAt - t.clickedAt;
      const arrivedMs = t.samplesAt - t.clickedAt;
      await shot(page, '3-run-streaming');
      await page.waitForSelector('[data-testid=run-state]:text("done")', { timeout: 120_000 });
      await profiler?.();
      const share = cpu();
      const lt = await page.evaluate(() => (window as unknown as { __longtasks: { start: number; duration: number }[] }).__longtasks);
      // Tasks that began before the first samples were drawn belong to starting up (view switch,
      // first chart); the rest ran while the run streamed (several seconds).
      const streaming = lt.filter((x) => x.start >= t.firstDrawnAt);
      // What ran in the longest tasks: the chart panels' performance.measure entries inside them.
      for (const x of [...lt].sort((a, b) => b.duration - a.duration).slice(0, 3)) {
        const inside = await page.evaluate(
          ([s, e]) =>
            performance
              .getEntriesByType('measure')
              .filter((m) => m.name.startsWith('chart ') && m.startTime >= s - 1 && m.startTime < e)
              .map((m) => `${m.name} ${Math.round(m.duration)} ms`),
          [x.start, x.start + x.duration] as const,
        );
        console.log(
          `    long task at +${Math.round(x.start - t.clickedAt)} ms, ${Math.round(x.duration)} ms: ${inside.join(', ') || 'no chart redraw in it'}`,
        );
      }
      const startup = lt.filter((x) => x.start < t.firstDrawnAt);
      longest = streaming.reduce((m, x) => Math.max(m, x.duration), 0);
      longCount = streaming.length;
      const startupLongest = startup.reduce((m, x) => Math.max(m, x.duration), 0);
      // 600 samples of 1 ms: the charts must end up holding every one of them.
      for (const c of ['chart-throughput', 'chart-recycle', 'chart-memory', 'chart-buffers']) await waitForPoints(page, c, STREAM_SAMPLES);
      await linkedCharts(page, ['chart-throughput', 'chart-recycle', 'chart-memory', 'chart-buffers']);
      await shot(page, '4-run-done');
      const measuredFrom = figures.length;
      figures.push(
        `first samples drawn ${Math.round(firstDrawMs)} ms after Start (limit ${FIRST_DRAW_LIMIT_MS} ms); they reached the page after ${Math.round(arrivedMs)} ms`,
      );
      figures.push(
        `main-thread long tasks (> 50 ms) while streaming: ${longCount}, longest ${Math.round(longest)} ms (limit ${LONGTASK_LIMIT_MS} ms); before the first draw: ${startup.length}, longest ${Math.round(startupLongest)} ms`,
      );
      figures.push(`while streaming: ${cpuFigure(share)}`);
      // Wall-clock limits only mean something on a machine that is not oversubscribed: when other
      // processes take the cores every task's wall time stretches. Then the figures are printed,
      // marked, and not asserted.
      const why = excuse(share);
      if (why) figures.push(`  ${why}`);
      for (const f of figures.slice(measuredFrom)) console.log(`    ${f}`);
      if (!why) {
        assert.ok(firstDrawMs < FIRST_DRAW_LIMIT_MS, `first samples drawn after ${firstDrawMs} ms`);
        assert.ok(longest <= LONGTASK_LIMIT_MS, `a main-thread task took ${longest} ms`);
      }
      const legend = await page.locator('[data-testid=chart-throughput]').innerText();
      assert.match(legend, /Throughput/);
      // Ctrl+Enter ran the file without editing it (CodeMirror's own Ctrl+Enter inserts a line)
      await page.keyboard.press('Control+1');
      assert.equal(await page.locator(editor).innerText(), walk.streamText());
      assert.equal(await page.locator('.dirty').count(), 0, 'the file is not marked unsaved');
      await page.keyboard.press('Control+2');
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
