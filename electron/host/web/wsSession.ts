// One browser's WebSocket: requests in, answers and run events out. A malformed request is
// answered with an error (the connection stays); a malformed frame makes `ws` close the socket
// with the RFC 6455 status code (1002 protocol error, 1007 invalid UTF-8, 1009 too big), and the
// 'error' it then emits is handled here: nothing a client sends can end the host process.
import type { WebSocket } from 'ws';
import type { WireEvent, WireResponse } from '../../../shared/apiWire';
import { encodeSamples } from '../../../shared/apiWire';
import type { WorkbenchService } from '../workbenchService';
import { apiError, toErrorShape } from '../apiError';

/** Request ids the client picks: positive safe integers (JSON numbers beyond them lose precision). */
function isRequestId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

export function attachSession(ws: WebSocket, s: WorkbenchService, log: (msg: string) => void): void {
  const send = (m: WireResponse | WireEvent): void => {
    if (ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(m);
    } catch (e) {
      // A result that does not serialize is the host's bug; the client still gets an answer.
      if (!('id' in m)) return;
      text = JSON.stringify({ id: m.id, ok: false, error: toErrorShape(e) } satisfies WireResponse);
    }
    ws.send(text);
  };
  const refuse = (message: string): void => send({ event: 'request-error', data: toErrorShape(apiError('EINVAL', message)) });

  const offRun = s.onRunEvent((e) => {
    if (ws.readyState !== ws.OPEN) return;
    if (e.type === 'samples') ws.send(encodeSamples(e), { binary: true });
    else send({ event: 'run', data: e });
  });
  const offLib = s.onLibraryChanged((e) => send({ event: 'library', data: e }));
  const offCmd = s.onCommand((c) => send({ event: 'command', data: c }));
  ws.on('close', () => {
    offRun();
    offLib();
    offCmd();
  });
  ws.on('error', (err) => {
    log(`web host: closed a WebSocket: ${err.message}`);
  });

  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      refuse('binary frames are not requests: send a JSON text frame');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      refuse('the request is not JSON');
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      refuse('a request is a JSON object { id, method, args }');
      return;
    }
    const { id, method, args } = parsed as { id?: unknown; method?: unknown; args?: unknown };
    if (!isRequestId(id)) {
      refuse('the request id must be a positive integer');
      return;
    }
    let pending: Promise<unknown>;
    try {
      pending = s.invoke(method, args);
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      (result) => send({ id, ok: true, result: result ?? null }),
      (err: unknown) => send({ id, ok: false, error: toErrorShape(err) }),
    );
  });
}
