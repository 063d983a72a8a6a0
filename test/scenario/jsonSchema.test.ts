import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText, SCHEMA_FILE } from '../../shared/scenario/jsonSchema';
import { parseBitRate, parseBytes, parseDuration, parsePacketRate } from '../../shared/doc/units';

type Node = Record<string, unknown> & { properties?: Record<string, Node>; items?: Node; anyOf?: Node[] };
const schema = scenarioJsonSchema() as Node;
const props = (n: Node) => n.properties as Record<string, Node>;

describe('JSON Schema of scenario files', () => {
  it('the shipped file is the generated output (regenerate: npm run cli -- schema --out schema/scenario.schema.json)', () => {
    const shipped = readFileSync(new URL(`../../${SCHEMA_FILE}`, import.meta.url), 'utf8');
    expect(shipped).toBe(scenarioJsonSchemaText());
  });
  it('is draft-07, the draft yaml-language-server validates with', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(JSON.stringify(schema)).not.toMatch(/"\$defs"|"prefixItems"|"unevaluatedProperties"|"\$dynamicRef"/);
  });
  it('is strict about keys and requires what the parser requires', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name', 'duration', 'nics', 'traffic']);
    expect(props(schema).nics.items!.additionalProperties).toBe(false);
  });
  it('unit fields are strings with a pattern, numbers only where unambiguous, with descriptions', () => {
    const duration = props(schema).duration;
    expect(duration).toMatchObject({ type: 'string', description: 'a duration such as 50us, 1.5ms or 2s' });
    expect(typeof duration.pattern).toBe('string');
    const perNode = props(props(props(schema).host).memory).per_node;
    expect(perNode.anyOf!.map((b) => b.type)).toEqual(['string', 'number']);
    const link = props(props(schema).nics.items!).link;
    expect(link.type).toBe('string');
    expect(props(props(schema).nics.items!).ring).toMatchObject({ type: 'integer' });
  });
  it('enums list the allowed values', () => {
    expect(props(props(schema).nics.items!).driver.enum).toEqual(['generic', 'gve', 'mlx4', 'mt76', 'hns3', 'mlx5']);
  });
  it('no default contradicts its own type', () => {
    const bad: string[] = [];
    const walk = (n: unknown, at: string) => {
      if (!n || typeof n !== 'object') return;
      const o = n as Node;
      if ('default' in o && o.type === 'string' && typeof o.default !== 'string') bad.push(at);
      for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
    };
    walk(schema, '');
    expect(bad).toEqual([]);
  });
  // The patterns editors check must accept exactly what the parsers accept.
  it.each([
    ['duration', parseDuration, ['50us', '1.5ms', '2s', '1min', '100ns', ' 3 s'], ['2', '2 sec', '-1s', '1e3us', '2S']],
    ['per_node', parseBytes, ['4096B', '64MiB', '4GiB', '1KB'], ['4 GX', '4gib', 'GiB']],
    ['link', parseBitRate, ['200Gbit', '25Gbit/s', '10Gbps', '100Mbit'], ['200GB', '200G', '10Gbit/ms']],
  ] as const)('pattern of %s agrees with the parser', (field, parse, good, bad) => {
    const node =
      field === 'duration'
        ? props(schema).duration
        : field === 'per_node'
          ? props(props(props(schema).host).memory).per_node.anyOf![0]
          : props(props(schema).nics.items!).link;
    const re = new RegExp(node.pattern as string);
    for (const g of good) {
      expect(re.test(g), g).toBe(true);
      expect(parse(g).ok, g).toBe(true);
    }
    for (const b of bad) expect(re.test(b), b).toBe(false);
  });
  it('packet rates have a pattern too', () => {
    const rate = props(props(schema).traffic.items!).rate;
    const patterns = JSON.stringify(rate);
    expect(patterns).toContain('pps');
    expect(parsePacketRate('10Mpps')).toEqual({ ok: true, value: 10e6 });
  });
});
