// Compare points on a BullMQ queue over Redis: the submitting side, the worker side and what they
// share. Loaded on demand (dynamic import) so commands without --queue never load the Redis client.
export { engineVersion } from './engineVersion';
export { isCompareId, queueName } from './protocol';
export { parseQueueUrl, QueueUrlError, type QueueAddress } from './queueUrl';
export { QueueUnreachableError } from './redis';
export { startQueueWorker, type QueueWorkerHandle } from './queueWorker';
export { DistributedRunError, DistributedSubmitError, runDistributedCompare, type DistributedProgress } from './submit';
