// Measures compare throughput over a local Redis queue with 1, 2 and 4 worker processes (one point
// at a time each) and writes the table into docs/distributed.md between its throughput markers.
// `npx tsx scripts/distributed-throughput.ts` (needs redis-server). Numbers depend on the machine:
// the table says which one.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../electron/cli/main';
import { freePort, RedisServer, WorkerProcess } from '../test/distributed/redisServer';

const SCENARIO = `
name: queue throughput
seed: 5
duration: 20ms
sample: 1ms
host: { cpu: { profile: xeon-platinum-8481c, cores: 4 }, iommu: lazy }
nics:
  - { name: eth0, driver: gve, mode: dqo-rda, link: 50Gbit, queues: 2, ring: 1024 }
traffic:
  - { nic: eth0, flows: 4, rate: line, packet_size: 1518, arrival: poisson }
compare:
  variant: [page, netmem]
  nics[0].ring: [512, 1024, 2048, 4096]
repeat: 2
`;
const RUNS = 16;
const DOC = 'docs/distributed.md';

const silentIo = (cwd: string) => ({ stdout: { write: () => true }, stderr: { write: () => true }, isTTY: false, cwd });

async function measure(workers: number): Promise<number> {
  const redis = new RedisServer(await freePort());
  await redis.start();
  const procs = Array.from({ length: workers }, () => new WorkerProcess(redis.url));
  try {
    await Promise.all(procs.map((p) => p.ready()));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'nmw-tput-'));
    writeFileSync(path.join(dir, 's.yaml'), SCENARIO);
    const t0 = performance.now();
    const code = await main(['compare', 's.yaml', '--queue', redis.url, '--quiet'], silentIo(dir));
    if (code !== 0) throw new Error(`compare exited ${code}`);
    return performance.now() - t0;
  } finally {
    await Promise.all(procs.map((p) => p.kill('SIGTERM')));
    await redis.stop();
  }
}

async function measureLocal(workers: number): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nmw-tput-'));
  writeFileSync(path.join(dir, 's.yaml'), SCENARIO);
  const t0 = performance.now();
  const code = await main(['compare', 's.yaml', '--workers', String(workers), '--quiet'], silentIo(dir));
  if (code !== 0) throw new Error(`compare exited ${code}`);
  return performance.now() - t0;
}

const rows: string[] = [];
for (const n of [1, 2]) {
  const ms = await measureLocal(n);
  rows.push(
    `| local, ${n} worker thread${n > 1 ? 's' : ''} (no queue) | ${(ms / 1000).toFixed(1)} s | ${((RUNS / ms) * 60_000).toFixed(0)} |`,
  );
  console.log(rows.at(-1));
}
for (const n of [1, 2, 4]) {
  const ms = await measure(n);
  rows.push(`| ${n} worker process${n > 1 ? 'es' : ''} | ${(ms / 1000).toFixed(1)} s | ${((RUNS / ms) * 60_000).toFixed(0)} |`);
  console.log(rows.at(-1));
}
const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores (${cpu}), Node ${process.version}, one local`,
  `redis-server; a ${RUNS}-run compare (GVE 50 Gbit/s, 20 ms each, 2 variants × 4 ring sizes × 2 repeats);`,
  'each worker process runs one point at a time; wall time from submit to the assembled document.',
  '',
  '| runs on | wall time | runs per minute |',
  '|---|---|---|',
  ...rows,
].join('\n');
const text = readFileSync(DOC, 'utf8');
const begin = '<!-- throughput:begin (scripts/distributed-throughput.ts) -->';
const end = '<!-- throughput:end -->';
const a = text.indexOf(begin);
const b = text.indexOf(end);
if (a < 0 || b < a) throw new Error(`${DOC} has no throughput markers`);
writeFileSync(DOC, `${text.slice(0, a + begin.length)}\n${table}\n${text.slice(b)}`);
console.log(`wrote ${DOC}`);
