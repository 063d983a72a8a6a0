// The per-function instruction counts of docs/performance.md: callgrind's per-instruction costs
// attributed through V8's perf map (scripts/perf/callgrindFunctions.mjs).
import { describe, expect, it } from 'vitest';
import {
  benchPackets,
  describeFunction,
  parsePerfMap,
  perPacketByFunction,
  selfIrByFunction,
} from '../../scripts/perf/callgrindFunctions.mjs';

const MAP = [
  '1000 100 JS:*tick file:///nowhere/out/bench.js:10:3',
  '2000 40 JS:wasm-function[0]-0-turbofan',
  '1100 10 Builtin:LoadIC',
].join('\n');

// positions "instr line": each cost line is address, line, Ir. Costs at 0x1000.. are the
// optimized tick, 0x1100 the builtin, 0x3000 is outside the map (a native function by its name).
const CALLGRIND = [
  '# callgrind format',
  'version: 1',
  'positions: instr line',
  'events: Ir',
  '',
  'ob=(1) node',
  'fl=(1) ???',
  'fn=(7) 0x0000000000001000',
  '0x1000 0 5',
  '+4 0 3',
  '* 0 2',
  'cfn=(9) v8::internal::Heap::Scavenge()',
  'calls=1 0x3000 0',
  '+2 0 1000',
  '+2 0 7',
  '-8 0 1',
  '0x1100 0 11',
  'fn=(9)',
  '0x3000 0 20',
  '+3 0 30',
  'fn=(8) 0x0000000000002000',
  '0x2010 0 4',
  '+0x10 0 6',
].join('\n');

describe('selfIrByFunction', () => {
  it('attributes each instruction to the perf map range that holds it, else to its callgrind function', () => {
    const ir = selfIrByFunction(CALLGRIND, parsePerfMap(MAP));
    expect(Object.fromEntries(ir)).toEqual({
      // 5 + 3 + 2 at 0x1000..0x1004, the call's 1000 skipped, 7 at 0x1008, 1 at 0x1000 again
      'JS:*tick file:///nowhere/out/bench.js:10:3': 18,
      'Builtin:LoadIC': 11,
      // fn=(9) reuses the name cfn=(9) defined
      'v8::internal::Heap::Scavenge()': 50,
      // +0x10: a hexadecimal step
      'JS:wasm-function[0]-0-turbofan': 10,
    });
  });

  it('refuses a file without the Ir event', () => {
    expect(() => selfIrByFunction('events: Dr\n0x1 0 1', [])).toThrow(/Ir event/);
  });
});

describe('describeFunction', () => {
  it('names the WebAssembly loop by its source and stage', () => {
    expect(describeFunction('JS:wasm-function[0]-0-turbofan', '/r', new Map())).toEqual({
      fn: 'arrival loop (WebAssembly)',
      src: 'shared/sim/engine/wasm/arrivalLoopWasm.ts',
      stage: 'arrivals',
    });
  });

  it('drops the tier mark of a JavaScript name and keeps native names as they are', () => {
    const maps = new Map();
    expect(describeFunction('JS:*tick file:///nowhere/out/bench.js:10:3', '/r', maps)).toEqual({ fn: 'tick', src: '', stage: 'other' });
    expect(describeFunction('JS:~tick file:///nowhere/out/bench.js:10:3', '/r', maps).fn).toBe('tick');
    expect(describeFunction('JS: file:///nowhere/out/bench.js:1:1', '/r', maps).fn).toBe('(anonymous)');
    expect(describeFunction('Builtin:LoadIC', '/r', maps)).toEqual({ fn: 'Builtin:LoadIC', src: '', stage: 'other' });
  });
});

describe('perPacketByFunction', () => {
  it('divides the difference of two runs by their difference in packets, adding up the tiers of one function', () => {
    const short = {
      packets: 100,
      ir: new Map([
        ['JS:*f file:///nowhere/a.js:1:1', 1000],
        ['JS:~f file:///nowhere/a.js:1:1', 500],
        ['start-up', 9000],
      ]),
    };
    const long = {
      packets: 300,
      ir: new Map([
        ['JS:*f file:///nowhere/a.js:1:1', 5000],
        ['JS:~f file:///nowhere/a.js:1:1', 700],
        ['start-up', 9000],
        ['later', 100],
      ]),
    };
    const rows = perPacketByFunction(short, long, '/r');
    expect(rows.map((r) => [r.fn, r.instructions_per_packet])).toEqual([
      ['f', 21],
      ['later', 0.5],
      ['start-up', 0],
    ]);
  });
});

describe('benchPackets', () => {
  it('reads the count the bench prints, NaN without one', () => {
    expect(benchPackets('simulated 3,250,975 packets (0.2 s at 200 Gbit/s) in 1.2 s wall')).toBe(3250975);
    expect(benchPackets('usage: npm run bench')).toBeNaN();
  });
});
