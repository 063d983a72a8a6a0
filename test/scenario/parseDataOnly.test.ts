import { describe, expect, it } from 'vitest';
import { baseText, errorsOf, withLine } from './fixtures';

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
