// Compare in the app: plan a scenario's `compare` matrix × `repeat` (planCompare),
// run every planned run through the run manager — so each streams live like any other run and
// the compare view can overlay them while they run — and, once all are done, build the compare
// document (D's buildCompareDocument) for the side-by-side table.
import type { CompareRequest, RunInfo, RunStreamEvent } from '../../shared/api';
import type { CompareDocument } from '../../shared/doc/compareDocument';
import type { RunDocument } from '../../shared/doc/runDocument';
import { planCompare, type ComparePlan } from '../../shared/sim/compare/plan';
import { buildCompareDocument } from '../../shared/sim/compare/buildDocument';
import type { ScenarioLibrary } from './scenarioLibrary';
import type { RunManager } from './runManager';
import { apiError } from './apiError';
import { parseQueueUrl, type QueueAddress } from './distributed/queueUrl';

interface Compare {
  id: string;
  /** set when the points run on a queue: cancels the submit */
  abort?: AbortController;
  plan: ComparePlan;
  /** in plan order (point-major, repeat-minor) */
  runIds: string[];
  state: 'running' | 'done' | 'failed' | 'cancelled';
  doc: CompareDocument | null;
  error?: string;
}

export class CompareService {
  private readonly compares = new Map<string, Compare>();
  private readonly listeners = new Set<(e: RunStreamEvent) => void>();
  private seq = 0;

  constructor(
    private readonly library: ScenarioLibrary,
    private readonly runs: RunManager,
    private readonly version: string,
    private readonly now: () => number = () => performance.now(),
  ) {}

  has(id: string): boolean {
    return this.compares.has(id);
  }

  onEvent(listener: (e: RunStreamEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(req: CompareRequest): { compareId: string; runs: RunInfo[] } {
    const base = this.library.scenario(req.scenarioId);
    const doc = this.library.scenarioDoc(req.scenarioId);
    if (!base.compare || Object.keys(base.compare).length === 0) {
      throw apiError('EINVAL', `scenario '${base.name}' has no compare matrix; add e.g. \`compare: { variant: [page, netmem] }\``);
    }
    let plan: ComparePlan;
    try {
      plan = planCompare(doc, base, req.repeat);
    } catch (e) {
      throw apiError('EINVAL', (e as Error).message);
    }
    const compareId = `cmp-${++this.seq}`;
    if (req.queue !== undefined) return this.startOnQueue(compareId, req.queue, req.scenarioId, plan);
    const started = this.now();
    // Wall-clock start time lives only in `meta`, as in the run document.
    const startedAt = new Date().toISOString();
    const infos = plan.runs.map((r) => {
      const p = plan.points[r.point];
      const label = plan.repeat > 1 ? `${p.label} #${r.repeat + 1}` : p.label;
      return this.runs.start(req.scenarioId, r.scenario, label, { compareId, point: r.point });
    });
    const c: Compare = { id: compareId, plan, runIds: infos.map((i) => i.runId), state: 'running', doc: null };
    this.compares.set(compareId, c);
    void this.collect(c, started, startedAt);
    return { compareId, runs: infos };
  }

  document(compareId: string): CompareDocument {
    const c = this.get(compareId);
    if (!c.doc)
      throw apiError(
        'EBUSY',
        `compare ${compareId} is ${c.state}${c.error ? ` (${c.error})` : ''}; its document exists once every run is done`,
      );
    return c.doc;
  }

  /** Cancel every run of the compare that has not finished. */
  cancel(compareId: string): void {
    const c = this.get(compareId);
    c.abort?.abort();
    for (const id of c.runIds) this.runs.cancel(id);
  }

  /** The points go to queue workers: no local runs, progress events instead of streams. */
  private startOnQueue(compareId: string, queueUrl: string, scenarioId: string, plan: ComparePlan): { compareId: string; runs: RunInfo[] } {
    let address: QueueAddress;
    try {
      address = parseQueueUrl(queueUrl);
    } catch (e) {
      throw apiError('EINVAL', (e as Error).message.replace(/^--queue/, 'queue'));
    }
    const c: Compare = { id: compareId, plan, runIds: [], state: 'running', doc: null, abort: new AbortController() };
    this.compares.set(compareId, c);
    const scenarioText = this.library.get(scenarioId).yaml;
    void (async () => {
      try {
        // Loaded on demand: a workbench that never names a queue never loads the Redis client.
        const { runDistributedCompare } = await import('./distributed/submit');
        c.doc = await runDistributedCompare({
          address,
          scenarioText,
          plan,
          signal: c.abort!.signal,
          now: this.now,
          onProgress: (p) => this.emit({ type: 'compare-progress', compareId, ...p }),
        });
        c.state = 'done';
      } catch (e) {
        c.state = c.abort!.signal.aborted ? 'cancelled' : 'failed';
        c.error = (e as Error).message;
      }
      this.emit({ type: 'compare-finished', compareId, state: c.state, ...(c.error ? { error: c.error } : {}) });
    })();
    return { compareId, runs: [] };
  }

  private emit(e: RunStreamEvent): void {
    for (const l of this.listeners) l(e);
  }

  private get(id: string): Compare {
    const c = this.compares.get(id);
    if (!c) throw apiError('ENOENT', `no compare with id '${id}'`);
    return c;
  }

  private async collect(c: Compare, started: number, startedAt: string): Promise<void> {
    const settled = await Promise.allSettled(c.runIds.map((id) => this.runs.settled(id)));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      const cancelled = failed.reason instanceof Error && failed.reason.name === 'RunCancelledError';
      c.state = cancelled ? 'cancelled' : 'failed';
      c.error = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
    } else {
      const docs = settled.map((s) => (s as PromiseFulfilledResult<RunDocument>).value);
      try {
        const meta = { wall_ms: this.now() - started, workers: this.runs.workers, started_at: startedAt };
        c.doc = buildCompareDocument(c.plan, docs, meta, this.version);
        c.state = 'done';
      } catch (e) {
        c.state = 'failed';
        c.error = `building the compare document failed: ${(e as Error).message}`;
      }
    }
    this.emit({ type: 'compare-finished', compareId: c.id, state: c.state, ...(c.error ? { error: c.error } : {}) });
  }
}
