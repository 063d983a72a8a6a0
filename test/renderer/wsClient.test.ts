// The browser transport refuses a request larger than the web host's frame limit before sending
// it (the host would close the socket on it), and tells why the host closed a socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { closeReason, createWsApi } from '../../renderer/src/api/wsClient';
import { MAX_REQUEST_FRAME_BYTES } from '../../shared/apiLimits';

let wss: WebSocketServer;
let received = 0;
beforeAll(async () => {
  (globalThis as { window?: EventTarget }).window ??= new EventTarget();
  // Node before 22 has no global WebSocket; `ws` speaks the same browser-style API.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: MAX_REQUEST_FRAME_BYTES });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  wss.on('connection', (ws) =>
    ws.on('message', (d) => {
      received++;
      const { id } = JSON.parse(String(d)) as { id: number };
      ws.send(JSON.stringify({ id, ok: true, result: [] }));
    }),
  );
});
afterAll(() => {
  for (const c of wss.clients) c.terminate();
  wss.close();
});

describe('web transport', () => {
  it('a request over the frame limit fails with EFBIG locally; the connection stays usable', async () => {
    const api = createWsApi(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/api`);
    const big = 'x'.repeat(MAX_REQUEST_FRAME_BYTES);
    await expect(api.validateScenario(big)).rejects.toMatchObject({ name: 'EFBIG', message: /the web host accepts at most 6\.1 MiB/ });
    expect(received).toBe(0);
    await expect(api.listScenarios()).resolves.toEqual([]);
    expect(received).toBe(1);
  });

  it('names the close codes the host uses', () => {
    expect(closeReason(1009, '')).toMatch(/larger than the 6\.1 MiB the web host accepts/);
    expect(closeReason(1007, '')).toMatch(/UTF-8/);
    expect(closeReason(4000, '')).toBe('code 4000');
    expect(closeReason(1000, 'bye')).toBe('bye');
  });
});
