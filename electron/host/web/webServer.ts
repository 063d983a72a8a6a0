// The web host's server: the built renderer as static files and WorkbenchApi over a WebSocket,
// bound to 127.0.0.1, with a random token per start. The page, the socket and every download
// need the token; the socket also needs our own Origin (no cross-site WebSocket hijacking).
import http from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireEvent, WireRequest, WireResponse } from '../../../shared/apiWire';
import { encodeSamples } from '../../../shared/apiWire';
import type { WorkbenchService } from '../workbenchService';
import { toErrorShape } from '../apiError';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
  '.woff2': 'font/woff2', '.ico': 'image/x-icon', '.pdf': 'application/pdf', '.csv': 'text/csv; charset=utf-8',
};
/** Largest request frame accepted (a scenario text is ≤ 1 MiB). */
const MAX_FRAME = 2 << 20;

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
    "font-src 'self'", `connect-src 'self' ws://127.0.0.1:${port}`, "object-src 'none'", "base-uri 'none'",
    "form-action 'none'", "frame-ancestors 'none'",
  ].join('; ');
}

export interface WebServerOptions {
  service: WorkbenchService;
  /** built renderer (index.html + assets) */
  rendererDir: string;
  exportDir: string;
  /** 0 picks a free port */
  port?: number;
  token?: string;
}

export class WebServer {
  readonly token: string;
  private server: http.Server | null = null;
  private wss: WebSocketServer | null = null;
  private port = 0;

  constructor(private readonly o: WebServerOptions) {
    this.token = o.token ?? randomBytes(24).toString('base64url');
  }

  get url(): string { return `http://127.0.0.1:${this.port}/?token=${this.token}`; }
  get origin(): string { return `http://127.0.0.1:${this.port}`; }

  downloadPath(name: string): string { return `/exports/${this.token}/${encodeURIComponent(name)}`; }

  async listen(): Promise<string> {
    const server = http.createServer((req, res) => { void this.onHttp(req, res); });
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });
    server.on('upgrade', (req, socket, head) => {
      const u = new URL(req.url ?? '/', this.origin);
      if (u.pathname !== '/api' || !this.tokenOk(u.searchParams.get('token')) || req.headers.origin !== this.origin) {
        socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.o.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    this.wss = wss;
    return this.url;
  }

  async close(): Promise<void> {
    for (const c of this.wss?.clients ?? []) c.terminate();
    this.wss?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private tokenOk(given: string | null): boolean {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private headers(type: string): http.OutgoingHttpHeaders {
    return {
      'Content-Type': type,
      'Content-Security-Policy': contentSecurityPolicy(this.port),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
  }

  private async onHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, { Allow: 'GET, HEAD' }).end(); return; }
    const u = new URL(req.url ?? '/', this.origin);
    let file: string | null = null;
    let download = false;
    if (u.pathname === '/' || u.pathname === '/index.html') {
      // The page itself needs the token: without it nobody else on the machine gets the UI.
      if (!this.tokenOk(u.searchParams.get('token'))) { res.writeHead(403, this.headers('text/plain; charset=utf-8')).end('403: open the URL the web host printed (it carries the session token)\n'); return; }
      file = path.join(this.o.rendererDir, 'index.html');
    } else if (u.pathname.startsWith('/exports/')) {
      const [, , tok, name] = u.pathname.split('/');
      if (!this.tokenOk(tok ?? null) || !name) { res.writeHead(403).end(); return; }
      file = safeJoin(this.o.exportDir, decodeURIComponent(name));
      download = true;
    } else {
      // Static assets carry nothing secret; they are only the built renderer.
      file = safeJoin(this.o.rendererDir, decodeURIComponent(u.pathname));
    }
    if (!file) { res.writeHead(404).end(); return; }
    try {
      const st = await stat(file);
      if (!st.isFile()) throw new Error('not a file');
      const h = this.headers(MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
      h['Content-Length'] = st.size;
      if (download) h['Content-Disposition'] = `attachment; filename="${path.basename(file).replace(/"/g, '')}"`;
      res.writeHead(200, h);
      if (req.method === 'HEAD') { res.end(); return; }
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, this.headers('text/plain; charset=utf-8')).end('404\n');
    }
  }

  private onSocket(ws: WebSocket): void {
    const s = this.o.service;
    const send = (m: WireResponse | WireEvent): void => { if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m)); };
    const offRun = s.onRunEvent((e) => {
      if (ws.readyState !== ws.OPEN) return;
      if (e.type === 'samples') ws.send(encodeSamples(e), { binary: true });
      else send({ event: 'run', data: e });
    });
    const offLib = s.onLibraryChanged((e) => send({ event: 'library', data: e }));
    const offCmd = s.onCommand((c) => send({ event: 'command', data: c }));
    ws.on('close', () => { offRun(); offLib(); offCmd(); });
    ws.on('message', (data, isBinary) => {
      if (isBinary) { ws.close(1003, 'binary requests are not accepted'); return; }
      let req: WireRequest;
      try {
        req = JSON.parse(String(data)) as WireRequest;
        if (typeof req !== 'object' || req === null || typeof req.id !== 'number') throw new Error('bad request');
      } catch {
        ws.close(1007, 'malformed request');
        return;
      }
      s.invoke(req.method, req.args).then(
        (result) => send({ id: req.id, ok: true, result: result ?? null }),
        (err: unknown) => send({ id: req.id, ok: false, error: toErrorShape(err) }),
      );
    });
  }
}

/** `root` + a URL path, or null when the result would leave `root`. */
export function safeJoin(root: string, urlPath: string): string | null {
  if (urlPath.includes('\0')) return null;
  const full = path.resolve(root, '.' + path.posix.normalize('/' + urlPath));
  const rel = path.relative(root, full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return full;
}
