// `redis://[user[:password]@]host[:port][/db]` (or `rediss://` for TLS), the one way a queue is
// named. The password may also come from NETMEM_REDIS_PASSWORD, so it need not sit in a shell
// history; it is never printed: every message shows `redactedUrl`.
export interface QueueAddress {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  /** the URL as it may be shown: no password */
  redactedUrl: string;
}

export class QueueUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueUrlError';
  }
}

export function parseQueueUrl(raw: string, env: Record<string, string | undefined> = process.env): QueueAddress {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new QueueUrlError(`--queue must be a URL like redis://127.0.0.1:6379/0, got "${raw.replace(/:[^:@/]*@/, ':***@')}"`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new QueueUrlError(`--queue must use redis:// or rediss://, got "${u.protocol}//"`);
  }
  if (!u.hostname) throw new QueueUrlError('--queue names no host');
  if (u.search || u.hash)
    throw new QueueUrlError('--queue takes no query or fragment; put the password in the URL or NETMEM_REDIS_PASSWORD');
  const port = u.port ? Number(u.port) : 6379;
  const dbText = u.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d{1,2}$/.test(dbText))
    throw new QueueUrlError(`--queue database must be a number from 0 to 15, got "${dbText}"`);
  const db = dbText === '' ? 0 : Number(dbText);
  if (db > 15) throw new QueueUrlError(`--queue database must be a number from 0 to 15, got ${db}`);
  const username = u.username ? decodeURIComponent(u.username) : undefined;
  const password = u.password ? decodeURIComponent(u.password) : env.NETMEM_REDIS_PASSWORD || undefined;
  const hostShown = u.hostname.includes(':') ? `[${u.hostname.replace(/^\[|\]$/g, '')}]` : u.hostname;
  const userShown = username ? `${encodeURIComponent(username)}${password ? ':***' : ''}@` : password ? ':***@' : '';
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port,
    db,
    username,
    password,
    tls: u.protocol === 'rediss:',
    redactedUrl: `${u.protocol}//${userShown}${hostShown}:${port}/${db}`,
  };
}
