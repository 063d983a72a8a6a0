// The simulator's own CPU profile (node --cpu-prof of the bench bundle) grouped by what the
// simulated path does: each sample's function is mapped back to its TypeScript source through the
// bundle's source map, then to a stage by source folder (and by function where one file holds
// several stages).
import { readFileSync, existsSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

export const SIM_STAGES = [
  'arrivals',
  'page_pool alloc',
  'free/recycle',
  'driver poll/refill',
  'GRO/stack',
  'consumer',
  'sampler',
  'event loop/cores',
  'other',
];

/** Functions of mixed files that belong to another stage than their file's. */
const BY_FUNCTION = {
  'shared/sim/nic/rxRing.ts': { receive: 'arrivals', receiveSpan: 'arrivals' },
  'shared/sim/engine/simulation.ts': { deferFree: 'free/recycle', flushDeferred: 'free/recycle' },
  'shared/sim/engine/eventLoop.ts': { makePullFn: 'arrivals', pull: 'arrivals' },
  'shared/sim/page_pool/pagePool.ts': {
    allocNetmems: 'page_pool alloc',
    allocNetmem: 'page_pool alloc',
    allocFragNetmem: 'page_pool alloc',
    allocNetmemsToRing: 'page_pool alloc',
  },
  'shared/sim/netmem/descTable.ts': {
    enterOutNic: 'page_pool alloc',
    enterOut: 'page_pool alloc',
    moveNicToStack: 'GRO/stack',
    handToSkb: 'GRO/stack',
    handToSkbOfPool: 'GRO/stack',
  },
};

/** The engine's one WebAssembly module (its samples carry a wasm:// url and no source map). */
export const WASM_ARRIVALS = 'shared/sim/engine/wasm/arrivalLoopWasm.ts';

/** Stage of a source file (path relative to the repository) and function. */
export function stageOf(src, fn) {
  const f = BY_FUNCTION[src]?.[fn];
  if (f) return f;
  if (
    src.startsWith('shared/sim/traffic/') ||
    src === 'shared/sim/nic/wire.ts' ||
    src === 'shared/sim/engine/arrivals.ts' ||
    src === WASM_ARRIVALS
  )
    return 'arrivals';
  if (src === 'shared/sim/page_pool/alloc.ts' || src === 'shared/sim/page_pool/frag.ts') return 'page_pool alloc';
  if (src.startsWith('shared/sim/page_pool/') || src.startsWith('shared/sim/netmem/') || src.startsWith('shared/sim/mm/'))
    return 'free/recycle';
  if (
    src.startsWith('shared/sim/drivers/') ||
    src.startsWith('shared/sim/nic/') ||
    src === 'shared/sim/engine/napi.ts' ||
    src === 'shared/sim/engine/driverContext.ts'
  )
    return 'driver poll/refill';
  if (src.startsWith('shared/sim/stack/')) return 'GRO/stack';
  if (src.startsWith('shared/sim/consumer/')) return 'consumer';
  if (src === 'shared/sim/engine/sampler.ts' || src === 'shared/sim/providers/providerSeries.ts') return 'sampler';
  if (src.startsWith('shared/sim/engine/') || src.startsWith('shared/sim/util/')) return 'event loop/cores';
  return 'other';
}

function loadMap(url, cache) {
  if (cache.has(url)) return cache.get(url);
  let map = null;
  if (url.startsWith('file://')) {
    const p = `${fileURLToPath(url)}.map`;
    if (existsSync(p)) map = new SourceMap(JSON.parse(readFileSync(p, 'utf8')));
  }
  cache.set(url, map);
  return map;
}

/**
 * The TypeScript source (path from the repository, '' when unknown) of a position in the built
 * bundle at `url`, both numbers 0-based, through the bundle's source map. `maps` caches the maps.
 */
export function sourceOf(url, line, column, root, maps) {
  const map = loadMap(url, maps);
  if (!map) return '';
  const e = map.findEntry(line, column);
  if (!e || !e.originalSource) return '';
  const s = e.originalSource.startsWith('file://') ? fileURLToPath(e.originalSource) : e.originalSource;
  const at = s.lastIndexOf('shared/');
  return at >= 0 ? s.slice(at) : s.replace(`${root}/`, '');
}

/**
 * A frame of the built bundle itself (no source map entry: its top-level code), named by its path
 * in the repository with the build's content hash left out; other URLs (node:…) as they are.
 */
export function builtFile(url, root) {
  if (!url.startsWith('file://')) return url;
  const file = fileURLToPath(url);
  const rel = file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
  return rel.replace(/^out\/node\/[0-9a-f]+\//, 'out/node/…/');
}

/**
 * Share of the profile's sampled time per stage (and per stage the three heaviest functions).
 * `root` is the repository the bundle was built from: source paths are made relative to it.
 */
export function profileByStage(profileFile, root) {
  const p = JSON.parse(readFileSync(profileFile, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfTime = new Map();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    selfTime.set(p.samples[i], (selfTime.get(p.samples[i]) ?? 0) + dt);
    total += dt;
  }
  const maps = new Map();
  const stages = Object.fromEntries(SIM_STAGES.map((s) => [s, 0]));
  const fns = new Map();
  for (const [id, t] of selfTime) {
    const cf = byId.get(id).callFrame;
    const fn = cf.functionName || '(anonymous)';
    const src = cf.url.startsWith('wasm://') ? WASM_ARRIVALS : sourceOf(cf.url, cf.lineNumber, cf.columnNumber, root, maps);
    const stage = src ? stageOf(src, fn) : 'other';
    stages[stage] += t;
    const key = `${stage}\0${fn} (${src || builtFile(cf.url, root) || fn})`;
    fns.set(key, (fns.get(key) ?? 0) + t);
  }
  const top = {};
  for (const s of SIM_STAGES) top[s] = [];
  for (const [key, t] of [...fns].sort((a, b) => b[1] - a[1])) {
    const [stage, name] = key.split('\0');
    if (top[stage].length < 3) top[stage].push({ fn: name, share: t / total });
  }
  const share = Object.fromEntries(SIM_STAGES.map((s) => [s, stages[s] / total]));
  return { share, top };
}
