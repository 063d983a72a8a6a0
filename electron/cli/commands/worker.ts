// `worker --queue URL`: run compare points from a Redis queue on this machine until stopped.
import { availableParallelism } from 'node:os';
import { EXIT_OK, intArg, parseCommandArgs, QueueError, UsageError, type CliIo, type Command } from '../command';

const usage = `usage: cli worker --queue redis://HOST:PORT[/DB] [options]
  Takes compare points submitted with \`cli compare <scenario> --queue URL\` and runs them here, one
  worker thread per point, until stopped (Ctrl+C waits for the running points; twice stops at once).
  Only points of this checkout's engine version are taken (the version is printed at start).
  The password may be in the URL or NETMEM_REDIS_PASSWORD; it is never printed.
  --queue URL        the Redis that holds the queue
  --concurrency N    points run at once (default: the number of cores)
  --lock-ms N        how long a point of a worker that died waits before another worker takes it
                     (BullMQ lock duration, default 30000; the running worker renews it)
  Exit status: 0 when stopped, 2 for bad arguments, 1 when Redis cannot be reached at start.`;

const OPTIONS = { queue: { type: 'string' }, concurrency: { type: 'string' }, 'lock-ms': { type: 'string' } } as const;

export const workerCommand: Command = {
  name: 'worker',
  summary: 'run compare points from a Redis queue (cli compare --queue) on this machine',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, usage);
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`, usage);
    if (values.queue === undefined) throw new UsageError('--queue is required', usage);
    const concurrency =
      values.concurrency !== undefined ? intArg('concurrency', values.concurrency, 1, 256, usage) : availableParallelism();
    const lockMs = values['lock-ms'] !== undefined ? intArg('lock-ms', values['lock-ms'], 1000, 3_600_000, usage) : undefined;
    const q = await import('../../host/distributed/index');
    let address;
    try {
      address = q.parseQueueUrl(values.queue);
    } catch (e) {
      throw new UsageError((e as Error).message, usage);
    }
    const log = (line: string): void => {
      io.stderr.write(`${new Date().toISOString()} ${line}\n`);
    };
    // Fail fast on a Redis that is not there; afterwards the worker rides out restarts.
    try {
      const probe = await import('../../host/distributed/redis');
      (await probe.connectSubmitter(address)).disconnect();
    } catch (e) {
      throw new QueueError((e as Error).message);
    }
    const handle = await q.startQueueWorker({ address, concurrency, lockMs, log });
    log(`worker: engine ${handle.engine}, queue ${handle.queue} at ${address.redactedUrl}, ${concurrency} at once`);
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (): void => {
        if (stopping) {
          log('stopping now');
          void handle.close(true).then(resolve);
          return;
        }
        stopping = true;
        log('stopping: waiting for the running points (again to stop at once)');
        void handle.close(false).then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return EXIT_OK;
  },
};
