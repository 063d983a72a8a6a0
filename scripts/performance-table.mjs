#!/usr/bin/env node
// Writes docs/performance.md from measurements: docs/performance/before.json (measured once on the
// commit it names, with scripts/perf/measure.mjs), docs/performance/after.json (this checkout,
// measured now), docs/performance/interleaved.json (the before commit and this checkout run alternately,
// scripts/perf/interleaved.mjs, now) and docs/performance/barrier.json (scripts/perf/barrier-bench.mjs, now).
// No number in the page is typed by hand.
//   npm run docs:performance [-- --render-only] [-- --durations 1s,10s,60s] [-- --pairs 7]
//   node scripts/performance-table.mjs --check   (renders without measuring or writing; exit 1 when the page and the JSON disagree)
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.join(ROOT, 'docs', 'performance');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
}

/** The engine before the hot-path work that instruction counts guided: the comparison point of the counts. */
const INSTRUCTIONS_BEFORE = '0adfdf094ead10ec59fa8c5f4d221872e35b8821';

if (!process.argv.includes('--render-only') && !process.argv.includes('--check')) {
  run(['scripts/perf/measure.mjs', '.', '--out', path.join(DIR, 'after.json'), '--durations', arg('--durations', '1s,10s,60s')]);
  run(['scripts/perf/barrier-bench.mjs', '--json', path.join(DIR, 'barrier.json')]);
  // instructions: the commit the previous measurement named stays the comparison point, unless one is given
  let instrBefore = arg('--instructions-before', undefined);
  if (!instrBefore) {
    try {
      instrBefore = JSON.parse(readFileSync(path.join(DIR, 'instructions.json'), 'utf8')).before.commit;
    } catch {
      instrBefore = INSTRUCTIONS_BEFORE;
    }
  }
  run(['scripts/perf/instructions.mjs', '--out', path.join(DIR, 'instructions.json'), '--before', instrBefore, '--functions']);
  run([
    'scripts/perf/interleaved.mjs',
    '--before',
    JSON.parse(readFileSync(path.join(DIR, 'before.json'), 'utf8')).commit,
    '--out',
    path.join(DIR, 'interleaved.json'),
    '--pairs',
    arg('--pairs', '7'),
  ]);
}

const load = (f) => JSON.parse(readFileSync(path.join(DIR, f), 'utf8'));
const before = load('before.json');
const after = load('after.json');
const barrier = load('barrier.json');
const inter = load('interleaved.json');
const instr = load('instructions.json');

const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);
const mib = (b) => (b === undefined ? '—' : `${(b / 2 ** 20).toFixed(0)} MiB`);
const pct = (x) => `${(x * 100).toFixed(1)} %`;
const short = (c) => c.slice(0, 10);

/** Instructions per packet of this checkout by stage, each with its heaviest functions. */
function renderStages(byFn) {
  out('| stage | instructions per packet | share | heaviest functions (instructions per packet) |');
  out('|---|---:|---:|---|');
  for (const [stage, n] of Object.entries(byFn.stages)) {
    const top = byFn.functions
      .filter((f) => f.stage === stage)
      .slice(0, 3)
      .map((f) => `${f.fn}${f.src ? ` (${f.src})` : ''} ${f.instructions_per_packet.toFixed(1)}`)
      .join('; ');
    out(`| ${stage} | ${n.toFixed(1)} | ${pct(n / byFn.instructions_per_packet)} | ${top} |`);
  }
  out();
}

/** The by-function counts of the bench and of the per-frame scenario (scripts/perf/functionProfile.mjs). */
function renderByFunction(bench, perFrame) {
  out('#### By stage and function');
  out();
  out(
    `More runs of this checkout under callgrind counted each instruction where it ran, attributed to the function V8 compiled ` +
      `(its perf map, \`--perf-basic-prof\`) and mapped to the TypeScript source through the bundle's source map, per packet as above ` +
      `(scripts/perf/functionProfile.mjs). A function counts what the optimizing compiler inlined into it: the split is ` +
      `that of the code as it runs, where the sampled profile below turns inlining off. "other" is V8, Node and the garbage collector.`,
  );
  out();
  out(
    `The bench, at ${bench.durations.join(' and ')}: its functions add up to ${bench.instructions_per_packet.toFixed(1)} instructions per packet.`,
  );
  out();
  renderStages(bench);
  const sent = perFrame.packets.long - perFrame.packets.short;
  out(
    `The bench runs its arrivals in WebAssembly and its GRO merges about ten frames an skb. \`${perFrame.scenario}\` ` +
      `(Poisson arrivals, TCP on the generic driver, the application freeing on its own core) takes the per-frame path: ` +
      `\`cli run\` at ${perFrame.durations.join(' and ')}, ${sent.toLocaleString('en')} packets between the two, ` +
      `${perFrame.instructions_per_packet.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} instructions per packet.`,
  );
  out();
  renderStages(perFrame);
}

