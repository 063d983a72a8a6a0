// Connections to the queue's Redis. Workers keep retrying forever (BullMQ needs
// maxRetriesPerRequest: null for its blocking commands, and a worker should outlive a Redis
// restart); the submitting side gives up quickly, so an unreachable Redis is a clear error and not
// a hang.
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { QueueAddress } from './queueUrl';

export class QueueUnreachableError extends Error {
  constructor(
    readonly address: QueueAddress,
    cause: string,
  ) {
    super(`cannot reach Redis at ${address.redactedUrl}: ${cause}`);
    this.name = 'QueueUnreachableError';
  }
}

export function connectionOptions(a: QueueAddress, role: 'worker' | 'submitter'): RedisOptions {
  const base: RedisOptions = {
    host: a.host,
    port: a.port,
    db: a.db,
    username: a.username,
    password: a.password,
    tls: a.tls ? {} : undefined,
    connectTimeout: 5000,
    // Not the URL: it would carry the password into CLIENT LIST.
    connectionName: `netmem-workbench-${role}`,
  };
  return role === 'worker'
    ? { ...base, maxRetriesPerRequest: null, retryStrategy: (times: number) => Math.min(times * 250, 5000) }
    : { ...base, maxRetriesPerRequest: 1, commandTimeout: 5000, retryStrategy: (times: number) => (times > 3 ? null : times * 200) };
}

function causeOf(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}${err.message && !err.message.includes(err.code) ? ` (${err.message})` : ''}` : (err.message ?? String(e));
}

/** A submitter connection, checked with PING: throws QueueUnreachableError instead of hanging. */
export async function connectSubmitter(a: QueueAddress): Promise<Redis> {
  const r = new Redis({ ...connectionOptions(a, 'submitter'), lazyConnect: true });
  let lastError: unknown;
  r.on('error', (e) => {
    lastError = e;
  });
  try {
    await r.connect();
    await r.ping();
    return r;
  } catch (e) {
    r.disconnect();
    throw new QueueUnreachableError(a, causeOf(lastError ?? e));
  }
}

export { causeOf as redisErrorCause };
