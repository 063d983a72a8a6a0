// --measured FILE for run and report: read a measured@1 document (written by `cli import`), and
// the overlay table printed after a run's summary.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MeasuredDocumentError, readMeasuredDocument } from '../../shared/measured/readMeasured';
import type { MeasuredDocument } from '../../shared/doc/measuredDocument';
import type { Overlay } from '../../shared/measured/overlay';
import { relErrorText } from '../../shared/report/model/measuredSection';
import { InputError } from './command';
import { renderTable } from './table';

export async function readMeasuredFile(file: string, cwd: string): Promise<MeasuredDocument> {
  let data: unknown;
  try {
    data = JSON.parse(await fs.readFile(path.resolve(cwd, file), 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such file' : code ? `cannot read (${code})` : `not valid JSON: ${(e as Error).message}`}`);
  }
  try { return readMeasuredDocument(data, file); } catch (e) {
    if (e instanceof MeasuredDocumentError) throw new InputError(e.message);
    throw e;
  }
}

function num(v: number, share: boolean): string {
  if (share) return `${(v * 100).toPrecision(4)} %`;
  return Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : String(Number(v.toPrecision(6)));
}

export function formatOverlay(o: Overlay | null, measuredFile: string): string {
  if (!o) return `measured (${measuredFile}): no page_pool counters or in-flight figures to compare\n`;
  const share = o.basis === 'share_of_allocations';
  const rows = o.rows.map((r) => [r.counter, num(r.model, share && !r.counter.startsWith('inflight')), num(r.measured, share && !r.counter.startsWith('inflight')), relErrorText(r.rel_error)]);
  const basis = o.basis === 'per_s' ? 'counters per second; ' : share ? 'counters as a share of allocations; ' : '';
  return `\nmodel beside measured (${basis}in-flight in buffers; ${o.measured_from}; ${measuredFile})\n${renderTable(
    [{ header: 'counter' }, { header: 'model', align: 'right' }, { header: 'measured', align: 'right' }, { header: 'rel. error', align: 'right' }], rows, '  ')}\n`;
}
