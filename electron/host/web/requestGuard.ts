// Checks every request to the web host makes before anything acts on it: the request target
// parses (a malformed percent-encoding or an unparsable target is a 400, never an exception),
// and the Host and Origin headers name an address this host was started for (DNS rebinding:
// a page on evil.example that resolves its own name to 127.0.0.1 sends `Host: evil.example`).

/** A request target split into its decoded path and its query, or null when it does not parse. */
export interface RequestTarget {
  pathname: string;
  searchParams: URLSearchParams;
}

/**
 * Parse `req.url`. The base only serves to resolve origin-form targets; absolute-form targets
 * (`GET http://x/…`) keep their own path. Returns null on anything URL or percent-decoding refuses.
 */
export function parseTarget(raw: string | undefined): RequestTarget | null {
  if (raw === undefined || raw.length === 0) return null;
  let u: URL;
  try {
    u = new URL(raw, 'http://request.invalid');
  } catch {
    return null;
  }
  return { pathname: u.pathname, searchParams: u.searchParams };
}

/** decodeURIComponent that answers null instead of throwing URIError (`%E0%A4%A`). */
export function decodePathPart(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/**
 * A `--public-origin` value: the scheme, host and port a browser uses to reach this host
 * through a tunnel or reverse proxy (`https://wb.example.org`, `http://localhost:9000`).
 * Returns the normalized origin, or throws with what is wrong.
 */
export function parsePublicOrigin(value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new Error(`--public-origin ${JSON.stringify(value)} is not a URL (expected e.g. http://localhost:9000)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`--public-origin ${value}: the scheme must be http or https`);
  if (u.username || u.password || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) {
    throw new Error(`--public-origin ${value}: give only scheme://host[:port], without a path, query or credentials`);
  }
  return u.origin;
}

/**
 * The addresses a browser may use to reach this host: `http://127.0.0.1:PORT`,
 * `http://localhost:PORT`, and each public origin. Hosts compare case-insensitively.
 */
export class AllowedAddresses {
  private readonly origins: Set<string>;
  private readonly hosts: Set<string>;

  constructor(port: number, publicOrigins: readonly string[]) {
    const all = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...publicOrigins];
    this.origins = new Set(all.map((o) => new URL(o).origin));
    this.hosts = new Set(all.map((o) => new URL(o).host.toLowerCase()));
  }

  /** The Host header (with port unless it is the scheme's default) is one of ours. */
  hostOk(host: string | undefined): boolean {
    return host !== undefined && this.hosts.has(host.toLowerCase());
  }

  /** The Origin header is exactly one of ours (WebSocket: no cross-site socket hijacking). */
  originOk(origin: string | undefined): boolean {
    return origin !== undefined && this.origins.has(origin.toLowerCase());
  }

  /** WebSocket origins for the page's connect-src (ws: for http, wss: for https). */
  socketOrigins(): string[] {
    return [...this.origins].map((o) => o.replace(/^http/, 'ws'));
  }
}
