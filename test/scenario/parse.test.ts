import { describe, expect, it } from 'vitest';
import type { ScenarioError } from '../../shared/api';
import { formatScenarioError, parseScenario } from '../../shared/sim/validate/parse';
import { baseText, withLine } from './fixtures';

function errorsOf(text: string, opts?: { maxBytes?: number }): ScenarioError[] {
  const r = parseScenario(text, opts);
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.errors;
}

describe('parseScenario: a valid file', () => {
  it('parses with units converted and defaults filled', () => {
    const r = parseScenario(baseText());
    if (!r.ok) throw new Error(r.errors.map((e) => formatScenarioError(e)).join('\n'));
    const s = r.scenario;
    expect(s.duration).toBe(100_000_000);
    expect(s.sample).toBe(1_000_000);
    expect(s.host.memory.per_node).toBe(16 * 2 ** 30);
    expect(s.nics[0]).toMatchObject({ name: 'eth0', driver: 'gve', variant: 'page', link: 100e9, queues: 4, ring: 1024, mtu: 1500 });
    expect(s.traffic[0]).toMatchObject({ rate: 'line', packet_size: 1518, steer_to: [0, 1] });
    expect(s.events[0]).toEqual({ at: 50_000_000, ifdown: { nic: 'eth0' } });
    expect(s.compare).toEqual({ variant: ['page', 'netmem'] });
    expect((r.doc as { duration: string }).duration).toBe('100ms');
  });
  it('accepts YAML anchors within the alias bound', () => {
    const r = parseScenario(withLine(15, '    steer_to: &q [0, 1]').replace('app_cores: [3]', 'app_cores: *q'));
    expect(r.ok).toBe(true);
  });
});

