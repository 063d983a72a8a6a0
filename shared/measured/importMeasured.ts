// Files → one measured document. Pure: the CLI reads the files, the renderer may pass text it has.
import { parseBench } from './bench';
import { parseBpftrace } from './bpftrace';
import { combineSnapshots } from './combine';
import { detectKind } from './detect';
import { parseEthtool } from './ethtool';
import { parseProm } from './prom';
import { MeasuredParseError } from './located';
import { emptyMeasured, type MeasuredDocument, type MeasuredKind, type Snapshot } from '../doc/measuredDocument';
import { parseYnl } from './ynl';
import { parseYnlSample, YNL_SAMPLE } from './ynlSample';

export interface MeasuredInputFile {
  /** as shown in messages and recorded in `sources` */
  path: string;
  text: string;
  /** importer; detected from the content when absent */
  kind?: MeasuredKind;
  /** device name for ethtool output that does not name one */
  device?: string;
}

export interface ImportOptions {
  /** seconds between consecutive snapshots that carry no timestamp */
  intervalS?: number;
}

export function importMeasured(files: MeasuredInputFile[], o: ImportOptions = {}): MeasuredDocument {
  const doc = emptyMeasured();
  const snaps: Snapshot[] = [];
  for (const f of files) {
    const kind = f.kind ?? detectKind(f.text);
    if (!kind)
      throw new MeasuredParseError(
        f.path,
        { line: 1, column: 1 },
        'ynl, ethtool -S, bpftrace -f json, bench_page_pool or Prometheus text output (or give --as)',
        'none of these',
      );
    let count = 1;
    switch (kind) {
      case 'ynl': {
        const s = YNL_SAMPLE.test(f.text) ? parseYnlSample(f.text, f.path) : parseYnl(f.text, f.path);
        snaps.push(...s);
        count = s.length;
        break;
      }
      case 'ethtool': {
        const s = parseEthtool(f.text, f.path, f.device ?? 'eth0');
        snaps.push(...s);
        count = s.length;
        break;
      }
      case 'bpftrace': {
        const r = parseBpftrace(f.text, f.path);
        doc.histograms.push(...r.histograms);
        doc.scalars.push(...r.scalars);
        break;
      }
      case 'bench':
        doc.bench.push(...parseBench(f.text, f.path));
        break;
      case 'prom': {
        const s = parseProm(f.text, f.path);
        snaps.push(...s);
        break;
      }
    }
    doc.sources.push({ path: f.path, kind, snapshots: count });
  }
  const c = combineSnapshots(snaps, o.intervalS ?? null);
  doc.pools = c.pools;
  doc.devices = c.devices;
  doc.rates = c.rates;
  doc.series = c.series;
  return doc;
}
