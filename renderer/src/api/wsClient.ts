// WorkbenchApi over the web host's WebSocket (the browser transport). Requests are JSON frames
// answered by id; run events arrive as JSON, sample batches as binary frames (shared/apiWire).
import type { ApiErrorShape, ApiMethod, LibraryChangedEvent, MenuCommand, RunStreamEvent, WorkbenchApi } from '../../../shared/api';
import { decodeSamples, type WireServerText } from '../../../shared/apiWire';
import { MAX_REQUEST_FRAME_BYTES, sizeText, utf8ByteLength } from '../../../shared/apiLimits';

/** An API error as the host raised it: `name` is the errno name (ENOENT, EINVAL, …). */
export class WorkbenchError extends Error {
  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = shape.name;
  }
}

/** window event fired when the web host connection closes (detail: the reason). */
export const DISCONNECTED_EVENT = 'workbench-disconnected';

type Pending = { resolve(v: unknown): void; reject(e: Error): void };

/** Why the host closed the socket, for the status codes RFC 6455 §7.4.1 defines and `ws` uses. */
const CLOSE_REASONS: Record<number, string> = {
  1002: 'protocol error',
  1003: 'unsupported data',
  1007: 'a message was not valid UTF-8',
  1009: `a message was larger than the ${sizeText(MAX_REQUEST_FRAME_BYTES)} the web host accepts`,
  1011: 'the web host hit an internal error',
};

export function closeReason(code: number, reason: string): string {
  return reason || CLOSE_REASONS[code] || `code ${code}`;
}

export function createWsApi(url: string): WorkbenchApi {
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const open = new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error(`cannot connect to the web host at ${url.replace(/token=[^&]+/, 'token=…')}`)), {
      once: true,
    });
  });
  const pending = new Map<number, Pending>();
  const runListeners = new Set<(e: RunStreamEvent) => void>();
  const libListeners = new Set<(e: LibraryChangedEvent) => void>();
  const cmdListeners = new Set<(c: MenuCommand) => void>();
  let seq = 0;

  ws.addEventListener('message', (m: MessageEvent<string | ArrayBuffer>) => {
    if (typeof m.data !== 'string') {
      const e = decodeSamples(m.data);
      for (const l of runListeners) l(e);
      return;
    }
    const msg = JSON.parse(m.data) as WireServerText;
    if ('id' in msg) {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new WorkbenchError(msg.error));
    } else if (msg.event === 'run') {
      for (const l of runListeners) l(msg.data);
    } else if (msg.event === 'library') {
      for (const l of libListeners) l(msg.data);
    } else if (msg.event === 'command') {
      for (const l of cmdListeners) l(msg.data);
    } else {
      console.warn(`web host refused a request: ${msg.data.message}`);
    }
  });
  ws.addEventListener('close', (e) => {
    for (const p of pending.values()) p.reject(new Error('connection to the web host closed'));
    pending.clear();
    // Tell the page (App shows it): nothing works until it is reloaded against a running host.
    window.dispatchEvent(new CustomEvent(DISCONNECTED_EVENT, { detail: closeReason(e.code, e.reason) }));
  });

  async function call(method: ApiMethod, args: unknown[]): Promise<unknown> {
    await open;
    const id = ++seq;
    const frame = JSON.stringify({ id, method, args });
    // The host closes the socket on a frame over its limit: refuse here and keep the connection.
    const bytes = frame.length <= MAX_REQUEST_FRAME_BYTES / 3 ? frame.length : utf8ByteLength(frame);
    if (bytes > MAX_REQUEST_FRAME_BYTES) {
      throw new WorkbenchError({
        name: 'EFBIG',
        message: `EFBIG: ${method}: the request is ${sizeText(bytes)}; the web host accepts at most ${sizeText(MAX_REQUEST_FRAME_BYTES)}`,
      });
    }
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      ws.send(frame);
    });
  }
  const sub =
    <T>(set: Set<T>) =>
    (l: T): (() => void) => {
      set.add(l);
      return () => {
        set.delete(l);
      };
    };

  // Each method forwards its own arguments: the list must match ApiMethod exactly (type-checked).
  const api: WorkbenchApi = {
    listScenarios: () => call('listScenarios', []) as never,
    openScenarioDialog: () => call('openScenarioDialog', []) as never,
    getScenario: (id) => call('getScenario', [id]) as never,
    validateScenario: (yaml) => call('validateScenario', [yaml]) as never,
    saveScenario: (id, yaml, baseRevision) => call('saveScenario', [id, yaml, baseRevision]) as never,
    saveScenarioAs: (id, yaml) => call('saveScenarioAs', [id, yaml]) as never,
    startRun: (id, opts) => call('startRun', opts === undefined ? [id] : [id, opts]) as never,
    cancelRun: (id) => call('cancelRun', [id]) as never,
    listRuns: () => call('listRuns', []) as never,
    getRunDocument: (id) => call('getRunDocument', [id]) as never,
    startCompare: (req) => call('startCompare', [req]) as never,
    getCompareDocument: (id) => call('getCompareDocument', [id]) as never,
    exportReport: (id, format) => call('exportReport', [id, format]) as never,
    hostInfo: () => call('hostInfo', []) as never,
    listRecent: () => call('listRecent', []) as never,
    openScenarioFiles: (paths) => call('openScenarioFiles', [paths]) as never,
    openScenarioText: (name, yaml) => call('openScenarioText', [name, yaml]) as never,
    openMeasuredDialog: (intervalS) => call('openMeasuredDialog', intervalS === undefined ? [] : [intervalS]) as never,
    openMeasuredText: (files, intervalS) => call('openMeasuredText', intervalS === undefined ? [files] : [files, intervalS]) as never,
    revealInFolder: (id) => call('revealInFolder', [id]) as never,
    onRunEvent: sub(runListeners),
    onLibraryChanged: sub(libListeners),
    onCommand: sub(cmdListeners),
  };
  return api;
}
