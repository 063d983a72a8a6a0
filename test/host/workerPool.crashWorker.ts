// Fixture for workerPool.test.ts: a run worker that dies without answering (process.exit in the
// worker thread), as a native crash or an out-of-memory kill would.
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', () => {
  process.exit(3);
});
