// The measured data set beside runs and comparisons: opened through the host (desktop: its open
// dialog; browser: the file chooser, the files' text uploaded), which imports it and answers the
// measured document or the importer's located error. One at a time, shared by the run view and
// the compare view.
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { MeasuredOpened } from '../../../shared/api';
import { MEASURED_MAX_CHARS, MEASURED_MAX_FILES, measuredTooLargeMessage } from '../../../shared/apiLimits';
import { getApi } from '../api/transport';

export const useMeasuredStore = defineStore('measured', () => {
  const api = getApi();
  const opened = shallowRef<MeasuredOpened | null>(null);
  const error = ref('');
  const busy = ref(false);
  /** bumps on every new measured document, so charts rebuild */
  const version = ref(0);
  /** seconds between snapshots without timestamps (two ethtool -S files, say); empty: none given */
  const interval = ref('');

  /** The interval as the host takes it; throws the message shown for a bad one. */
  function intervalS(): number | undefined {
    const t = interval.value.trim();
    if (t === '') return undefined;
    const v = Number(t);
    if (!Number.isFinite(v) || v <= 0 || v > 86_400)
      throw new Error(`EINVAL: the interval between snapshots must be a number of seconds above 0 and at most 86400, not "${t}"`);
    return v;
  }

  async function settle(p: () => Promise<MeasuredOpened | null>): Promise<void> {
    busy.value = true;
    error.value = '';
    try {
      const r = await p();
      if (r) {
        opened.value = r;
        version.value++;
      }
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      busy.value = false;
    }
  }

  /** Desktop: the host's dialog (nothing changes when it is cancelled). */
  function openDialog(): Promise<void> {
    return settle(() => api.openMeasuredDialog(intervalS()));
  }

  /** Browser: files from the chooser; too many or too large is refused here before reading. */
  function openFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0) return Promise.resolve();
    return settle(async () => {
      if (files.length > MEASURED_MAX_FILES)
        throw new Error(`EINVAL: at most ${MEASURED_MAX_FILES} measured files at once; ${files.length} were chosen`);
      // UTF-8 takes at least one byte per UTF-16 code unit; the host counts code units.
      const bytes = files.reduce((a, f) => a + f.size, 0);
      if (bytes > MEASURED_MAX_CHARS * 3) throw new Error(`EFBIG: ${measuredTooLargeMessage(bytes)}`);
      const iv = intervalS();
      const texts = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
      return iv === undefined ? api.openMeasuredText(texts) : api.openMeasuredText(texts, iv);
    });
  }

  function clear(): void {
    opened.value = null;
    error.value = '';
    version.value++;
  }

  return { opened, error, busy, version, interval, openDialog, openFiles, clear };
});
