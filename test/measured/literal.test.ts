// The Python-literal / JSON parser behind the ynl and bpftrace importers: values, and located errors.
import { describe, expect, it } from 'vitest';
import { parseLiteral, parseLiteralStream } from '../../shared/measured/literal';
import { MeasuredParseError } from '../../shared/measured/located';

function err(text: string): MeasuredParseError {
  try {
    parseLiteral(text, 'f.txt');
  } catch (e) {
    if (e instanceof MeasuredParseError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('parseLiteral', () => {
  it('reads pprint and JSON forms to the same value', () => {
    const py = parseLiteral("[{'a': 1, 'b': [True, False, None], 'c': 'x\\'y', 'd': -2.5e3},]", 'p').value;
    const js = parseLiteral('[{"a": 1, "b": [true, false, null], "c": "x\'y", "d": -2.5e3}]', 'j').value;
    expect(py).toEqual(js);
    expect(py).toEqual([{ a: 1, b: [true, false, null], c: "x'y", d: -2500 }]);
  });

  it('reads tuples as lists and bytes as strings', () => {
    expect(parseLiteral("(1, b'ab')", 'f').value).toEqual([1, 'ab']);
  });

  it('locates a missing comma with line and column, expected and found', () => {
    const e = err("[{'a': 1,\n  'b': 2\n  'c': 3}]");
    expect(e.message).toBe(`f.txt:3:3: expected ',' or '}', found "'c': 3}]"`);
  });

  it('locates an unterminated string and a duplicate key', () => {
    expect(err("{'a': 'xyz\n}").message).toMatch(/^f\.txt:1:11: expected a closing ' for the string opened at column 7/);
    expect(err("{'a': 1, 'a': 2}").message).toMatch(/^f\.txt:1:10: expected a key other than "a" \(duplicate\)/);
  });

  it('refuses trailing text, unknown words and deep nesting', () => {
    expect(err('[1] x').message).toMatch(/^f\.txt:1:5: expected end of input after the value, found "x"/);
    expect(err('[Tru]').message).toMatch(/^f\.txt:1:2: expected a value/);
    expect(err('['.repeat(100)).message).toMatch(/at most 64 levels of nesting/);
  });

  it('a stream gives every top-level value with its position', () => {
    const { values } = parseLiteralStream('1700000000.5\n[1]\n1700000001.5\n[2]\n', 's');
    expect(values.map((v) => [v.value, v.pos.line])).toEqual([
      [1700000000.5, 1],
      [[1], 2],
      [1700000001.5, 3],
      [[2], 4],
    ]);
  });
});
