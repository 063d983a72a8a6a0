// `npm run docs:report`: regenerate the example report under docs/ from a shipped scenario,
// as a user would get it from `npm run cli -- run <scenario> --sensitivity --json run.json`
// then `npm run cli -- report run.json --format html`.
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseScenario, formatScenarioError } from '../shared/sim/validate/parse';
import { runWithSensitivity } from '../shared/sensitivity/runSensitivity';
import { exportReportFile } from '../electron/host/report/exporter';
import { SHIPPED_REPORT_SCENARIO } from './docsReportScenario';

const OUT = 'docs/examples/gve-devmem-200g.report.html';

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const yaml = await readFile(path.join(root, SHIPPED_REPORT_SCENARIO), 'utf8');
  const parsed = parseScenario(yaml);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => formatScenarioError(e, SHIPPED_REPORT_SCENARIO)).join('\n'));
  const t0 = performance.now();
  // with the sensitivity set, so the example shows how far the estimated costs move each figure
  const doc = runWithSensitivity(parsed.scenario, {
    run: {
      now: () => performance.now(),
      startedAt: new Date().toISOString(),
      nodeName: `${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
    },
  });
  await exportReportFile(doc, 'html', path.join(root, OUT), { scenarioYaml: yaml, scenarioPath: SHIPPED_REPORT_SCENARIO });
  process.stdout.write(
    `${OUT}: ${doc.scenario.name}, ${doc.nics.map((n) => `${n.name} ${n.rx.gbps.toFixed(1)} Gbit/s`).join(', ')} (${Math.round(performance.now() - t0)} ms)\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`docs:report: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
