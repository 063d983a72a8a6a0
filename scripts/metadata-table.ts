// The per-buffer metadata of every shipped scenario, as a markdown table (docs/model/metadata.md):
//   npx tsx scripts/metadata-table.ts                          # print
//   npx tsx scripts/metadata-table.ts --write docs/model/metadata.md   # replace the generated block
// Each run's figures are the ones every view shows (shared/doc/derived/metadataFigures.ts).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { runScenario } from '../shared/sim/engine/run';
import { nicMetadataFigures } from '../shared/doc/derived/metadataFigures';
import { METADATA_LAYOUTS } from '../shared/doc/runDocument';
import { bytesCell } from '../shared/report/model/cells';
import { shippedRuns } from './shippedScenarios';

const BEGIN = '<!-- metadata-table:begin (scripts/metadata-table.ts) -->';
const END = '<!-- metadata-table:end -->';

function table(): string {
  const head = [
    'scenario',
    'NIC',
    'driver / variant',
    'pool pages at peak',
    'net_iovs at peak',
    'driver pages at peak',
    "pools' peak_inflight (sum)",
    '4 KiB descriptors at peak',
    'struct page',
    'netmem_desc',
    'memdesc',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 3 ? '---' : '---:')).join('|')}|`];
  for (const { name, scenario } of shippedRuns()) {
    const doc = runScenario(scenario);
    for (const nic of doc.nics) {
      const f = nicMetadataFigures(nic);
      if (!f) throw new Error(`${name}: ${nic.name} has no metadata`);
      const mode = typeof nic.driver_info.mode === 'string' ? ` (${nic.driver_info.mode})` : '';
      const poolPeaks = doc.pools.filter((p) => p.nic === nic.name).reduce((a, p) => a + p.peak_inflight, 0);
      lines.push(
        `| ${name} | ${nic.name} | ${nic.driver} / ${nic.variant}${mode} | ${f.poolPages} | ${f.netIovs} | ${f.driverPages} | ${poolPeaks} | ${f.descriptors} | ` +
          `${METADATA_LAYOUTS.map((l) => bytesCell(f.bytes[l]).text).join(' | ')} |`,
      );
    }
  }
  return lines.join('\n');
}

function main(): void {
  const i = process.argv.indexOf('--write');
  const out = table();
  if (i < 0) {
    process.stdout.write(`${out}\n`);
    return;
  }
  const file = process.argv[i + 1];
  if (!file) throw new Error('--write needs a file');
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file}: no ${BEGIN} … ${END} block`);
  const next = `${text.slice(0, a + BEGIN.length)}\n${out}\n${text.slice(b)}`;
  writeFileSync(`${file}.tmp`, next);
  renameSync(`${file}.tmp`, file);
  process.stdout.write(`${file}: ${out.split('\n').length - 2} rows\n`);
}

main();
