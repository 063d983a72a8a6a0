// Micro-benchmark of the page_pool per-packet paths (not part of the test suite).
//   npx tsx test/page_pool/pagePool.bench.ts            (as the CLI runs it)
//   npx esbuild test/page_pool/pagePool.bench.ts --bundle --platform=node --format=esm \
//     --outfile=/tmp/pp.bench.mjs && node /tmp/pp.bench.mjs   (as the bundled worker runs it)
// Prints the best of several repetitions of wall time and of this process's CPU time (user+sys):
// on a shared, oversubscribed machine the CPU time is the figure that means something.
import { makeHarness } from './harness';
import { HOLDER_NIC_RING, HOLDER_STACK } from '../../shared/sim/netmem/places';
import { napiPpPutPage } from '../../shared/sim/page_pool/skbRecycle';

const N = 2_000_000;
const REPS = 7;

function best(name: string, run: () => void): void {
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < REPS; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    run();
    wall = Math.min(wall, Number(process.hrtime.bigint() - t0) / N);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, ((c.user + c.system) * 1000) / N);
  }
  console.log(`${name}: ${cpu.toFixed(1)} ns CPU (${wall.toFixed(1)} ns wall)`);
}

{
  // yardstick for a loaded machine: the bare typed-array pop/push the cache itself is made of
  const cache = new Int32Array(128);
  const held = new Int32Array(64);
  const st = { pop: 0, push: 0 };
  let cnt = 64;
  for (let k = 0; k < 64; k++) cache[k] = k + 1;
  best('yardstick: bare Int32Array pop + push with two counters', () => {
    for (let k = 0; k < N; k += 64) {
      for (let j = 0; j < 64; j++) {
        held[j] = cache[--cnt];
        st.pop++;
      }
      for (let j = 0; j < 64; j++) {
        cache[cnt++] = held[j];
        st.push++;
      }
    }
  });
}
{
  const h = makeHarness();
  const pool = h.pool({ pool_size: 1024 });
  const held = new Int32Array(64);
  best('alloc_fast + recycle_direct (pair, NAPI batches of 64)', () => {
    for (let k = 0; k < N; k += 64) {
      for (let j = 0; j < 64; j++) held[j] = pool.allocNetmems();
      for (let j = 0; j < 64; j++) pool.putFullNetmem(held[j], false);
    }
  });
}
{
  const h = makeHarness();
  const pool = h.pool({ pool_size: 1024 });
  const held = new Int32Array(64);
  best('alloc (cache+refill) + driver→stack move + napi_pp_put_page → ptr_ring (per packet)', () => {
    for (let k = 0; k < N; k += 64) {
      h.exec.cpu = 0;
      h.exec.napiPollingCore = 0;
      for (let j = 0; j < 64; j++) {
        held[j] = pool.allocNetmems();
        h.tables.moveRef(held[j], HOLDER_NIC_RING, HOLDER_STACK);
      }
      h.exec.cpu = 1;
      h.exec.napiPollingCore = -1;
      for (let j = 0; j < 64; j++) napiPpPutPage(h.registry, h.tables, held[j]);
    }
  });
}
