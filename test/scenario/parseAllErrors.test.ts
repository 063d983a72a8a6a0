import { describe, expect, it } from 'vitest';
import type { ScenarioError } from '../../shared/api';
import { formatScenarioError, parseScenario } from '../../shared/sim/validate/parse';
import { errorsOf, withLine } from './fixtures';

describe('parseScenario: all errors at once, sorted by line', () => {
  it('reports every schema error of the file; a ring cannot be judged without a known driver', () => {
    let text = withLine(11, '    ring: 1000');
    text = text
      .replace('driver: gve', 'driver: gvee')
      .replace('packet_size: 1518', 'packet_size: 20')
      .replace('duration: 100ms', 'duration: soon');
    const errors = errorsOf(text);
    expect(errors.map((e) => [e.path, e.line])).toEqual([
      ['duration', 2],
      ['nics[0].driver', 8],
      ['traffic[0].packet_size', 14],
    ]);
  });
  it("applies the driver's ring rule to a NIC that failed on another field", () => {
    const text = withLine(11, '    ring: 1000').replace('queues: 4', 'queues: four');
    expect(errorsOf(text).map((e) => [e.path, e.line])).toEqual([
      ['nics[0].queues', 10],
      ['nics[0].ring', 11],
    ]);
  });
  it('reports every cross-field error of the file', () => {
    const text = withLine(15, '    steer_to: [7, 8]').replace('app_cores: [3]', 'app_cores: [9]').replace('nic: eth0 } }', 'nic: eth2 } }');
    expect(errorsOf(text).map((e) => e.path)).toEqual([
      'traffic[0].steer_to[0]',
      'traffic[0].steer_to[1]',
      'consumer[0].app_cores[0]',
      'events[0].ifdown.nic',
    ]);
  });
  it('schema and cross-field errors together, in one pass', () => {
    const text = withLine(11, '    ring: 1000').replace('  - nic: eth0\n    app', '  - nic: eht0\n    app');
    expect(errorsOf(text)).toEqual([
      {
        path: 'nics[0].ring',
        line: 11,
        col: 11,
        message: 'gve: must be a power of two ("Requested descriptor count has to be a power of 2"), got 1000 (-EINVAL)',
      },
      { path: 'consumer[0].nic', line: 17, col: 10, message: 'no NIC named "eht0"; did you mean "eth0"?' },
    ]);
  });
  it('a NIC that failed the schema is still a valid reference, and its queue checks are skipped, not guessed', () => {
    const text = withLine(10, '    queues: four').replace('steer_to: [0, 1]', 'steer_to: [0, 9]');
    expect(errorsOf(text).map((e) => e.path)).toEqual(['nics[0].queues']);
  });
  it('nics that is not a list: no dangling-reference noise', () => {
    const text = ['name: t', 'duration: 1ms', 'nics: eth0', 'traffic:', '  - { nic: eth0 }', ''].join('\n');
    expect(errorsOf(text)).toEqual([{ path: 'nics', line: 3, col: 7, message: 'expected a list, got string "eth0"' }]);
  });
  it('a host that failed the schema skips the core checks', () => {
    const text = withLine(4, '  cpu: { cores: many }').replace('app_cores: [3]', 'app_cores: [64]');
    expect(errorsOf(text).map((e) => e.path)).toEqual(['host.cpu.cores']);
  });
  it('a bind event may name a queue the NIC lacks: bind-rx answers -EINVAL at run time', () => {
    expect(parseScenario(withLine(20, '  - { at: 50ms, bind: { nic: eth0, queues: [9] } }')).ok).toBe(true);
  });
  it('quotes a long found value by its start and length', () => {
    const [e] = errorsOf(withLine(8, `    driver: ${'x'.repeat(500)}`));
    expect(e.message).toBe(`must be one of generic, gve, mlx4, mt76, hns3, mlx5, got "${'x'.repeat(40)}"… (500 characters)`);
  });
  it('flags duplicate NIC names at the second one', () => {
    const text = withLine(11, ['    ring: 1024', '  - { name: eth0, link: 10Gbit }']);
    expect(errorsOf(text)).toContainEqual({
      path: 'nics[1].name',
      line: 12,
      col: 13,
      message: 'duplicate NIC name "eth0" (names must be unique)',
    });
  });
});

describe('formatScenarioError', () => {
  const e: ScenarioError = { path: 'nics[0].ring', line: 14, col: 11, message: 'must be a power of two from 64 to 16384, got 1000' };
  it('names path, line and column', () => {
    expect(formatScenarioError(e)).toBe('nics[0].ring (line 14, col 11): must be a power of two from 64 to 16384, got 1000');
    expect(formatScenarioError(e, 'scenarios/x.yaml')).toBe(
      'scenarios/x.yaml: nics[0].ring (line 14, col 11): must be a power of two from 64 to 16384, got 1000',
    );
  });
  it('omits what it does not have', () => {
    expect(formatScenarioError({ path: '', line: 1, col: 1, message: 'm' }, 'f')).toBe('f: line 1, col 1: m');
    expect(formatScenarioError({ path: 'seed', line: 0, col: 0, message: 'm' })).toBe('seed: m');
  });
});
