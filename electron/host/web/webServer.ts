// The web host's server: the built renderer as static files and WorkbenchApi over a WebSocket,
// bound to 127.0.0.1, with a random token per start. The page, the socket and every download
// need the token; every request needs a Host header naming one of our addresses (DNS rebinding)
// and the socket also an Origin among them (no cross-site WebSocket hijacking). Every parse of
// what a client sends is guarded and every socket has an 'error' listener: a request is answered
// or refused, never able to end the process.
import http from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_REQUEST_FRAME_BYTES } from '../../../shared/apiLimits';
import type { WorkbenchService } from '../workbenchService';
import { AllowedAddresses, decodePathPart, parseTarget } from './requestGuard';
import { attachSession } from './wsSession';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
};
/** A slow client gets this long to send its headers, and its whole request. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

export function contentSecurityPolicy(socketOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${socketOrigins.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
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
  /** origins a browser reaches this host at through a tunnel or proxy (`--public-origin`) */
  publicOrigins?: readonly string[];
  /** where refused requests and closed sockets are reported (default: stderr) */
  log?: (msg: string) => void;
}

export class WebServer {
  readonly token: string;
  private server: http.Server | null = null;
  private wss: WebSocketServer | null = null;
  private port = 0;
  private allowed = new AllowedAddresses(0, []);
  private readonly log: (msg: string) => void;

  constructor(private readonly o: WebServerOptions) {
    this.token = o.token ?? randomBytes(24).toString('base64url');
    this.log =
      o.log ??
      ((m) => {
        process.stderr.write(`${m}\n`);
      });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/?token=${this.token}`;
  }
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  downloadPath(name: string): string {
    return `/exports/${this.token}/${encodeURIComponent(name)}`;
  }

  async listen(): Promise<string> {
    const server = http.createServer((req, res) => {
      this.onHttp(req, res).catch((e: unknown) => {
        this.log(`web host: request failed: ${String(e)}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    server.headersTimeout = HEADERS_TIMEOUT_MS;
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    // A request Node's parser refuses (bad request line, oversized headers, smuggling attempts).
    server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
      const status =
        err.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? '408 Request Timeout'
            : '400 Bad Request';
      if (socket.writable && err.code !== 'ECONNRESET') socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      else socket.destroy();
    });
    const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_FRAME_BYTES });
    wss.on('error', (err) => this.log(`web host: WebSocket server: ${err.message}`));
    server.on('upgrade', (req, socket, head) => this.onUpgrade(wss, req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.o.port ?? 0, '127.0.0.1', () => resolve());
    });
    server.on('error', (err) => this.log(`web host: ${err.message}`));
    this.port = (server.address() as AddressInfo).port;
    this.allowed = new AllowedAddresses(this.port, this.o.publicOrigins ?? []);
    this.server = server;
    this.wss = wss;
    return this.url;
  }

  private onUpgrade(wss: WebSocketServer, req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    // Node's HTTP server stops listening for errors on a socket it hands to 'upgrade'.
    socket.on('error', () => socket.destroy());
    const refuse = (status: string): void => {
      if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      else socket.destroy();
    };
    const u = parseTarget(req.url);
    if (!u) {
      refuse('400 Bad Request');
      return;
    }
    if (
      u.pathname !== '/api' ||
      !this.tokenOk(u.searchParams.get('token')) ||
      !this.allowed.hostOk(req.headers.host) ||
      !this.allowed.originOk(req.headers.origin)
    ) {
      refuse('403 Forbidden');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachSession(ws, this.o.service, this.log));
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
      'Content-Security-Policy': contentSecurityPolicy(this.allowed.socketOrigins()),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
  }

  private async onHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const text = this.headers('text/plain; charset=utf-8');
    if (!this.allowed.hostOk(req.headers.host)) {
      res
        .writeHead(403, text)
        .end(
          `403: Host ${JSON.stringify(req.headers.host ?? '')} is not an address of this web host (for a tunnel, start it with --public-origin URL)\n`,
        );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const u = parseTarget(req.url);
    if (!u) {
      res.writeHead(400, text).end('400: the request target does not parse\n');
      return;
    }
    let file: string | null = null;
    let download = false;
    if (u.pathname === '/' || u.pathname === '/index.html') {
      // The page itself needs the token: without it nobody else on the machine gets the UI.
      if (!this.tokenOk(u.searchParams.get('token'))) {
        res.writeHead(403, text).end('403: open the URL the web host printed (it carries the session token)\n');
        return;
      }
      file = path.join(this.o.rendererDir, 'index.html');
    } else if (u.pathname.startsWith('/exports/')) {
      const [, , tok, name, ...rest] = u.pathname.split('/');
      if (!this.tokenOk(tok ?? null) || !name || rest.length > 0) {
        res.writeHead(403).end();
        return;
      }
      const decoded = decodePathPart(name);
      if (decoded === null) {
        res.writeHead(400, text).end('400: bad percent-encoding\n');
        return;
      }
      file = safeJoin(this.o.exportDir, decoded);
      download = true;
    } else {
      // Static assets carry nothing secret; they are only the built renderer.
      const decoded = decodePathPart(u.pathname);
      if (decoded === null) {
        res.writeHead(400, text).end('400: bad percent-encoding\n');
        return;
      }
      file = safeJoin(this.o.rendererDir, decoded);
    }
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    try {
      const st = await stat(file);
      if (!st.isFile()) throw new Error('not a file');
      const h = this.headers(MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
      h['Content-Length'] = st.size;
      if (download) h['Content-Disposition'] = `attachment; filename="${path.basename(file).replace(/[^A-Za-z0-9._ ()-]/g, '_')}"`;
      res.writeHead(200, h);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const stream = createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch {
      res.writeHead(404, text).end('404\n');
    }
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