// [case, text, path, line, col, message]
const CASES: [string, string, string, number, number, string][] = [
  ['wrong type', withLine(10, '    queues: four'), 'nics[0].queues', 10, 13, 'expected a number, got string "four"'],
  ['not an integer', withLine(10, '    queues: 1.5'), 'nics[0].queues', 10, 13, 'expected an integer, got number 1.5'],
  [
    'bad enum with suggestion',
    withLine(8, '    driver: mlx6'),
    'nics[0].driver',
    8,
    13,
    'must be one of generic, gve, mlx4, mt76, hns3, mlx5, got "mlx6"; did you mean "mlx4"?',
  ],
  ['unknown key with suggestion', withLine(11, '    rign: 1024'), 'nics[0].rign', 11, 5, 'unknown key "rign"; did you mean "ring"?'],
  ['unknown top-level key', withLine(2, 'duraton: 100ms'), 'duraton', 2, 1, 'unknown key "duraton"; did you mean "duration"?'],
  [
    'ring not a power of two (gve_validate_req_ring_size)',
    withLine(11, '    ring: 1000'),
    'nics[0].ring',
    11,
    11,
    'gve: must be a power of two ("Requested descriptor count has to be a power of 2"), got 1000 (-EINVAL)',
  ],
  [
    'ring outside the device range',
    withLine(11, ['    ring: 4096', '    ring_range: { max: 2048 }']),
    'nics[0].ring',
    11,
    11,
    "gve: requested ring size exceeds maximum (the device's 2048), got 4096 (-EINVAL)",
  ],
  [
    'ring on a driver with a fixed ring',
    withLine(8, '    driver: mt76').replace('ring: 1024', 'ring: 1024\n    mode: mmio'),
    'nics[0].ring',
    11,
    11,
    'mt76: the RX ring is fixed at 1536 (MT7915_RX_RING_SIZE); mt76 reports no ring maximum, so ethtool refuses any size ("requested ring size exceeds maximum"), got 1024 (-EINVAL)',
  ],
  [
    'hns3 ring below HNS3_RING_MIN_PENDING',
    withLine(8, '    driver: hns3').replace('ring: 1024', 'ring: 64'),
    'nics[0].ring',
    11,
    11,
    'hns3: queue depth out of range [72-32760], got 64 (-EINVAL)',
  ],
  [
    'mlx4 ring below MLX4_EN_MIN_RX_SIZE',
    withLine(8, '    driver: mlx4').replace('ring: 1024', 'ring: 128'),
    'nics[0].ring',
    11,
    11,
    'mlx4: must be at least MLX4_EN_MIN_RX_SIZE (256 with 4 KiB pages), got 128 (-EINVAL)',
  ],
  [
    'ring_range on a driver with fixed limits',
    withLine(8, '    driver: hns3').replace('ring: 1024', 'ring: 1024\n    ring_range: { max: 4096 }'),
    'nics[0].ring_range',
    12,
    17,
    'only gve takes its ring range from the device; hns3 has fixed limits',
  ],
  ['bad unit', withLine(9, '    link: 100GB'), 'nics[0].link', 9, 11, 'expected a bit rate such as 25Gbit/s or 200Gbit, got "100GB"'],
  [
    'duration without unit',
    withLine(2, 'duration: 100'),
    'duration',
    2,
    11,
    'expected a duration such as 50us, 1.5ms or 2s, got number 100',
  ],
  [
    'bad size',
    withLine(5, '  memory: { per_node: 16 GX }'),
    'host.memory.per_node',
    5,
    23,
    'expected a size such as 4096, 64MiB or 4GiB, got "16 GX"',
  ],
  [
    'custom tag',
    withLine(14, '    packet_size: !imix 1518'),
    'traffic[0].packet_size',
    14,
    18,
    'tags are not allowed in scenario files (they are data), found !imix',
  ],
  [
    'standard tag',
    withLine(1, 'name: !!binary dGVzdA=='),
    'name',
    1,
    7,
    'tags are not allowed in scenario files (they are data), found !!binary',
  ],
  [
    'duplicate key',
    withLine(11, ['    ring: 1024', '    ring: 512']),
    'nics[0].ring',
    12,
    5,
    'duplicate key "ring"; each key may appear once',
  ],
  ['dangling nic reference', withLine(13, '  - nic: eth1'), 'traffic[0].nic', 13, 10, 'no NIC named "eth1"; did you mean "eth0"?'],
  [
    'dangling nic in an event',
    withLine(20, '  - { at: 50ms, ifdown: { nic: wlan0 } }'),
    'events[0].ifdown.nic',
    20,
    32,
    'no NIC named "wlan0"; NICs: eth0',
  ],
  [
    'steer_to queue out of range',
    withLine(15, '    steer_to: [0, 4]'),
    'traffic[0].steer_to[1]',
    15,
    19,
    'queue 4 does not exist: eth0 has 4 queues (0-3)',
  ],
  [
    'app core out of range',
    withLine(18, '    app_cores: [4]'),
    'consumer[0].app_cores[0]',
    18,
    17,
    'core 4 does not exist: host.cpu.cores is 4 (cores 0-3)',
  ],
  [
    'watermarks out of order',
    withLine(5, '  memory: { watermarks: { min: 64MiB, low: 32MiB, high: 96MiB } }'),
    'host.memory.watermarks.low',
    5,
    44,
    'must be at least min (64 MiB), got 32 MiB',
  ],
  [
    'watermark above node memory',
    withLine(5, '  memory: { per_node: 1GiB, watermarks: { min: 64MiB, low: 80MiB, high: 2GiB } }'),
    'host.memory.watermarks.high',
    5,
    73,
    "must be below the node's memory (per_node 1 GiB), got 2 GiB",
  ],
  [
    'event after the end',
    withLine(20, '  - { at: 2s, ifdown: { nic: eth0 } }'),
    'events[0].at',
    20,
    11,
    'is after the end of the run (duration 100ms), got 2s',
  ],
  [
    'event kind typo',
    withLine(20, '  - { at: 50ms, ifdwn: { nic: eth0 } }'),
    'events[0].ifdwn',
    20,
    17,
    'unknown key "ifdwn"; did you mean "ifdown"?',
  ],
  [
    'event without a kind',
    withLine(20, '  - { at: 50ms }'),
    'events[0]',
    20,
    5,
    'expected exactly one of the keys memory_pressure, consumer_stall, ifdown, ifup, bind, unbind, socket_close, token_stall, fail_function, dma_map_error, unregister, netns_exit, irq_affinity, got none of them',
  ],
  [
    'union: literal typo',
    withLine(14, '    packet_size: imx'),
    'traffic[0].packet_size',
    14,
    18,
    'expected a number, "imix" or a mapping, got "imx"; did you mean "imix"?',
  ],
  [
    'union: the branch that matched',
    withLine(14, '    packet_size: { weighted: [{ size: 64, weigth: 1 }] }'),
    'traffic[0].packet_size.weighted[0].weigth',
    14,
    43,
    'unknown key "weigth"; did you mean "weight"?',
  ],
  [
    'union: a present key with a wrong value picks its branch',
    withLine(18, '    read_latency: { fixed: 5 }'),
    'consumer[0].read_latency.fixed',
    18,
    28,
    'expected a duration such as 50us, 1.5ms or 2s, got number 5',
  ],
  [
    'union: a selector key with the wrong kind of value',
    withLine(20, '  - { at: 50ms, ifdown: eth0 }'),
    'events[0].ifdown',
    20,
    25,
    'expected a mapping, got string "eth0"',
  ],
  ['missing required key', withLine(9, null), 'nics[0].link', 7, 5, 'missing; expected a bit rate such as 25Gbit/s or 200Gbit'],
  [
    'bad compare path: index',
    withLine(22, '  nics[2].ring: [512]'),
    'compare["nics[2].ring"]',
    22,
    3,
    'nics has 1 entry; index 2 does not exist',
  ],
  [
    'bad compare path: key',
    withLine(22, '  colour: [red]'),
    'compare.colour',
    22,
    3,
    'unknown key "colour" (use a scenario path such as nics[0].ring, host.iommu, or a NIC/traffic/consumer field name such as variant)',
  ],
  [
    'bad compare path: unknown key on the path',
    withLine(22, '  nics[0].rnig: [512]'),
    'compare["nics[0].rnig"]',
    22,
    3,
    'unknown key "rnig" in nics[0]; did you mean "ring"?',
  ],
  [
    'bad compare path: syntax',
    withLine(22, '  "nics..ring": [512]'),
    'compare["nics..ring"]',
    22,
    3,
    '"nics..ring" is not a path; write e.g. nics[0].ring, host.iommu, traffic[0].packet_size or variant',
  ],
  [
    'compare value that does not validate',
    withLine(22, '  ring: [512, 1000]'),
    'compare.ring[1]',
    22,
    15,
    'as nics[0].ring: gve: must be a power of two ("Requested descriptor count has to be a power of 2"), got 1000 (-EINVAL)',
  ],
  [
    'compare enum value',
    withLine(22, '  variant: [page, netmme]'),
    'compare.variant[1]',
    22,
    19,
    'as nics[0].variant: must be one of page, netmem, got "netmme"; did you mean "netmem"?',
  ],
  [
    'YAML syntax error',
    withLine(15, '    steer_to: [0, 1'),
    'traffic[0].steer_to[1]',
    16,
    1,
    'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ],
];

describe('parseScenario: located errors', () => {
  it.each(CASES)('%s', (_name, text, path, line, col, message) => {
    const errors = errorsOf(text);
    expect(errors, JSON.stringify(errors)).toContainEqual({ path, line, col, message });
  });
});

describe('parseScenario: data-only YAML, bounded', () => {
  it('rejects an alias bomb without expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
    ].join('\n');
    const [e, ...rest] = errorsOf(bomb);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ path: 'b[0]', line: 2, col: 8 });
    expect(e.message).toMatch(/^alias expansion exceeds the limit of 100/);
  });
  it('rejects an oversize file before parsing it', () => {
    expect(errorsOf(baseText(), { maxBytes: 100 })).toEqual([
      { path: '', line: 1, col: 1, message: `file is ${baseText().length} B; scenario files are limited to 100 B` },
    ]);
    const big = `name: x\ndescription: "${'y'.repeat(1024 * 1024)}"\n`;
    expect(errorsOf(big)[0].message).toBe('file is 1.0 MiB; scenario files are limited to 1.0 MiB');
  });
  it('counts the size in UTF-8 bytes', () => {
    const text = `name: "${'µ'.repeat(60)}"\n`; // 60 characters, 120 bytes in UTF-8
    expect(errorsOf(text, { maxBytes: 100 })[0].message).toMatch(/^file is 1\d\d B/);
  });
  it('rejects an alias without an anchor', () => {
    expect(errorsOf(withLine(18, '    app_cores: *cores'))).toContainEqual({
      path: 'consumer[0].app_cores',
      line: 18,
      col: 16,
      message: 'alias *cores has no anchor &cores before it',
    });
  });
  it('rejects several documents in one file', () => {
    const e = errorsOf(`${baseText()}---\nname: second\n`);
    expect(e[0].message).toMatch(/^YAML syntax error: Source contains multiple documents/);
    expect(e[0].line).toBe(23);
  });
  it('locates errors the same with CRLF line ends or a byte-order mark', () => {
    const text = withLine(11, '    ring: 1000');
    const expected = {
      path: 'nics[0].ring',
      line: 11,
      col: 11,
      message: 'gve: must be a power of two ("Requested descriptor count has to be a power of 2"), got 1000 (-EINVAL)',
    };
    expect(errorsOf(text.replace(/\n/g, '\r\n'))).toEqual([expected]);
    expect(errorsOf(`\uFEFF${text}`)).toEqual([expected]);
  });
  it('rejects tab indentation', () => {
    expect(errorsOf('\tname: x\n')).toEqual([
      { path: '', line: 1, col: 1, message: 'YAML syntax error: Tabs are not allowed as indentation' },
    ]);
  });
  it('treats merge keys as ordinary (unknown) keys', () => {
    expect(errorsOf(withLine(11, '    <<: { ring: 1024 }'))).toContainEqual(
      expect.objectContaining({ path: 'nics[0]["<<"]', line: 11, col: 5 }),
    );
  });
  it.each([
    ['', 'the file is empty; a scenario is a mapping with name, duration, nics and traffic'],
    ['- a\n- b\n', 'a scenario must be a mapping (name, duration, nics, traffic, …), got a list'],
    ['just text\n', 'a scenario must be a mapping (name, duration, nics, traffic, …), got string "just text"'],
  ])('rejects a document that is not a mapping: %j', (text, message) => {
    expect(errorsOf(text)).toEqual([{ path: '', line: 1, col: 1, message }]);
  });
});

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
