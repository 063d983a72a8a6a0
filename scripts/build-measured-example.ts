// `npm run docs:measured`: regenerate the measured-data examples: the published devmem TCP
// page-pool-get dump and mlx5 XDP_DROP `ethtool -S` (test/fixtures/measured/README.md says where it was published) imported and
// set beside the shipped scenario that models that setup, the shipped CPU profiles recalibrated from
// their published bench outputs, and the README block that shows both. Every number in that block
// comes from this script.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseScenario, formatScenarioError } from '../shared/sim/validate/parse';
import { runScenario } from '../shared/sim/engine/run';
import { exportReportFile } from '../electron/host/report/exporter';
import { importMeasured } from '../shared/measured/importMeasured';
import { computeOverlay, relError } from '../shared/measured/overlay';
import { parseBench } from '../shared/measured/bench';
import { calibrateProfile } from '../shared/sim/costs/calibrate';
import { relErrorText } from '../shared/report/model/measuredSection';
import { CPU_PROFILE_TABLE } from '../shared/sim/costs/costTable';
import { cpuProfileOf } from '../shared/sim/costs/cpuProfileOf';
import { CPU_PROFILES } from '../shared/scenario/schema';

const SCENARIO = 'scenarios/reference/gve-devmem-200g.yaml';
const DUMP = 'test/fixtures/measured/ynl-page-pool-get.devmem-2024.txt';
const MEASURED_OUT = 'docs/examples/gve-devmem-200g.measured.json';
const REPORT_OUT = 'docs/examples/gve-devmem-200g.measured.report.html';
// A published `ethtool -S` of single-core XDP_DROP on a ConnectX-6 Dx (one snapshot: compared as
// shares of allocations) and the scenario that models that setup.
const MLX5_SCENARIO = 'scenarios/measured/mlx5-cx6dx-xdp-drop.yaml';
const MLX5_ETHTOOL = 'test/fixtures/measured/ethtool-S.mlx5-cx6dx-xdp-2024.txt';
const MLX5_MEASURED_OUT = 'docs/examples/mlx5-cx6dx-xdp-drop.measured.json';
const MLX5_REPORT_OUT = 'docs/examples/mlx5-cx6dx-xdp-drop.measured.report.html';
/** The 6.5 XDP_DROP rate of the same message (lore:CAMENy5pb8ea+piKLg5q5yRTMZacQqYWAoVLE1FE9WhQPq92E0g@mail.gmail.com). */
const MLX5_PUBLISHED_MPPS = 19.9;
const START = '<!-- measured-example:start (npm run docs:measured writes this block) -->';
const END = '<!-- measured-example:end -->';

const pct = (v: number) => `${Number((v * 100).toPrecision(6))} %`;

