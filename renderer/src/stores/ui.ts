// View state: which view is shown, the OS colour scheme, and the NIC / queue / pool selection
// the run charts use.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export type ViewName = 'library' | 'run' | 'compare';

export const useUiStore = defineStore('ui', () => {
  const view = ref<ViewName>('library');
  const dark = ref(false);
  /** '' = all */
  const nic = ref('');
  /** '' = whole NIC, else an RX queue index */
  const queue = ref('');
  /** '' = all pools */
  const pool = ref('');
  /** Run also runs the sensitivity set (estimated costs at their bounds, docs/model/costs.md) */
  const sensitivity = ref(false);

  function followOsTheme(mq: Pick<MediaQueryList, 'matches' | 'addEventListener'>): void {
    dark.value = mq.matches;
    mq.addEventListener('change', (e: MediaQueryListEvent) => { dark.value = e.matches; });
  }

  function resetSelection(): void { nic.value = ''; queue.value = ''; pool.value = ''; }

  return { view, dark, nic, queue, pool, sensitivity, followOsTheme, resetSelection };
});