const lines = [];
const out = (s = '') => lines.push(s);
out('# Performance of the simulator');
out();
out('<!-- Generated by `npm run docs:performance` (scripts/performance-table.mjs) from docs/performance/*.json: do not edit. -->');
out();
out(
  `Measured as CPU time of the process (user + system), so the load of other processes on this shared machine does not count; ` +
    `machine: ${after.cpu}, Node ${after.node}. "Before" is commit \`${short(before.commit)}\` (${before.measured_at.slice(0, 16)}Z), ` +
    `"after" is commit \`${short(after.commit)}\`${after.uncommitted_changes ? ' with uncommitted changes' : ''} (${after.measured_at.slice(0, 16)}Z).`,
);
out();
out(
  `## Engine bench (\`npm run bench\`): ${after.bench.scenario}, ${after.bench.packets.toLocaleString('en')} packets per simulated second`,
);
out();
out('| | before | after |');
out('|---|---:|---:|');
out(
  `| CPU ns per simulated packet (median of ${before.bench.runs} / ${after.bench.runs} runs of 1 s) | ${f1(before.bench.cpu_ns_per_packet)} | ${f1(after.bench.cpu_ns_per_packet)} |`,
);
out(
  `| M simulated packets per CPU second | ${f2(before.bench.sim_packets_per_cpu_s / 1e6)} | ${f2(after.bench.sim_packets_per_cpu_s / 1e6)} |`,
);
for (const d of Object.keys(after.peak_rss_bytes)) {
  out(`| peak RSS, ${d} bench | ${mib(before.peak_rss_bytes[d])} | ${mib(after.peak_rss_bytes[d])} |`);
}
const ratio = (m) => (m['60s'] && m['1s'] ? `${f2(m['60s'] / m['1s'])}×` : '—');
out(`| peak RSS 60 s ÷ 1 s | ${ratio(before.peak_rss_bytes)} | ${ratio(after.peak_rss_bytes)} |`);
for (const s of after.startup) {
  const b = before.startup.find((x) => x.command === s.command);
  out(`| start-up: \`cli ${s.command}\`, CPU s (target ${s.target_s}) | ${b ? f2(b.cpu_s) : '—'} | ${f2(s.cpu_s)} |`);
}
out();
out(
  `Runs of 1 s, CPU ns per packet: before ${before.bench.cpu_ns_per_packet_runs.join(', ')}; after ${after.bench.cpu_ns_per_packet_runs.join(', ')}.`,
);
out();
out('### Before and after run back to back');
out();
out(
  `The two columns above were measured hours apart, and this machine's speed drifts with its other tenants. ` +
    `So the bench of \`${short(inter.before_commit)}\` and of \`${short(inter.after_commit)}\`${inter.uncommitted_changes ? ' (with uncommitted changes)' : ''} ` +
    `ran alternately, ${inter.pairs} pairs of 1 s runs (${inter.measured_at.slice(0, 16)}Z, scripts/perf/interleaved.mjs):`,
);
out();
out('| | before | after |');
out('|---|---:|---:|');
out(`| CPU ns per simulated packet, median | ${f1(inter.before_median)} | ${f1(inter.after_median)} |`);
out(`| M simulated packets per CPU second | ${f2(1e3 / inter.before_median)} | ${f2(1e3 / inter.after_median)} |`);
out(`| median of the per-pair ratios after ÷ before | | ${inter.ratio_median.toFixed(3)} |`);
out();
out(`Runs, CPU ns per packet: before ${inter.before_ns_per_packet.join(', ')}; after ${inter.after_ns_per_packet.join(', ')}.`);
out();
out('### Instructions per simulated packet');
out();
out(
  `CPU time on this shared machine moves by 15 % and more from run to run; an instruction count does not. ` +
    `valgrind (callgrind) counted the bench's instructions at ${instr.durations.join(' and ')} of simulated time, with V8 in ` +
    `\`--predictable\` mode (no concurrent compiler or GC threads), and the difference over the difference in packets leaves ` +
    `start-up and compilation out (${instr.measured_at.slice(0, 16)}Z, scripts/perf/instructions.mjs). ` +
    `The comparison point is \`${short(instr.before.commit)}\`, the engine before the hot-path work that these counts guided.`,
);
out();
out('| | before | after |');
out('|---|---:|---:|');
out(
  `| instructions per simulated packet | ${instr.before.instructions_per_packet.toLocaleString('en')} | ${instr.after.instructions_per_packet.toLocaleString('en')} |`,
);
out(`| after ÷ before | | ${(instr.after.instructions_per_packet / instr.before.instructions_per_packet).toFixed(3)} |`);
const cacheSize = (geometry) => {
  const [bytes, ways, line] = geometry.split(',').map(Number);
  return `${bytes >= 1 << 20 ? `${bytes / (1 << 20)} MiB` : `${bytes / 1024} KiB`} ${ways}-way with ${line}-byte lines`;
};
out(`| L1d misses per packet | ${f2(instr.before.l1d_misses_per_packet)} | ${f2(instr.after.l1d_misses_per_packet)} |`);
out(`| L2 misses per packet | ${instr.before.l2_misses_per_packet.toFixed(3)} | ${instr.after.l2_misses_per_packet.toFixed(3)} |`);
out(
  `| branch mispredictions per packet | ${f2(instr.before.branch_mispredicts_per_packet)} | ${f2(instr.after.branch_mispredicts_per_packet)} |`,
);
out();
out(
  `Instructions alone do not give the time: the same runs counted data-cache misses and branch mispredictions in callgrind's ` +
    (instr.cache_model
      ? `models, an L1d of ${cacheSize(instr.cache_model.D1)} and an L2 of ${cacheSize(instr.cache_model.LL)}, as this machine's (sysfs). `
      : `models with valgrind's default cache sizes (this machine's were not readable). `) +
    `They are models, not hardware counters (this VM exposes none): a miss in them is an access the real caches most likely miss too, ` +
    `and a change that removes many of them shows in CPU time even when the instruction count does not move.`,
);
out();
if (instr.after.by_function) renderByFunction(instr.after.by_function, instr.after.per_frame_by_function);
out('## Where the simulator spends its time');
out();
out(
  'The bench bundle profiled with `node --cpu-prof --no-turbo-inlining` (inlining off, so each function keeps its own samples; ' +
    'the run is slower than the bench), samples mapped to the TypeScript sources through the source map and grouped by what the ' +
    "simulated path does (scripts/perf/profileStages.mjs). CPU ns per packet of a stage = its share × the bench's CPU ns per packet.",
);
out();
out('| stage | before share | before ns/pkt | after share | after ns/pkt | heaviest functions after |');
out('|---|---:|---:|---:|---:|---|');
for (const s of Object.keys(after.profile.share)) {
  const bs = before.profile.share[s] ?? 0;
  const as = after.profile.share[s];
  const top = after.profile.top[s].map((t) => `${t.fn} ${pct(t.share)}`).join('; ');
  out(
    `| ${s} | ${pct(bs)} | ${f1(bs * before.bench.cpu_ns_per_packet)} | ${pct(as)} | ${f1(as * after.bench.cpu_ns_per_packet)} | ${top} |`,
  );
}
out();
out("## Simulating one scenario's queues in parallel: a measured design");
out();
out('A compare or sweep already runs its points in worker threads. One scenario runs on one thread. What ties its queues together today:');
out();
out(
  '- **The consumer tick.** Reads of all application cores are drained by one EV_WHEEL event (shared/sim/consumer/consumer.ts), ' +
    'and each NIC draws read latencies from one random stream in global event order: which skb gets which latency depends on how ' +
    'the queues interleave.',
);
out(
  "- **Shared cores.** A core's work is serialized (engine/cores.ts `busyUntil`): queues whose IRQ or application core is the same, " +
    "and every application core that frees into a pool's ptr_ring, interact at nanosecond distance.",
);
out(
  '- **The page allocator.** Free lists and watermarks are per NUMA node (shared/sim/mm): a refill on one queue changes whether ' +
    'another takes the slow path or fails.',
);
out(
  '- **The link and the sources.** One traffic source feeds all flows of a NIC and one wire serializes its frames ' +
    '(nic/wire.ts): the arrival of a frame on queue 3 depends on the frames before it on other queues.',
);
out('- **The sampler** reads every queue and pool at each sample time; scenario events (ifdown, irq moves) touch many queues at once.');
out();
out('What would make a conservative time window sound (every thread simulates [t, t + W) for its queues, then all meet at a barrier):');
out();
out('- one random stream per (NIC, queue) for read latencies and per source for arrivals, so the draws do not depend on interleaving;');
out(
  "- arrivals split per queue ahead of time (the round-robin flow → queue map and the wire's serialization are computable per " +
    'window from the source alone);',
);
out(
  "- a consumer tick per application core, owned by the thread of that core's queues; the window W no longer than the smallest " +
    'cross-thread latency: the 2 µs read batch window, the IPI of a deferred free, the ptr_ring hand-over of a remote free;',
);
out(
  '- cores partitioned with their queues (a queue and its IRQ core and application core on one thread), cross-thread frees ' +
    "queued as messages applied at the barrier, with the pool's ptr_ring produce time stamped so its order stays deterministic;",
);
out(
  '- the page allocator either partitioned per thread (per-node pcp-like reserves refilled at barriers) or made a ' +
    'barrier-time reconciliation, which changes when a slow path sees the watermark (a model change, to be stated in docs/model/memory-gfp.md);',
);
out('- the sampler and scenario events run at barriers, with sample times on window boundaries.');
out();
out(
  `Barrier cost on this machine (scripts/perf/barrier-bench.mjs: the main thread and worker_threads meeting on a SharedArrayBuffer ` +
    `with Atomics.wait / Atomics.notify, ${barrier.rounds} rounds, ${barrier.cpu}, ${barrier.cores} cores, shared with other work):`,
);
out();
out('| threads | spin before sleeping | wall ns per barrier | CPU ns per barrier (all threads) |');
out('|---:|---:|---:|---:|');
for (const r of barrier.results)
  out(`| ${r.threads} | ${r.spin} | ${r.wall_ns_per_barrier.toLocaleString('en')} | ${r.cpu_ns_per_barrier.toLocaleString('en')} |`);
