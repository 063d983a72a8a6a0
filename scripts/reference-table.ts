// Regenerate the reference table in README.md and docs/model/costs.md:
//   npx tsx scripts/reference-table.ts [--entries-only]
// Runs every reference figure, then its sensitivity set (a few minutes on a small machine).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../electron/host/atomicWrite';
import { REFERENCE_FIGURES } from '../test/reference/figures';
import { measureRow, renderRows, replaceBlock } from './referenceTable';
import { replaceEntriesBlock } from './costEntriesDoc';

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const costsDoc = path.join(root, 'docs/model/costs.md');
  await writeFileAtomic(costsDoc, replaceEntriesBlock(readFileSync(costsDoc, 'utf8')));
  if (process.argv.includes('--entries-only')) return;
  const rows = REFERENCE_FIGURES.map((ref) => {
    process.stderr.write(`${ref.id}: `);
    const row = measureRow(ref, (done, total) => {
      if (done === total) process.stderr.write(`${total} sensitivity runs\n`);
    });
    if (row.moved === 0) process.stderr.write('no estimate used\n');
    return row;
  });
  const block = renderRows(rows);
  for (const file of ['README.md', 'docs/model/costs.md']) {
    const p = path.join(root, file);
    await writeFileAtomic(p, replaceBlock(readFileSync(p, 'utf8'), block));
    process.stderr.write(`updated ${file}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
