// bench_page_pool_simple / test_bench_page_pool.sh output: time_bench result lines
// "Type:<name> Per elem: <C> cycles(tsc) <ns> ns (step:<s>) - (measurement period time:… sec
// time_interval:<ns>) - (invoke count:<n> tsc_interval:<cycles>)" (time_bench.c
// time_bench_loop's pr_info, tools/testing/selftests/net/bench/page_pool/), with or without the
// dmesg timestamp and module prefix, and the script's summary lines without "Type:"
// ("no-softirq-page_pool01 Per elem: 11 cycles(tsc) 4.177 ns"). A line mentioning "Per elem:"
// that does not parse is a located error. A result wrapped by a mail client (the line ends before
// "ns" or before the intervals) is read together with the line after it.
import { MeasuredParseError, numberedLines } from './located';
import type { BenchResult } from '../doc/measuredDocument';

const RESULT = /(?:Type:)?([A-Za-z0-9_-]+)\s+Per elem:\s+(\d+)\s+cycles\(tsc\)\s+(\d+(?:\.\d+)?)\s+ns\b/;
const INTERVAL = /time_interval:(\d+)\)/;
const INVOKE = /invoke count:(\d+)\s+tsc_interval:(\d+)\)/;

export function parseBench(text: string, file: string): BenchResult[] {
  const out: BenchResult[] = [];
  const lines = numberedLines(text);
  for (let li = 0; li < lines.length; li++) {
    const { n, text: own } = lines[li];
    const at = own.indexOf('Per elem:');
    if (at < 0) continue;
    const next = lines[li + 1]?.text ?? '';
    const wrapped = !/tsc_interval:\d+\)/.test(own) && /\S/.test(next) && !next.includes('Per elem:') && !/^\s*\[/.test(next);
    const line = wrapped ? `${own} ${next.trim()}` : own;
    const m = RESULT.exec(line);
    if (!m) {
      throw new MeasuredParseError(
        file,
        { line: n, column: at + 1 },
        "'<test> Per elem: <N> cycles(tsc) <X> ns'",
        JSON.stringify(line.slice(Math.max(0, at - 20), at + 40)),
      );
    }
    const r: BenchResult = { test: m[1], cycles: Number(m[2]), ns: Number(m[3]) };
    const iv = INTERVAL.exec(line);
    const inv = INVOKE.exec(line);
    if (iv) r.time_interval_ns = Number(iv[1]);
    if (inv) {
      r.invoke_count = Number(inv[1]);
      r.tsc_interval = Number(inv[2]);
    }
    // The summary block of test_bench_page_pool.sh repeats the dmesg lines it greps: keep the first.
    const same = out.find((x) => x.test === r.test);
    if (same) {
      if (same.cycles !== r.cycles || same.ns !== r.ns) {
        throw new MeasuredParseError(
          file,
          { line: n, column: at + 1 },
          `one result per test (${r.test} was ${same.cycles} cycles ${same.ns} ns)`,
          `${r.cycles} cycles ${r.ns} ns`,
        );
      }
      continue;
    }
    out.push(r);
  }
  if (out.length === 0)
    throw new MeasuredParseError(file, { line: 1, column: 1 }, "bench_page_pool result lines ('… Per elem: N cycles(tsc) X ns')", 'none');
  return out;
}
