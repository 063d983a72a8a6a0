// Web host: the token guards the page, the socket and downloads; the socket speaks WorkbenchApi
// (JSON requests, errno-named errors) and streams samples as binary frames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { WebServer, safeJoin } from '../../electron/host/web/webServer';
import { WebPlatform } from '../../electron/host/web/webPlatform';
import { ScenarioLibrary } from '../../electron/host/scenarioLibrary';
import { RunManager, type RunPool } from '../../electron/host/runManager';
import { CompareService } from '../../electron/host/compareService';
import { WorkbenchService } from '../../electron/host/workbenchService';
import { decodeSamples, type WireServerText } from '../../shared/apiWire';
import type { RunJob } from '../../electron/host/workerPool';
import type { RunDocument } from '../../shared/doc/runDocument';

let dir: string;
let server: WebServer;
let service: WorkbenchService;

/** A pool that "runs" by streaming two sample batches synchronously-ish, then finishing. */
const pool: RunPool = {
  size: 1,
  run(scenario, cb): RunJob {
    const promise = new Promise<RunDocument>((resolve) =>
      setTimeout(() => {
        cb.onStarted?.([{ key: 'nic/eth0/rx_packets', unit: 'packets', kind: 'delta', label: 'rx' }]);
        cb.onSamples?.({ t_ns: new Float64Array([1e6, 2e6]), columns: [new Float64Array([5, 6])] });
        setTimeout(
          () =>
            resolve({
              scenario,
              series: { t_ns: [1e6, 2e6], columns: { 'nic/eth0/rx_packets': [5, 6] }, meta: [] },
              events: [],
            } as unknown as RunDocument),
          80,
        );
      }, 10),
    );
    return { id: 1, promise, cancel: () => undefined };
  },
  close: async () => undefined,
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wb-web-'));
  mkdirSync(path.join(dir, 'renderer'));
  writeFileSync(path.join(dir, 'renderer/index.html'), '<!doctype html><title>t</title>');
  mkdirSync(path.join(dir, 'open'));
  writeFileSync(path.join(dir, 'open/s.yaml'), 'name: s\nduration: 10ms\nnics: [{ name: eth0, link: 10Gbit }]\ntraffic: [{ nic: eth0 }]\n');
  const library = new ScenarioLibrary({ shippedDir: null, stateFile: null, watch: false });
  const runs = new RunManager(pool);
  let srv: WebServer | null = null;
  const platform = new WebPlatform(
    [path.join(dir, 'open')],
    path.join(dir, 'exports'),
    (n) => srv!.downloadPath(n),
    () => ['s.yaml'],
  );
  service = new WorkbenchService({
    library,
    runs,
    compares: new CompareService(library, runs, 'test'),
    platform,
    exportReport: async () => undefined,
    version: 'test',
  });
  server = new WebServer({ service, rendererDir: path.join(dir, 'renderer'), exportDir: path.join(dir, 'exports') });
  srv = server;
  await server.listen();
});
afterAll(async () => {
  await server.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

function connect(query: string, origin = server.origin): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/api${query}`, { headers: { Origin: origin } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

describe('web host', () => {
  it('serves the page only with the token, with a CSP header', async () => {
    expect((await fetch(`${server.origin}/`)).status).toBe(403);
    const ok = await fetch(server.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toMatch(/default-src 'self'.*connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/);
    // A page opened as http://localhost:PORT (an ssh forward of the same port) may open its socket too.
    expect(ok.headers.get('content-security-policy')).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:(\d+) ws:\/\/localhost:\1;/);
    expect((await fetch(server.url.replace('127.0.0.1', 'localhost'))).status).toBe(200);
    expect((await fetch(`${server.origin}/../../etc/passwd`)).status).toBe(404);
  });

  it('refuses a socket without the token or from another origin', async () => {
    await expect(connect('')).rejects.toThrow(/403/);
    await expect(connect('?token=nope')).rejects.toThrow(/403/);
    await expect(connect(`?token=${server.token}`, 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('answers requests, names errors by errno, streams samples as binary frames', async () => {
    const ws = await connect(`?token=${server.token}`);
    const texts: WireServerText[] = [];
    const binaries: Buffer[] = [];
    ws.on('message', (d, isBinary) => {
      if (isBinary) binaries.push(d as Buffer);
      else texts.push(JSON.parse(String(d)) as WireServerText);
    });
    const reply = async (id: number) => {
      for (let i = 0; i < 100 && !texts.some((t) => 'id' in t && t.id === id); i++) await new Promise((r) => setTimeout(r, 20));
      return texts.find((t) => 'id' in t && t.id === id)!;
    };
    ws.send(JSON.stringify({ id: 1, method: 'getScenario', args: ['nope'] }));
    expect(await reply(1)).toMatchObject({ ok: false, error: { name: 'ENOENT' } });
    ws.send(JSON.stringify({ id: 2, method: 'openScenarioFiles', args: [['/etc/passwd.yaml']] }));
    expect(await reply(2)).toMatchObject({ ok: false, error: { name: 'EACCES' } });
    ws.send(JSON.stringify({ id: 3, method: 'openScenarioDialog', args: [] }));
    const opened = await reply(3);
    expect(opened).toMatchObject({ ok: true });
    const id = (opened as { result: { id: string }[] }).result[0].id;
    ws.send(JSON.stringify({ id: 4, method: 'startRun', args: [id] }));
    expect(await reply(4)).toMatchObject({ ok: true, result: { state: 'queued' } });
    for (let i = 0; i < 100 && !texts.some((t) => 'event' in t && t.event === 'run' && t.data.type === 'finished'); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(binaries.length).toBeGreaterThan(0);
    const s = decodeSamples(new Uint8Array(binaries[0]));
    expect([...s.t_ns]).toEqual([1e6, 2e6]);
    expect([...s.columns[0]]).toEqual([5, 6]);
    ws.close();
  });

  it('safeJoin keeps paths inside the root', () => {
    expect(safeJoin('/r', '/a/b.js')).toBe('/r/a/b.js');
    expect(safeJoin('/r', '/../x')).toBe('/r/x');
    expect(safeJoin('/r', 'a\0b')).toBeNull();
  });
});
