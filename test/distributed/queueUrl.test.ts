// Queue URLs: what is accepted, what is refused, and that a password never reaches a message.
import { describe, expect, it } from 'vitest';
import { checkJobData, JOB_FORMAT } from '../../electron/host/distributed/protocol';
import { parseQueueUrl } from '../../electron/host/distributed/queueUrl';

describe('parseQueueUrl', () => {
  it('reads host, port, db, user and password; shows the URL without the password', () => {
    const a = parseQueueUrl('redis://bench:p%40ss@10.1.2.3:6380/4', {});
    expect(a).toMatchObject({ host: '10.1.2.3', port: 6380, db: 4, username: 'bench', password: 'p@ss', tls: false });
    expect(a.redactedUrl).toBe('redis://bench:***@10.1.2.3:6380/4');
    expect(parseQueueUrl('rediss://[::1]', {})).toMatchObject({
      host: '::1',
      port: 6379,
      db: 0,
      tls: true,
      redactedUrl: 'rediss://[::1]:6379/0',
    });
  });

  it('takes the password from NETMEM_REDIS_PASSWORD when the URL has none, and hides it', () => {
    const a = parseQueueUrl('redis://127.0.0.1', { NETMEM_REDIS_PASSWORD: 'hunter2' });
    expect(a.password).toBe('hunter2');
    expect(a.redactedUrl).toBe('redis://:***@127.0.0.1:6379/0');
  });

  it('refuses other schemes, bad databases and queries, without echoing a password', () => {
    expect(() => parseQueueUrl('http://127.0.0.1', {})).toThrow('--queue must use redis:// or rediss://, got "http://"');
    expect(() => parseQueueUrl('redis://127.0.0.1/16', {})).toThrow('database must be a number from 0 to 15, got 16');
    expect(() => parseQueueUrl('redis://127.0.0.1/x', {})).toThrow('got "x"');
    expect(() => parseQueueUrl('redis://127.0.0.1/0?password=a', {})).toThrow('takes no query');
    let msg = '';
    try {
      parseQueueUrl('not a url:secret@', {});
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).not.toContain('secret');
  });
});

describe('checkJobData', () => {
  const good = {
    format: JOB_FORMAT,
    engine: '0.1.0+abc',
    compareId: '0123456789abcdef',
    index: 1,
    point: 0,
    repeat: 1,
    scenarioText: 'name: x',
    overrides: { variant: 'netmem', 'nics[0].ring': 512, flag: true },
    seed: 7,
  };
  it('accepts a well-formed job', () => {
    expect(checkJobData(good, 1024).ok).toBe(true);
  });
  it.each([
    [{ ...good, format: 'x' }, 'job format must be'],
    [{ ...good, compareId: '../x' }, 'no valid compare id'],
    [{ ...good, index: -1 }, 'index must be a non-negative integer'],
    [{ ...good, seed: 1.5 }, 'seed must be a non-negative integer'],
    [{ ...good, scenarioText: 'x'.repeat(2000) }, 'exceeds 1024 bytes'],
    [{ ...good, overrides: { a: { nested: 1 } } }, 'override "a" is not a scalar'],
    [{ ...good, overrides: [1] }, 'overrides must be an object'],
    [null, 'not an object'],
  ])('refuses %#', (data, message) => {
    const r = checkJobData(data, 1024);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain(message);
  });
});
