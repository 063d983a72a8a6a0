// `worker --queue URL`: run compare points from a Redis queue on this machine until stopped.
import { availableParallelism } from 'node:os';
import { EXIT_OK, intArg, parseCommandArgs, QueueError, UsageError, type CliIo, type Command } from '../command';
import { COMMAND_INFO } from './info';

const { usage } = COMMAND_INFO.worker;

const OPTIONS = { queue: { type: 'string' }, concurrency: { type: 'string' }, 'lock-ms': { type: 'string' } } as const;

export const workerCommand: Command = {
  name: 'worker',
  ...COMMAND_INFO.worker,
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
