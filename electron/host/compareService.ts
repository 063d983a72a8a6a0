// Compare in the app: expand a scenario's `compare` matrix × `repeat` (D's expandMatrix, A's
// applyOverrides), run every point through the run manager — so each run streams live like any
// other and the compare view can overlay them while they run — and, once all are done, build the
// compare document (D's table builder, injected) for the side-by-side table.
import type { CompareRequest, RunInfo, RunStreamEvent } from '../../shared/api';
import type { ComparePoint, CompareDocument, CompareValue } from '../../shared/sim/result/compareDocument';
import type { RunDocument } from '../../shared/sim/result/runDocument';
import type { Scenario } from '../../shared/scenario/schema';
import { expandMatrix } from '../../shared/sim/compare/expand';
import { applyOverrides } from '../../shared/scenario/parse';
import type { ScenarioLibrary } from './scenarioLibrary';
import type { RunManager } from './runManager';
import { apiError } from './apiError';

export interface CompareBuildInput {
  scenario: Scenario;
  points: ComparePoint[];
  repeat: number;
  /** runs[point][repeat] */
  runs: RunDocument[][];
  wall_ms: number;
  workers: number;
}

/** Builds the compare document from finished runs (engineer D's builder). */
export type CompareDocumentBuilder = (input: CompareBuildInput) => CompareDocument;

interface Compare {
  id: string;
  scenario: Scenario;
  points: ComparePoint[];
  repeat: number;
  /** runIds[point][repeat] */
  runIds: string[][];
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
    private readonly build: CompareDocumentBuilder,
    private readonly now: () => number = () => performance.now(),
  ) {}

  has(id: string): boolean { return this.compares.has(id); }

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
    const repeat = req.repeat ?? base.repeat;
    let points: ComparePoint[];
    try {
      points = expandMatrix(base.compare as Record<string, CompareValue[]>, base.seed, repeat).points;
    } catch (e) {
      throw apiError('EINVAL', (e as Error).message);
    }
    // Resolve every point before starting anything: a bad override fails the compare up front.
    const scenarios: Scenario[][] = points.map((p) => p.seeds.map((seed) => {
      const r = applyOverrides(doc, { ...p.overrides, seed });
      if (!r.ok) throw apiError('EINVAL', `compare point '${p.label}': ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
      return r.scenario;
    }));
    const compareId = `cmp-${++this.seq}`;
    const started = this.now();
    const runIds: string[][] = [];
    const infos: RunInfo[] = [];
    points.forEach((p, i) => {
      runIds.push(scenarios[i].map((s, r) => {
        const label = repeat > 1 ? `${p.label} #${r + 1}` : p.label;
        const info = this.runs.start(req.scenarioId, s, label, { compareId, point: i });
        infos.push(info);
        return info.runId;
      }));
    });
    const c: Compare = { id: compareId, scenario: base, points, repeat, runIds, state: 'running', doc: null };
    this.compares.set(compareId, c);
    void this.collect(c, started);
    return { compareId, runs: infos };
  }

  document(compareId: string): CompareDocument {
    const c = this.get(compareId);
    if (!c.doc) throw apiError('EBUSY', `compare ${compareId} is ${c.state}${c.error ? ` (${c.error})` : ''}; its document exists once every run is done`);
    return c.doc;
  }

  /** Cancel every run of the compare that has not finished. */
  cancel(compareId: string): void {
    const c = this.get(compareId);
    for (const row of c.runIds) for (const id of row) this.runs.cancel(id);
  }

  private get(id: string): Compare {
    const c = this.compares.get(id);
    if (!c) throw apiError('ENOENT', `no compare with id '${id}'`);
    return c;
  }

  private async collect(c: Compare, started: number): Promise<void> {
    const settled = await Promise.allSettled(c.runIds.flat().map((id) => this.runs.settled(id)));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      const cancelled = failed.reason instanceof Error && failed.reason.name === 'RunCancelledError';
      c.state = cancelled ? 'cancelled' : 'failed';
      c.error = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
    } else {
      const docs = settled.map((s) => (s as PromiseFulfilledResult<RunDocument>).value);
      const runs = c.runIds.map((row, i) => row.map((_, r) => docs[i * c.repeat + r]));
      try {
        c.doc = this.build({ scenario: c.scenario, points: c.points, repeat: c.repeat, runs, wall_ms: this.now() - started, workers: this.runs.workers });
        c.state = 'done';
      } catch (e) {
        c.state = 'failed';
        c.error = `building the compare document failed: ${(e as Error).message}`;
      }
    }
    const e: RunStreamEvent = { type: 'compare-finished', compareId: c.id, state: c.state, ...(c.error ? { error: c.error } : {}) };
    for (const l of this.listeners) l(e);
  }
}
