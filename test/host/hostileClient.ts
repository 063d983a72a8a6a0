// Raw-socket clients for the hostile-input suite: HTTP requests written byte for byte, and
// WebSocket frames built by hand (RFC 6455 §5.2), so nothing in a client library tidies an
// attack up before it reaches the host. Loopback only; every read is bounded by a timeout.
import net from 'node:net';
import { randomBytes } from 'node:crypto';

const READ_TIMEOUT_MS = 2000;

export interface Target {
  host: '127.0.0.1';
  port: number;
  token: string;
}

/** Write `raw`, read until the host closes or the timeout; returns the status line, or 'closed' / 'timeout'. */
export function httpRaw(t: Target, raw: string | Buffer, opts: { reset?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(t.port, t.host);
    let got = '';
    const done = (r: string): void => {
      clearTimeout(timer);
      s.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done(firstLine(got) || 'timeout'), READ_TIMEOUT_MS);
    s.on('error', () => done(firstLine(got) || 'closed'));
    s.on('data', (d) => {
      got += d.toString('latin1');
      if (/\r\n\r\n/.test(got)) done(firstLine(got));
    });
    s.on('end', () => done(firstLine(got) || 'closed'));
    s.on('connect', () => {
      s.write(raw);
      if (opts.reset) {
        s.resetAndDestroy();
        clearTimeout(timer);
        resolve('reset');
      }
    });
  });
}

/** A reply to a request or a request-error (run and library events are broadcasts). */
export function isAnswer(json: string): boolean {
  const m = JSON.parse(json) as { id?: unknown; event?: unknown };
  return m.id !== undefined || m.event === 'request-error';
}

function firstLine(s: string): string {
  const i = s.indexOf('\r\n');
  return i < 0 ? s : s.slice(0, i);
}

export interface FrameSpec {
  opcode: number;
  payload?: Buffer;
  fin?: boolean;
  rsv1?: boolean;
  /** client frames must be masked; false sends an unmasked one */
  mask?: boolean;
  /** announce this payload length in the header instead of the real one */
  announce?: bigint;
}

/** One WebSocket frame as bytes. */
export function frame(f: FrameSpec): Buffer {
  const payload = f.payload ?? Buffer.alloc(0);
  const len = f.announce ?? BigInt(payload.length);
  const mask = f.mask ?? true;
  const head: number[] = [((f.fin ?? true) ? 0x80 : 0) | (f.rsv1 ? 0x40 : 0) | (f.opcode & 0x0f)];
  let ext = Buffer.alloc(0);
  if (len < 126n) head.push((mask ? 0x80 : 0) | Number(len));
  else if (len < 65536n) {
    head.push((mask ? 0x80 : 0) | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(len));
  } else {
    head.push((mask ? 0x80 : 0) | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(len);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), ext, payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i++) masked[i] ^= key[i & 3];
  return Buffer.concat([Buffer.from(head), ext, key, masked]);
}

export const text = (s: string | Buffer): Buffer => frame({ opcode: 1, payload: Buffer.isBuffer(s) ? s : Buffer.from(s) });

export interface WsOutcome {
  /** the 101 handshake's status line, or the refusal's */
  status: string;
  /** close code the host sent, if it closed with a close frame */
  closeCode?: number;
  /** text frames the host sent (JSON answers) */
  texts: string[];
}

/**
 * Open a socket with a hand-made handshake, send `frames`, and collect what comes back until
 * the host closes, an answer arrived (a reply or a request-error, not a broadcast event) when
 * `untilAnswer`, or the timeout.
 */
export function wsRaw(
  t: Target,
  frames: Buffer[],
  opts: { untilAnswer?: boolean; origin?: string; host?: string; path?: string } = {},
): Promise<WsOutcome> {
  return new Promise((resolve) => {
    const s = net.connect(t.port, t.host);
    const out: WsOutcome = { status: '', texts: [] };
    let buf = Buffer.alloc(0);
    let upgraded = false;
    const done = (): void => {
      clearTimeout(timer);
      s.destroy();
      resolve(out);
    };
    const timer = setTimeout(done, READ_TIMEOUT_MS);
    s.on('error', done);
    s.on('end', done);
    s.on('connect', () => {
      s.write(
        [
          `GET ${opts.path ?? `/api?token=${t.token}`} HTTP/1.1`,
          `Host: ${opts.host ?? `127.0.0.1:${t.port}`}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          `Origin: ${opts.origin ?? `http://127.0.0.1:${t.port}`}`,
          '',
          '',
        ].join('\r\n'),
      );
    });
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (!upgraded) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        out.status = firstLine(buf.subarray(0, end).toString('latin1'));
        buf = buf.subarray(end + 4);
        if (!out.status.includes(' 101 ')) {
          done();
          return;
        }
        upgraded = true;
        if (frames.length === 0) {
          done();
          return;
        }
        for (const f of frames) s.write(f);
      }
      // Server frames are unmasked; read whole ones.
      for (;;) {
        if (buf.length < 2) return;
        let len = buf[1] & 0x7f;
        let off = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          off = 4;
        } else if (len === 127) {
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          off = 10;
        }
        if (buf.length < off + len) return;
        const op = buf[0] & 0x0f;
        const payload = buf.subarray(off, off + len);
        buf = buf.subarray(off + len);
        if (op === 1) out.texts.push(payload.toString('utf8'));
        if (op === 8) {
          out.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
          done();
          return;
        }
        if (opts.untilAnswer && op === 1 && isAnswer(payload.toString('utf8'))) {
          done();
          return;
        }
      }
    });
  });
}
