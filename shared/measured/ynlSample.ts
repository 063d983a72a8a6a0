// The output of the ynl page-pool sample (tools/net/ynl/samples/page-pool.c): per netdev, its
// page pools (live and zombies, i.e. detached with pages still in flight), the in-flight pages
// and bytes of page-pool-get summed over them, and four page-pool-stats-get counters summed over
// them, printed as `alloc: <alloc_slow>:<alloc_fast> recycle: <recycle_ring>:<recycle_cached>`:
//
//     eth0[2]	page pools: 10 (zombies: 0)
//     		refs: 41984 bytes: 171966464 (refs: 0 bytes: 0)
//     		recycling: 90.3% (alloc: 656:397681 recycle: 89652:270201)
//
// Pools with no netdev print as `<orphan>`. Each netdev becomes a device with those four
// counters; the rest goes under `other` (page_pools, zombies, inflight, inflight_mem,
// zombie_inflight, zombie_inflight_mem, ifindex). A bare number line before a block is its time.
import { MeasuredParseError, numberedLines } from './located';
import type { MeasuredDevice, Snapshot } from '../doc/measuredDocument';

export const YNL_SAMPLE = /page pools: \d+ \(zombies: \d+\)/;

const HEAD = /^\s*(?:(\S+)\[(\d+)\]|<orphan>)\s+page pools: (\d+) \(zombies: (\d+)\)\s*$/;
const REFS = /^\s*refs: (\d+) bytes: (\d+) \(refs: (\d+) bytes: (\d+)\)\s*$/;
const RECYCLING = /^\s*recycling: (?:[\d.]+|-?nan|inf)%? \(alloc: (\d+):(\d+) recycle: (\d+):(\d+)\)\s*$/;

export function parseYnlSample(text: string, file: string): Snapshot[] {
  const snaps: Snapshot[] = [];
  let t: number | null = null;
  let tPending = false;
  let snap: Snapshot | null = null;
  let dev: MeasuredDevice | null = null;
  let expect: 'head' | 'refs' | 'recycling' = 'head';
  const fail = (n: number, line: string, what: string): never => {
    throw new MeasuredParseError(
      file,
      { line: n, column: (/\S/.exec(line)?.index ?? 0) + 1 },
      what,
      JSON.stringify(line.trim().slice(0, 40)),
    );
  };
  const num = (n: number, line: string, s: string): number => {
    const v = Number(s);
    if (!Number.isSafeInteger(v)) fail(n, line, 'a counter below 2^53');
    return v;
  };
  for (const { n, text: line } of numberedLines(text)) {
    if (/^\s*$/.test(line)) continue;
    if (expect === 'head') {
      const ts = /^\s*(\d+(?:\.\d+)?)\s*$/.exec(line);
      if (ts) {
        t = Number(ts[1]);
        tPending = true;
        continue;
      }
      if (/^\s*\$ /.test(line)) continue; // the command line as typed (`$ ./page-pool`)
      const m = HEAD.exec(line);
      if (!m) fail(n, line, "'<dev>[<ifindex>]  page pools: N (zombies: N)', '<orphan>  page pools: …' or a timestamp line");
      const device = m![1] ?? '<orphan>';
      if (!snap || tPending || snap.devices.some((d) => d.device === device)) {
        snap = { stream: 'ynl-page-pool-sample', t, pools: [], devices: [] };
        snaps.push(snap);
        tPending = false;
      }
      dev = {
        device,
        stats: {},
        queues: [],
        other: {
          page_pools: num(n, line, m![3]),
          zombies: num(n, line, m![4]),
          ...(m![2] !== undefined ? { ifindex: num(n, line, m![2]) } : {}),
        },
      };
      snap.devices.push(dev);
      expect = 'refs';
    } else if (expect === 'refs') {
      const m = REFS.exec(line);
      if (!m) fail(n, line, "'refs: N bytes: N (refs: N bytes: N)'");
      Object.assign(dev!.other, {
        inflight: num(n, line, m![1]),
        inflight_mem: num(n, line, m![2]),
        zombie_inflight: num(n, line, m![3]),
        zombie_inflight_mem: num(n, line, m![4]),
      });
      expect = 'recycling';
    } else {
      const m = RECYCLING.exec(line);
      if (!m) fail(n, line, "'recycling: P% (alloc: <slow>:<fast> recycle: <ring>:<cached>)'");
      dev!.stats = {
        alloc_slow: num(n, line, m![1]),
        alloc_fast: num(n, line, m![2]),
        recycle_ring: num(n, line, m![3]),
        recycle_cached: num(n, line, m![4]),
      };
      expect = 'head';
    }
  }
  if (expect !== 'head')
    throw new MeasuredParseError(
      file,
      { line: numberedLines(text).length, column: 1 },
      expect === 'refs' ? "the 'refs:' line of the last netdev" : "the 'recycling:' line of the last netdev",
      'end of file',
    );
  if (snaps.length === 0)
    throw new MeasuredParseError(file, { line: 1, column: 1 }, 'the ynl page-pool sample output (<dev>[<ifindex>]  page pools: …)', 'none');
  return snaps;
}
