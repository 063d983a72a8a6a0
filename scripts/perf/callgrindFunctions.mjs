// Instructions per simulated packet by function: callgrind's per-instruction counts (a run with
// --dump-instr=yes) attributed to the functions V8 compiled, through the perf map V8 writes with
// --perf-basic-prof (one line per code object: start, size, name), and to native functions by
// callgrind's own names. JavaScript names are mapped back to their TypeScript source and stage
// (profileStages.mjs). The code V8 runs is measured as it runs: a function's count holds what the
// optimizing compiler inlined into it.
import { spawn } from 'node:child_process';
import { sourceOf, stageOf, WASM_ARRIVALS } from './profileStages.mjs';

/**
 * `valgrind --tool=callgrind --smc-check=all-non-file …callgrindArgs node --predictable …nodeArgs`
 * in `cwd` (V8 without concurrent compiler or GC threads, so the count repeats): its exit code,
 * output and pid (V8's perf map is named after it: valgrind runs node in that process).
 */
export function runUnderCallgrind(cwd, callgrindArgs, nodeArgs) {
  return new Promise((resolve, reject) => {
    const p = spawn(
      'valgrind',
      ['--tool=callgrind', '--smc-check=all-non-file', ...callgrindArgs, process.execPath, '--predictable', ...nodeArgs],
      { cwd },
    );
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr, pid: p.pid }));
  });
}

/** Simulated packets the bench printed ("simulated N packets"), NaN when it printed none. */
export function benchPackets(stdout) {
  const m = /simulated ([\d,]+) packets/.exec(stdout);
  return m ? Number(m[1].replaceAll(',', '')) : NaN;
}

/** perf map text → code ranges sorted by start: { start, end, name } */
export function parsePerfMap(text) {
  const ranges = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.+)$/.exec(line);
    if (m) {
      const start = Number.parseInt(m[1], 16);
      ranges.push({ start, end: start + Number.parseInt(m[2], 16), name: m[3] });
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}

/** The range holding `addr` (binary search), or null. */
function rangeAt(ranges, addr) {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].start <= addr) lo = mid + 1;
    else hi = mid - 1;
  }
  const r = ranges[hi];
  return r !== undefined && addr < r.end ? r : null;
}

/**
 * Self Ir per function of a callgrind file written with --dump-instr=yes: each cost line's
 * instruction address (absolute, or relative to the line before: +n, -n, *) is looked up in the
 * perf map; an address outside it counts for the callgrind function it is listed under. The line
 * after a `calls=` line is the call's inclusive cost, not the caller's own, and is skipped.
 */
export function selfIrByFunction(callgrindText, ranges) {
  const out = new Map();
  const names = new Map();
  let positions = ['line'];
  let irAt = 0;
  let fn = '?';
  let addr = 0;
  let skip = false;
  const add = (name, n) => out.set(name, (out.get(name) ?? 0) + n);
  for (const line of callgrindText.split('\n')) {
    const c = line.charCodeAt(0);
    const isCost = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 42; // 0-9 + - *
    if (isCost) {
      const parts = line.split(' ');
      const t = parts[0];
      if (t.startsWith('0x')) addr = Number.parseInt(t, 16);
      else if (t[0] === '+' || t[0] === '-') {
        const d = t.startsWith('0x', 1) ? Number.parseInt(t.slice(3), 16) : Number.parseInt(t.slice(1), 10);
        addr += t[0] === '+' ? d : -d;
      } else if (t !== '*') addr = Number.parseInt(t, 10);
      if (skip) {
        skip = false;
        continue;
      }
      const ir = Number(parts[positions.length + irAt] ?? 0);
      if (ir === 0) continue;
      const r = rangeAt(ranges, addr);
      add(r ? r.name : fn, ir);
    } else if (line.startsWith('positions:')) {
      positions = line.slice(10).trim().split(/\s+/);
    } else if (line.startsWith('events:')) {
      irAt = line.slice(7).trim().split(/\s+/).indexOf('Ir');
      if (irAt < 0) throw new Error('callgrind file without an Ir event');
    } else if (line.startsWith('fn=') || line.startsWith('cfn=')) {
      // fn=(id) name defines the id; fn=(id) alone reuses it (name compression)
      const m = /^c?fn=\((\d+)\)(?: (.*))?$/.exec(line);
      const name = m ? (m[2] !== undefined ? (names.set(m[1], m[2]), m[2]) : (names.get(m[1]) ?? m[1])) : line.slice(line.indexOf('=') + 1);
      if (line[0] === 'f') fn = name;
    } else if (line.startsWith('calls=')) {
      skip = true;
    }
  }
  return out;
}

/**
 * A perf-map or callgrind function name → what the page shows: the function, its TypeScript source
 * (or '' for V8, Node and library code) and its stage. V8's JavaScript names are
 * `JS:<tier mark><name> <url>:<line>:<column>` (1-based); the tier mark (* optimized, ^ or + the
 * baseline tiers, ~ interpreted) is dropped so a function's tiers add up.
 */
export function describeFunction(name, root, maps) {
  if (/^JS:wasm-function\[/.test(name)) return { fn: 'arrival loop (WebAssembly)', src: WASM_ARRIVALS, stage: 'arrivals' };
  const m = /^JS:[*^+~]?(\S*) (file:\/\/\S+):(\d+):(\d+)$/.exec(name);
  if (m) {
    const src = sourceOf(m[2], Number(m[3]) - 1, Number(m[4]) - 1, root, maps);
    const fn = m[1] || '(anonymous)';
    return { fn, src, stage: src ? stageOf(src, fn) : 'other' };
  }
  return { fn: name.replace(/^JS:/, ''), src: '', stage: 'other' };
}

/**
 * Instructions per packet by function between two runs of the same bundle (a shorter and a longer
 * simulated time): (Ir in the long run − Ir in the short) ÷ (their difference in packets), so
 * start-up and compilation cancel out. Rows of the same function, source and stage are summed.
 */
export function perPacketByFunction(short, long, root, maps = new Map()) {
  const packets = long.packets - short.packets;
  const rows = new Map();
  for (const name of new Set([...short.ir.keys(), ...long.ir.keys()])) {
    const d = describeFunction(name, root, maps);
    const key = `${d.stage}\0${d.fn}\0${d.src}`;
    const row = rows.get(key) ?? { ...d, ir: 0 };
    row.ir += (long.ir.get(name) ?? 0) - (short.ir.get(name) ?? 0);
    rows.set(key, row);
  }
  return [...rows.values()]
    .map((r) => ({ fn: r.fn, src: r.src, stage: r.stage, instructions_per_packet: r.ir / packets }))
    .sort((a, b) => b.instructions_per_packet - a.instructions_per_packet);
}
