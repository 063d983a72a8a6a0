// The compare store: one compare at a time — its runs (live, from the runs store) and, once all
// are done, the compare document with the side-by-side table.
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { CompareDocument } from '../../../shared/doc/compareDocument';
import type { RunState } from '../../../shared/api';
import { getApi } from '../api/transport';
import { useNotices } from './notices';
import { useRunsStore } from './runs';

export const useCompareStore = defineStore('compare', () => {
  const api = getApi();
  const notices = useNotices();
  const runsStore = useRunsStore();
  const compareId = ref<string | null>(null);
  const scenarioId = ref<string | null>(null);
  const runIds = ref<string[]>([]);
  const state = ref<RunState | null>(null);
  const error = ref<string | null>(null);
  const doc = shallowRef<CompareDocument | null>(null);
  /** a compare on a queue: its progress, from compare-progress events (no run streams here) */
  const queued = ref<{ total: number; done: number; running: number; etaMs: number | null } | null>(null);
  let subscribed = false;

  const runs = computed(() => runIds.value.map((id) => runsStore.runs.get(id)).filter((r) => r !== undefined));
  const progress = computed(() => {
    const rs = runs.value;
    if (queued.value) return queued.value.done / Math.max(1, queued.value.total);
    if (rs.length === 0) return 0;
    let sum = 0;
    for (const r of rs) sum += r.info.state === 'done' ? 1 : r.progress ? r.progress.sim_ns / Math.max(1, r.progress.total_ns) : 0;
    return sum / rs.length;
  });

  function init(): void {
    if (subscribed) return;
    subscribed = true;
    runsStore.onCompareEvent((e) => {
      if (e.compareId !== compareId.value) return;
      if (e.type === 'compare-progress') {
        queued.value = { total: e.total, done: e.done, running: e.running, etaMs: e.etaMs };
        return;
      }
      state.value = e.state;
      error.value = e.error ?? null;
      if (e.state === 'done') {
        api.getCompareDocument(e.compareId).then(
          (d) => {
            doc.value = markRaw(d);
          },
          (err: unknown) => notices.error(err),
        );
      } else if (e.error) notices.error(new Error(e.error));
    });
  }

  /** `queue`: a redis:// URL to run the points on queue workers instead of here */
  async function start(id: string, repeat?: number, queue?: string): Promise<void> {
    init();
    try {
      const r = await api.startCompare({ scenarioId: id, ...(repeat ? { repeat } : {}), ...(queue ? { queue } : {}) });
      for (const info of r.runs) runsStore.ensure(info);
      compareId.value = r.compareId;
      scenarioId.value = id;
      runIds.value = r.runs.map((x) => x.runId);
      state.value = 'running';
      error.value = null;
      doc.value = null;
      queued.value = queue ? { total: 0, done: 0, running: 0, etaMs: null } : null;
    } catch (e) {
      notices.error(e);
    }
  }

  async function stop(): Promise<void> {
    if (compareId.value && state.value === 'running') {
      try {
        await api.cancelRun(compareId.value);
      } catch (e) {
        notices.error(e);
      }
    }
  }

  return { compareId, scenarioId, runIds, state, error, doc, runs, queued, progress, init, start, stop };
});
