// View state: which view is shown (and whether the keyboard focus should follow it to the new
// view's heading), the OS colour scheme, the library sidebar, and the NIC / queue / pool
// selection the run charts use.
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
  /** the library sidebar is shown (collapsed by default in narrow windows, e.g. at 200 % zoom) */
  const sidebarOpen = ref(true);
  /** bumped when a view switch should move the focus to the new view's heading */
  const focusSeq = ref(0);

  /** Switch view; `focus`: the keyboard focus moves to the view's heading (not when the switch
   *  came from a control that keeps the focus, such as the library list). */
  function show(v: ViewName, focus = true): void {
    view.value = v;
    if (focus) focusSeq.value++;
  }

  /** Collapse the sidebar while the window is narrower than the query (and open it again when wider). */
  function followWidth(mq: Pick<MediaQueryList, 'matches' | 'addEventListener'>): void {
    sidebarOpen.value = !mq.matches;
    mq.addEventListener('change', (e: MediaQueryListEvent) => {
      sidebarOpen.value = !e.matches;
    });
  }

  function followOsTheme(mq: Pick<MediaQueryList, 'matches' | 'addEventListener'>): void {
    dark.value = mq.matches;
    mq.addEventListener('change', (e: MediaQueryListEvent) => {
      dark.value = e.matches;
    });
  }

  function resetSelection(): void {
    nic.value = '';
    queue.value = '';
    pool.value = '';
  }

  return { view, dark, nic, queue, pool, sensitivity, sidebarOpen, focusSeq, show, followOsTheme, followWidth, resetSelection };
});