out();
const pps = after.bench.packets; // per simulated second
const c = after.bench.cpu_ns_per_packet;
out(
  `What that means for the bench (${(pps / 1e6).toFixed(2)} M packets per simulated second at ${f1(c)} CPU ns each): a window of W simulated ns ` +
    `carries ${f2((pps / 1e9) * c)} × W ns of work. For the barrier to cost at most 10 % of a thread's share of it, W ≥ 9 × barrier × threads / ${f2((pps / 1e9) * c)}:`,
);
out();
out('| threads | spin | smallest window for ≤ 10 % barrier overhead (simulated µs) |');
out('|---:|---:|---:|');
for (const r of barrier.results) {
  const w = (9 * r.wall_ns_per_barrier * r.threads) / ((pps / 1e9) * c);
  out(`| ${r.threads} | ${r.spin} | ${f2(w / 1000)} |`);
}
out();
const LOOKAHEAD_NS = 2000; // the consumer's read batch window (consumer.ts BATCH_WINDOW_NS)
const best = Math.min(...barrier.results.map((r) => (9 * r.wall_ns_per_barrier * r.threads) / ((pps / 1e9) * c)));
out(
  `The lookahead the model allows today is the ${LOOKAHEAD_NS / 1000} µs read batch window. The smallest window above is ` +
    `${f2(best / 1000)} µs: ${
      best > LOOKAHEAD_NS
        ? `${f1(best / LOOKAHEAD_NS)}× longer, so on this machine a barrier per 2 µs window costs more than it saves; ` +
          'the per-window work must grow (more queues per thread) or the coupling above be removed so windows can stretch to the sample interval'
        : 'within it, so windows of the read batch length would already pay for their barriers'
    }.`,
);
out();
const file = path.join(ROOT, 'docs', 'performance.md');
if (process.argv.includes('--check')) {
  // the page must be what its measurements render to: no number typed in by hand
  if (readFileSync(file, 'utf8') !== lines.join('\n')) {
    console.error(`${path.relative(ROOT, file)} differs from what docs/performance/*.json render to: run npm run docs:performance`);
    process.exit(1);
  }
  console.log(`${path.relative(ROOT, file)} matches its measurements`);
} else {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${lines.join('\n')}`);
  renameSync(tmp, file);
  console.log(`wrote ${path.relative(ROOT, file)}`);
}
