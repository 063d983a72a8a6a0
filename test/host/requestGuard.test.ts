// The web host's request checks: targets that do not parse are null (never an exception), the
// --public-origin value is a bare origin, and Host/Origin are matched against the allowed list.
import { describe, expect, it } from 'vitest';
import { AllowedAddresses, decodePathPart, parsePublicOrigin, parseTarget } from '../../electron/host/web/requestGuard';

describe('request targets', () => {
  it('parses what URL parses and answers null for the rest', () => {
    expect(parseTarget('/api?token=a%20b')).toMatchObject({ pathname: '/api' });
    expect(parseTarget('/api?token=a%20b')!.searchParams.get('token')).toBe('a b');
    expect(parseTarget('//[')).toBeNull();
    expect(parseTarget('')).toBeNull();
    expect(parseTarget(undefined)).toBeNull();
    expect(decodePathPart('/%E0%A4%A')).toBeNull();
    expect(decodePathPart('/a%20b')).toBe('/a b');
  });
});

describe('--public-origin', () => {
  it('accepts scheme://host[:port] and normalizes it', () => {
    expect(parsePublicOrigin('http://localhost:9000')).toBe('http://localhost:9000');
    expect(parsePublicOrigin('https://WB.example.org/')).toBe('https://wb.example.org');
    expect(parsePublicOrigin('https://wb.example.org:443')).toBe('https://wb.example.org');
  });
  it('refuses anything else with what is wrong', () => {
    expect(() => parsePublicOrigin('localhost:9000')).toThrow(/scheme must be http or https/);
    expect(() => parsePublicOrigin('not a url')).toThrow(/is not a URL/);
    expect(() => parsePublicOrigin('https://wb.example.org/app')).toThrow(/without a path/);
    expect(() => parsePublicOrigin('https://u:p@wb.example.org')).toThrow(/credentials/);
    expect(() => parsePublicOrigin('ftp://wb.example.org')).toThrow(/http or https/);
  });
});

describe('allowed addresses', () => {
  const a = new AllowedAddresses(8123, ['https://wb.example.org']);
  it('hosts: 127.0.0.1 and localhost on our port, the public host; case-insensitive', () => {
    for (const h of ['127.0.0.1:8123', 'localhost:8123', 'LOCALHOST:8123', 'wb.example.org']) expect(a.hostOk(h)).toBe(true);
    for (const h of [undefined, '', '127.0.0.1', '127.0.0.1:8124', 'localhost', 'evil.example', 'wb.example.org:443x', '[::1]:8123'])
      expect(a.hostOk(h)).toBe(false);
  });
  it('origins: exact scheme, host and port', () => {
    for (const o of ['http://127.0.0.1:8123', 'http://localhost:8123', 'https://wb.example.org']) expect(a.originOk(o)).toBe(true);
    for (const o of [undefined, 'null', 'http://wb.example.org', 'https://localhost:8123', 'http://127.0.0.1:8124', 'http://evil.example'])
      expect(a.originOk(o)).toBe(false);
  });
  it('socket origins for the page CSP', () => {
    expect(a.socketOrigins()).toEqual(['ws://127.0.0.1:8123', 'ws://localhost:8123', 'wss://wb.example.org']);
  });
});
