// `npm run docs:measured`: regenerate the measured-data example: the published devmem TCP
// page-pool-get dump (test/fixtures/measured/README.md says where it was published) imported and
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
import { computeOverlay } from '../shared/measured/overlay';
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
const START = '<!-- measured-example:start (npm run docs:measured writes this block) -->';
const END = '<!-- measured-example:end -->';

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const at = (p: string) => path.join(root, p);
  const measured = importMeasured([{ path: DUMP, text: await readFile(at(DUMP), 'utf8') }]);
  await mkdir(path.dirname(at(MEASURED_OUT)), { recursive: true });
  await writeFile(at(MEASURED_OUT), `${JSON.stringify(measured, null, 1)}\n`);

  const yaml = await readFile(at(SCENARIO), 'utf8');
  const parsed = parseScenario(yaml);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => formatScenarioError(e, SCENARIO)).join('\n'));
  const doc = runScenario(parsed.scenario, { now: () => performance.now(), startedAt: new Date().toISOString(), nodeName: `${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}` });
  await exportReportFile(doc, 'html', at(REPORT_OUT), { scenarioYaml: yaml, scenarioPath: SCENARIO, measured });
  const overlay = computeOverlay(doc, measured);
  if (!overlay) throw new Error('no overlay rows');
  const dmabufPools = doc.pools.filter((p) => p.provider === 'dmabuf');

  const lines: string[] = [START, '', '```', `npm run cli -- import ${DUMP} --out measured.json`, `npm run cli -- run ${SCENARIO} --measured measured.json`, `npm run cli -- report ${SCENARIO} --measured measured.json --format html --out report.html`, '```', ''];
  lines.push(`The published \`page-pool-get\` dump of a devmem TCP host (8 pools bound to dma-buf 10) beside the`);
  lines.push(`model of that setup (${dmabufPools.length} dma-buf pools, ${doc.duration_ns / 1e6} ms simulated, seed ${doc.seed}):`, '');
  lines.push('| figure | model | measured | relative error |', '|---|---:|---:|---:|');
  for (const r of overlay.rows) lines.push(`| \`${r.counter}\` | ${r.model} | ${r.measured} | ${relErrorText(r.rel_error)} |`);
  lines.push('', `Report with the measured section: [\`${REPORT_OUT}\`](${REPORT_OUT}); the imported file: [\`${MEASURED_OUT}\`](${MEASURED_OUT}).`, '');
  lines.push('The shipped CPU profiles recalibrated (`cli calibrate`) from their published `bench_page_pool_simple` outputs:', '');
  lines.push('| profile | GHz shipped → calibrated | fast | ptr_ring | slow (shipped → calibrated) |', '|---|---:|---:|---:|---:|');
  for (const name of CPU_PROFILES) {
    const p = calibrateProfile(parseBench(await readFile(at(`test/fixtures/measured/bench.${name}.txt`), 'utf8'), name), name, 'published');
    const c = cpuProfileOf({ profile: 'xeon-e5-1650-v4', cores: 1, profile_data: p });
    const s = CPU_PROFILE_TABLE[name];
    const est = (f: 'ptr_ring' | 'slow') => (p.estimated?.includes(f) ? ' (est.)' : '');
    lines.push(`| ${name} | ${s.ghz.toFixed(4)} → ${c.ghz.toFixed(4)} | ${s.fast} → ${c.fast} | ${s.ptrRing} → ${c.ptrRing}${est('ptr_ring')} | ${s.slow} → ${c.slow}${est('slow')} |`);
  }
  lines.push('', END);

  const readme = await readFile(at('README.md'), 'utf8');
  const i = readme.indexOf(START);
  const j = readme.indexOf(END);
  if (i < 0 || j < i) throw new Error(`README.md has no ${START} … ${END} block`);
  await writeFile(at('README.md'), `${readme.slice(0, i)}${lines.join('\n')}${readme.slice(j + END.length)}`);
  process.stdout.write(`${REPORT_OUT}, ${MEASURED_OUT}, README.md: ${overlay.rows.map((r) => `${r.counter} ${relErrorText(r.rel_error)}`).join(', ')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`docs:measured: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
