// The runs store: every run the host reports (own runs and compare points), each with its live
// series (typed arrays, kept out of Vue's reactivity), progress, event log and timing figures.
// Samples only bump a per-run `version`; charts redraw from it at their own pace.
import { defineStore } from 'pinia';
import { computed, markRaw, reactive, ref, shallowReactive } from 'vue';
import type { RunInfo, RunStreamEvent } from '../../../shared/api';
import type { EventRecord, RunDocument, RunProgress } from '../../../shared/doc/runDocument';
import { LiveSeries } from '../../../shared/report/charts/seriesView';
import { getApi } from '../api/transport';
import { useNotices } from './notices';

/** Runs kept in the page (with their series); older finished ones are dropped first. */
export const MAX_RUNS_KEPT = 32;
/** Events kept per run in the log (the run document holds them all). */
export const MAX_LOG_EVENTS = 5000;

export interface LiveRun {
  info: RunInfo;
  progress: RunProgress | null;
  /** typed-array series; markRaw — never deep-reactive */
  live: LiveSeries | null;
  events: EventRecord[];
  /** bumped on every sample batch */
  version: number;
  /** performance.now() when Start was pressed (own runs) and when the first batch arrived */
  startClickedAt: number | null;
  firstSamplesAt: number | null;
  doc: RunDocument | null;
}

export const useRunsStore = defineStore('runs', () => {
  const api = getApi();
  const notices = useNotices();
  // The map is shallow; each run is its own reactive object (its `live` series stays raw).
  const runs = shallowReactive(new Map<string, LiveRun>());
  /** the run shown in the run view */
  const currentId = ref<string | null>(null);
  const current = computed(() => (currentId.value ? (runs.get(currentId.value) ?? null) : null));
  const active = computed(() => [...runs.values()].filter((r) => r.info.state === 'queued' || r.info.state === 'running'));
  type CompareEvent = Extract<RunStreamEvent, { type: 'compare-finished' | 'compare-progress' }>;
  const compareListeners = new Set<(e: CompareEvent) => void>();
  let unsubscribe: (() => void) | null = null;

  function ensure(info: RunInfo): LiveRun {
    let r = runs.get(info.runId);
    if (!r) {
      const fresh: LiveRun = {
        info: { ...info },
        progress: null,
        live: null,
        events: [],
        version: 0,
        startClickedAt: null,
        firstSamplesAt: null,
        doc: null,
      };
      runs.set(info.runId, reactive(fresh) as LiveRun);
      prune();
      r = runs.get(info.runId)!;
    }
    return r;
  }

  /** Drop the oldest finished runs beyond MAX_RUNS_KEPT (never the one on screen). */
  function prune(): void {
    for (const [id, r] of runs) {
      if (runs.size <= MAX_RUNS_KEPT) return;
      const settled = r.info.state !== 'queued' && r.info.state !== 'running';
      if (settled && id !== currentId.value) runs.delete(id);
    }
  }

  function onEvent(e: RunStreamEvent): void {
    if (e.type === 'queued') {
      ensure(e.run);
      return;
    }
    if (e.type === 'compare-finished' || e.type === 'compare-progress') {
      for (const l of compareListeners) l(e);
      return;
    }
    const r = runs.get(e.runId);
    if (!r) return; // a run started by another window before we subscribed
    switch (e.type) {
      case 'started':
        r.info.state = 'running';
        r.live = markRaw(new LiveSeries(e.columns, r.info.sample_ns ?? 0));
        break;
      case 'samples':
        if (!r.live) return;
        r.live.append(e.t_ns, e.columns);
        if (r.firstSamplesAt === null) r.firstSamplesAt = performance.now();
        r.version++;
        break;
      case 'progress':
        r.progress = e.progress;
        break;
      case 'log': {
        const merged =
          r.events.length + e.events.length > MAX_LOG_EVENTS
            ? [...r.events, ...e.events].slice(-MAX_LOG_EVENTS)
            : [...r.events, ...e.events];
        r.events = markRaw(merged);
        break;
      }
      case 'finished':
        r.info.state = e.state;
        if (e.error) {
          r.info.error = e.error;
          notices.error(new Error(`${r.info.label}: ${e.error}`));
        }
        if (e.state === 'done')
          void api.getRunDocument(e.runId).then(
            (d) => {
              r.doc = markRaw(d);
            },
            (err: unknown) => notices.error(err),
          );
        break;
    }
  }

  function init(): void {
    if (!unsubscribe) unsubscribe = api.onRunEvent(onEvent);
  }

  /** `yaml`: the editor's unsaved text, run instead of the file (the host marks the run unsaved). */
  async function start(scenarioId: string, opts: { sensitivity?: boolean; yaml?: string } = {}): Promise<LiveRun | null> {
    const clicked = performance.now();
    try {
      const o = { ...(opts.sensitivity ? { sensitivity: true } : {}), ...(opts.yaml !== undefined ? { yaml: opts.yaml } : {}) };
      const info = await api.startRun(scenarioId, Object.keys(o).length ? o : undefined);
      const r = ensure(info);
      r.startClickedAt = clicked;
      currentId.value = info.runId;
      return r;
    } catch (e) {
      notices.error(e);
      return null;
    }
  }

  async function stop(runId: string | null = currentId.value): Promise<void> {
    if (!runId) return;
    try {
      await api.cancelRun(runId);
    } catch (e) {
      notices.error(e);
    }
  }

  function latestFor(scenarioId: string): LiveRun | null {
    let best: LiveRun | null = null;
    for (const r of runs.values()) if (r.info.scenarioId === scenarioId && !r.info.compareId) best = r;
    return best;
  }

  /** compare-progress (queued compares) and compare-finished events */
  function onCompareEvent(l: (e: CompareEvent) => void): () => void {
    compareListeners.add(l);
    return () => compareListeners.delete(l);
  }

  return { runs, currentId, current, active, init, start, stop, latestFor, onEvent, ensure, onCompareEvent };
});
