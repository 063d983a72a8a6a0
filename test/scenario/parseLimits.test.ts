// Hostile sizes and shapes: key handling, duplicate detection and error location stay linear,
// caps answer with a located message, deep nesting never overflows the stack.
import { cpuUsage } from 'node:process';
import { describe, expect, it } from 'vitest';
import type { ScenarioError } from '../../shared/api';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ENTRIES, parseScenario, type ParseOptions } from '../../shared/sim/validate/parse';

const HEAD = 'name: x\nduration: 1s\nnics: [{name: e, link: 10Gbit}]\ntraffic: [{nic: e}]\n';

function errorsOf(text: string, opts?: ParseOptions): ScenarioError[] {
  const r = parseScenario(text, opts);
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.errors;
}

/** CPU seconds (user + system) spent by `fn`: less sensitive to other processes than wall time. */
function cpuSeconds(fn: () => void): number {
  const t0 = cpuUsage();
  fn();
  const d = cpuUsage(t0);
  return (d.user + d.system) / 1e6;
}

function lines(n: number, line: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(line(i));
  return `${out.join('\n')}\n`;
}

describe('parsing stays linear in the number of keys', () => {
  // Before: every key was compared with every earlier key of its mapping (the yaml package's
  // uniqueKeys) and every error was located by a scan of its mapping: 8,000 duplicates took 5 s,
  // 74,000 keys several minutes. Bounds are generous CPU times the quadratic code cannot meet.
  it('32,000 duplicate keys: each reported at its own line, well under 10 s of CPU', () => {
    let errors: ScenarioError[] = [];
    const cpu = cpuSeconds(() => {
      errors = errorsOf(`name: x\n${lines(32_000, (i) => `k: ${i}`)}`);
    });
    expect(errors).toHaveLength(31_999);
    expect(errors[0]).toEqual({ path: 'k', line: 3, col: 1, message: 'duplicate key "k"; each key may appear once' });
    expect(errors[31_998].line).toBe(32_001);
    expect(cpu).toBeLessThan(10);
  });

  it('74,000 unknown keys (0.8 MB, no entry cap): every one located, well under 20 s of CPU', () => {
    const text = HEAD + lines(74_000, (i) => `k${i}: 1`);
    let errors: ScenarioError[] = [];
    const cpu = cpuSeconds(() => {
      errors = errorsOf(text, { maxEntries: Infinity });
    });
    expect(errors).toHaveLength(74_000);
    expect(errors[73_999]).toMatchObject({ path: 'k73999', line: 74_004, col: 1 });
    expect(cpu).toBeLessThan(20);
  });

  it('the entry cap refuses 74,000 keys at once, located at the mapping that crosses it', () => {
    const text = HEAD + lines(74_000, (i) => `k${i}: 1`);
    let errors: ScenarioError[] = [];
    const cpu = cpuSeconds(() => {
      errors = errorsOf(text);
    });
    expect(errors).toEqual([
      {
        path: '',
        line: 1,
        col: 1,
        message: `too many entries: more than ${DEFAULT_MAX_ENTRIES} keys and list items in one file (a scenario needs a few hundred)`,
      },
    ]);
    expect(cpu).toBeLessThan(10);
  });
});

describe('nesting depth', () => {
  const tooDeep = `nesting too deep: more than ${DEFAULT_MAX_DEPTH} levels of mappings and lists (a scenario needs fewer than 10)`;
  it.each([
    ['flow lists, 100,000 deep', `nics: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, 2],
    ['flow mappings, 50,000 deep', `nics: ${'{a: '.repeat(50_000)}1${'}'.repeat(50_000)}\n`, 2],
    ['block lists on one line, 100,000 deep', `nics:\n  ${'- '.repeat(100_000)}x\n`, 3],
    ['just over the limit', `nics: ${'['.repeat(DEFAULT_MAX_DEPTH + 1)}${']'.repeat(DEFAULT_MAX_DEPTH + 1)}\n`, 2],
  ])('%s: a located "nesting too deep", never a stack overflow', (_name, body, line) => {
    const errors = errorsOf(`name: x\n${body}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'nics', line, message: tooDeep });
    expect(errors[0].col).toBeGreaterThan(1);
  });

  it('the deepest real shapes stay well inside the limit', () => {
    const r = parseScenario(`${HEAD}events: [{ at: 1ms, bind: { nic: e, queues: [0] } }]\n`);
    expect(r.ok).toBe(true);
  });
});

describe('keys reported at their own path', () => {
  it('a duplicate top-level name after a list is reported as `name`, not inside the list', () => {
    expect(errorsOf('name: a\nduration: 1s\nnics: [{name: e, link: 10Gbit}]\ntraffic:\n  - nic: e\nname: b\n')).toEqual([
      { path: 'name', line: 6, col: 1, message: 'duplicate key "name"; each key may appear once' },
    ]);
  });
  it('a duplicate inside a list entry is reported at that entry', () => {
    expect(errorsOf('name: a\nduration: 1s\nnics:\n  - name: e\n    link: 10Gbit\n    name: f\ntraffic: [{nic: e}]\n')).toEqual([
      { path: 'nics[0].name', line: 6, col: 5, message: 'duplicate key "name"; each key may appear once' },
    ]);
  });
});

describe('every error at once', () => {
  it('a syntax error does not hide a duplicate key before it', () => {
    const errors = errorsOf('name: a\nname: b\nduration: 1s\nnics: [ { name: e\n');
    expect(errors[0]).toEqual({ path: 'name', line: 2, col: 1, message: 'duplicate key "name"; each key may appear once' });
    expect(errors.slice(1).every((e) => e.message.startsWith('YAML syntax error: '))).toBe(true);
  });
});

describe('names are printable text', () => {
  const msg = 'must be printable text: no control characters (NUL, newline, tab…) and no U+FFFD (bytes that were not valid UTF-8)';
  it.each([
    ['a NUL', '"a\\0b"', '"a\\u0000b"'],
    ['U+FFFD (invalid UTF-8 read leniently)', '"a\\ufffdb"', '"a\ufffdb"'],
    ['a newline', '"a\\nb"', '"a\\nb"'],
  ])('%s in the scenario name is refused at name', (_n, written, shown) => {
    expect(errorsOf(HEAD.replace('name: x', `name: ${written}`))).toEqual([
      { path: 'name', line: 1, col: 7, message: `${msg}, got ${shown}` },
    ]);
  });
  it('non-ASCII letters are fine', () => {
    expect(parseScenario(HEAD.replace('name: x', 'name: débit 日本')).ok).toBe(true);
  });
});
