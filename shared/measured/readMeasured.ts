// Reading a measured@1 document back (`cli run --measured`, report overlay): the format tag and the
// shape of each part, with the JSON path of the first thing wrong.
import { MEASURED_FORMAT, type MeasuredDocument } from '../doc/measuredDocument';

export class MeasuredDocumentError extends Error {}

const PARTS = ['sources', 'pools', 'devices', 'histograms', 'scalars', 'bench'] as const;

export function readMeasuredDocument(data: unknown, file: string): MeasuredDocument {
  const fail = (where: string, expected: string, found: unknown): never => {
    throw new MeasuredDocumentError(`${file}: ${where}: expected ${expected}, found ${JSON.stringify(found)?.slice(0, 60) ?? 'nothing'}`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return fail('(top level)', `an object with "format": "${MEASURED_FORMAT}"`, data);
  const d = data as Record<string, unknown>;
  if (d.format !== MEASURED_FORMAT) fail('format', `"${MEASURED_FORMAT}" (write one with \`cli import\`)`, d.format);
  for (const k of PARTS) if (!Array.isArray(d[k])) fail(k, 'an array', d[k]);
  (d.pools as unknown[]).forEach((p, i) => {
    const pool = p as Record<string, unknown> | null;
    if (typeof pool?.id !== 'number') fail(`pools[${i}].id`, 'a pool id (number)', pool?.id);
  });
  (d.devices as unknown[]).forEach((x, i) => {
    const dev = x as Record<string, unknown> | null;
    if (typeof dev?.device !== 'string') fail(`devices[${i}].device`, 'a device name', dev?.device);
    if (typeof dev?.stats !== 'object' || dev.stats === null) fail(`devices[${i}].stats`, 'an object of counters', dev?.stats);
  });
  if (d.rates !== null && (typeof d.rates !== 'object' || typeof (d.rates as { interval_s?: unknown }).interval_s !== 'number'))
    fail('rates', 'null or {interval_s, pools, devices}', d.rates);
  if (d.series !== null) {
    const s = d.series as { t_s?: unknown; columns?: unknown } | undefined;
    if (!Array.isArray(s?.t_s) || typeof s?.columns !== 'object' || s.columns === null)
      fail('series', 'null or {t_s: [...], columns: {...}}', d.series);
  }
  return data as MeasuredDocument;
}
