import { describe, expect, it } from 'vitest';
import { formatScenarioError, parseScenario } from '../../shared/sim/validate/parse';
import { baseText, errorsOf, withLine } from './fixtures';

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
