// Hostile input against the web host, in its own process on 127.0.0.1: malformed HTTP
// requests and upgrade requests, malformed WebSocket frames, bad messages and path tricks
// (test/host/hostileCorpus.ts). Each attack gets the answer it should, and after each one the
// process is still running and serves the page. One request per attack; bounded timeouts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { ATTACKS } from './hostileCorpus';
import { answers, makeWorkDir, startHost, type HostProcess } from './hostileHarness';
import { wsRaw } from './hostileClient';

let work: string;
let host: HostProcess;

beforeAll(async () => {
  work = makeWorkDir();
  host = await startHost(work, ['--public-origin', 'https://wb.example.org']);
}, 30_000);
afterAll(() => {
  host.child.kill();
  rmSync(work, { recursive: true, force: true });
});

describe('web host under hostile input', () => {
  for (const a of ATTACKS) {
    it(`${a.group}: ${a.name}`, async () => {
      const outcome = await a.run(host.target, work);
      expect(outcome).toMatch(a.expect);
      expect(await answers(host), `host stopped answering after "${a.name}": ${host.stderr()}`).toBe(true);
    }, 15_000);
  }

  it('accepts the socket from the public origin it was started with, and nothing else', async () => {
    const t = host.target;
    expect((await wsRaw(t, [], { host: 'wb.example.org', origin: 'https://wb.example.org' })).status).toMatch(/ 101 /);
    expect((await wsRaw(t, [], { host: 'wb.example.org', origin: 'http://wb.example.org' })).status).toMatch(/ 403 /);
    expect((await wsRaw(t, [], { host: 'wb.example.org:8443', origin: 'https://wb.example.org:8443' })).status).toMatch(/ 403 /);
    expect(await answers(host)).toBe(true);
  });
});
