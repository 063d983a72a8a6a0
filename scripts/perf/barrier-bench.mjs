#!/usr/bin/env node
// What one barrier between simulation windows costs on this machine: T threads (the main thread
// and T - 1 worker_threads) meet at a SharedArrayBuffer barrier R times. The last thread to
// arrive bumps the generation and wakes the others (Atomics.notify); the others spin `spin`
// times on the generation, then sleep in Atomics.wait. Reports wall ns per barrier and CPU ns
// per barrier (all threads of the process), for a sleeping and a spinning variant.
//   node scripts/perf/barrier-bench.mjs [--json FILE] [--rounds N]
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const COUNT = 0;
const GEN = 1;

/** One barrier: returns when all `n` threads have called it for this generation. */
function barrier(sync, n, spin) {
  const gen = Atomics.load(sync, GEN);
  if (Atomics.add(sync, COUNT, 1) === n - 1) {
    Atomics.store(sync, COUNT, 0);
    Atomics.add(sync, GEN, 1);
    Atomics.notify(sync, GEN);
    return;
  }
  for (let i = 0; i < spin; i++) if (Atomics.load(sync, GEN) !== gen) return;
  while (Atomics.load(sync, GEN) === gen) Atomics.wait(sync, GEN, gen);
}

if (!isMainThread) {
  const { buf, n, rounds, spin } = workerData;
  const sync = new Int32Array(buf);
  parentPort.postMessage('ready');
  for (let r = 0; r < rounds; r++) barrier(sync, n, spin);
} else {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const rounds = Number(arg('--rounds', '20000'));
  const self = fileURLToPath(import.meta.url);

  async function measure(threads, spin) {
    const buf = new SharedArrayBuffer(8);
    const sync = new Int32Array(buf);
    const workers = [];
    for (let w = 1; w < threads; w++) {
      const wk = new Worker(self, { workerData: { buf, n: threads, rounds, spin } });
      await new Promise((res) => wk.once('message', res));
      workers.push(wk);
    }
    const done = workers.map((wk) => new Promise((res) => wk.once('exit', res)));
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) barrier(sync, threads, spin);
    const wallNs = Number(process.hrtime.bigint() - t0);
    const cpu = process.cpuUsage(cpu0);
    await Promise.all(done);
    return {
      threads,
      spin,
      rounds,
      wall_ns_per_barrier: Math.round(wallNs / rounds),
      cpu_ns_per_barrier: Math.round(((cpu.user + cpu.system) * 1000) / rounds),
    };
  }

  const results = [];
  for (const threads of [2, 4]) {
    for (const spin of [0, 2000]) results.push(await measure(threads, spin));
  }
  const out = { rounds, cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, results };
  for (const r of results) {
    console.log(`${r.threads} threads, spin ${r.spin}: ${r.wall_ns_per_barrier} ns wall, ${r.cpu_ns_per_barrier} ns CPU per barrier`);
  }
  const file = arg('--json');
  if (file) writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
}
