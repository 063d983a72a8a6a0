// Runs queued mount callbacks one per macrotask, so several heavy widgets (ECharts instances)
// appearing together do not add up to one long main-thread task.
const queue: (() => void)[] = [];
let scheduled = false;

function pump(): void {
  scheduled = false;
  const next = queue.shift();
  if (next) next();
  if (queue.length > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(pump, 0);
}

/** Queue `fn`; returns a function that removes it if it has not run yet. */
export function enqueueMount(fn: () => void): () => void {
  queue.push(fn);
  schedule();
  return () => {
    const i = queue.indexOf(fn);
    if (i >= 0) queue.splice(i, 1);
  };
}