async function runOf(at: (p: string) => string, file: string) {
  const yaml = await readFile(at(file), 'utf8');
  const parsed = parseScenario(yaml);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => formatScenarioError(e, file)).join('\n'));
  const doc = runScenario(parsed.scenario, {
    now: () => performance.now(),
    startedAt: new Date().toISOString(),
    nodeName: `${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
  });
  return { yaml, doc };
}

async function mlx5Example(at: (p: string) => string): Promise<{ lines: string[]; summary: string }> {
  const measured = importMeasured([{ path: MLX5_ETHTOOL, text: await readFile(at(MLX5_ETHTOOL), 'utf8'), device: 'eth0' }]);
  await writeFile(at(MLX5_MEASURED_OUT), `${JSON.stringify(measured, null, 1)}\n`);
  const { yaml, doc } = await runOf(at, MLX5_SCENARIO);
  await exportReportFile(doc, 'html', at(MLX5_REPORT_OUT), { scenarioYaml: yaml, scenarioPath: MLX5_SCENARIO, measured });
  const overlay = computeOverlay(doc, measured);
  if (!overlay || overlay.basis !== 'share_of_allocations') throw new Error('the ethtool -S snapshot gave no share-of-allocations rows');
  const mpps = doc.nics[0].rx.packets / (doc.duration_ns / 1e9) / 1e6;
  const lines: string[] = [
    '',
    '```',
    `npm run cli -- import ${MLX5_ETHTOOL} --device eth0 --out measured.json`,
    `npm run cli -- run ${MLX5_SCENARIO} --measured measured.json`,
    '```',
    '',
  ];
  lines.push('A published `ethtool -S` of single-core XDP_DROP on a 100G ConnectX-6 Dx (kernel 6.5, one 64-byte');
  lines.push('UDP flow; the counters of one boot, over its DROP and TX runs) beside the model of that setup');
  lines.push(`(${doc.duration_ns / 1e6} ms simulated, seed ${doc.seed}). One snapshot, so each counter is compared as its share of`);
  lines.push('allocations; the device totals the author printed (counters that were zero left out):', '');
  lines.push('| counter (share of allocations) | model | measured | relative error |', '|---|---:|---:|---:|');
  for (const r of overlay.rows) lines.push(`| \`${r.counter}\` | ${pct(r.model)} | ${pct(r.measured)} | ${relErrorText(r.rel_error)} |`);
  lines.push(
    `| XDP_DROP Mpps (model CPU: E5-1650 v4 @ 3.6 GHz; measured: Silver 4314 @ 2.4 GHz) | ${mpps.toFixed(2)} | ${MLX5_PUBLISHED_MPPS} | ${relErrorText(relError(mpps, MLX5_PUBLISHED_MPPS))} |`,
  );
  // When the model's last slow-path allocation happened: the end of the last sample interval with one.
  let lastSlowNs = 0;
  for (const [k, col] of Object.entries(doc.series.columns)) {
    if (!/^pool\/[^/]+\/alloc_slow$/.test(k)) continue;
    col.forEach((v, i) => {
      if (v > 0) lastSlowNs = Math.max(lastSlowNs, doc.series.t_ns[i]);
    });
  }
  lines.push('', `The slow-path share is a start-up effect: the model's slow allocations all fall within its first ${lastSlowNs / 1e6} ms`);
  lines.push(
    `(${doc.pools.reduce((a, p) => a + p.stats.alloc_slow, 0)} in ${doc.duration_ns / 1e6} ms: filling the ring; the published boot counted ${measured.devices[0].stats.alloc_slow ?? 0} over its whole uptime), so`,
  );
  lines.push('its share shrinks with the simulated duration.', '');
  lines.push(`Report: [\`${MLX5_REPORT_OUT}\`](${MLX5_REPORT_OUT}); the imported file: [\`${MLX5_MEASURED_OUT}\`](${MLX5_MEASURED_OUT}).`);
  return {
    lines,
    summary: `${overlay.rows.map((r) => `${r.counter} ${relErrorText(r.rel_error)}`).join(', ')}, Mpps ${relErrorText(relError(mpps, MLX5_PUBLISHED_MPPS))}`,
  };
}

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const at = (p: string) => path.join(root, p);
  const measured = importMeasured([{ path: DUMP, text: await readFile(at(DUMP), 'utf8') }]);
  await mkdir(path.dirname(at(MEASURED_OUT)), { recursive: true });
  await writeFile(at(MEASURED_OUT), `${JSON.stringify(measured, null, 1)}\n`);

  const { yaml, doc } = await runOf(at, SCENARIO);
  await exportReportFile(doc, 'html', at(REPORT_OUT), { scenarioYaml: yaml, scenarioPath: SCENARIO, measured });
  const overlay = computeOverlay(doc, measured);
  if (!overlay) throw new Error('no overlay rows');
  const dmabufPools = doc.pools.filter((p) => p.provider === 'dmabuf');

  const lines: string[] = [
    START,
    '',
    '```',
    `npm run cli -- import ${DUMP} --out measured.json`,
    `npm run cli -- run ${SCENARIO} --measured measured.json`,
    `npm run cli -- report ${SCENARIO} --measured measured.json --format html --out report.html`,
    '```',
    '',
  ];
  lines.push(`The published \`page-pool-get\` dump of a devmem TCP host (8 pools bound to dma-buf 10) beside the`);
  lines.push(`model of that setup (${dmabufPools.length} dma-buf pools, ${doc.duration_ns / 1e6} ms simulated, seed ${doc.seed}):`, '');
  lines.push('| figure | model | measured | relative error |', '|---|---:|---:|---:|');
  for (const r of overlay.rows) lines.push(`| \`${r.counter}\` | ${r.model} | ${r.measured} | ${relErrorText(r.rel_error)} |`);
  lines.push(
    '',
    `Report with the measured section: [\`${REPORT_OUT}\`](${REPORT_OUT}); the imported file: [\`${MEASURED_OUT}\`](${MEASURED_OUT}).`,
  );
  const mlx5 = await mlx5Example(at);
  lines.push(...mlx5.lines, '');
  lines.push('The shipped CPU profiles recalibrated (`cli calibrate`) from their published `bench_page_pool_simple` outputs:', '');
  lines.push('| profile | GHz shipped → calibrated | fast | ptr_ring | slow (shipped → calibrated) |', '|---|---:|---:|---:|---:|');
  for (const name of CPU_PROFILES) {
    const p = calibrateProfile(parseBench(await readFile(at(`test/fixtures/measured/bench.${name}.txt`), 'utf8'), name), name, 'published');
    const c = cpuProfileOf({ profile: 'xeon-e5-1650-v4', cores: 1, profile_data: p });
    const s = CPU_PROFILE_TABLE[name];
    const est = (f: 'ptr_ring' | 'slow') => (p.estimated?.includes(f) ? ' (est.)' : '');
    lines.push(
      `| ${name} | ${s.ghz.toFixed(4)} → ${c.ghz.toFixed(4)} | ${s.fast} → ${c.fast} | ${s.ptrRing} → ${c.ptrRing}${est('ptr_ring')} | ${s.slow} → ${c.slow}${est('slow')} |`,
    );
  }
  lines.push('', END);

  const readme = await readFile(at('README.md'), 'utf8');
  const i = readme.indexOf(START);
  const j = readme.indexOf(END);
  if (i < 0 || j < i) throw new Error(`README.md has no ${START} … ${END} block`);
  await writeFile(at('README.md'), `${readme.slice(0, i)}${lines.join('\n')}${readme.slice(j + END.length)}`);
  process.stdout.write(
    `${REPORT_OUT}, ${MEASURED_OUT}, README.md: ${overlay.rows.map((r) => `${r.counter} ${relErrorText(r.rel_error)}`).join(', ')}; ${MLX5_REPORT_OUT}: ${mlx5.summary}\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`docs:measured: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
