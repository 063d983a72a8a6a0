// Transient messages for the status bar: errors from the host (errno name + message) and
// confirmations. Kept short: the newest few.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface Notice {
  id: number;
  level: 'info' | 'error';
  text: string;
}
const KEEP = 4;
/** confirmations go away by themselves; errors stay until dismissed */
export const INFO_TTL_MS = 5000;

export const useNotices = defineStore('notices', () => {
  const items = ref<Notice[]>([]);
  let seq = 0;
  function push(level: Notice['level'], text: string): void {
    const id = ++seq;
    items.value = [...items.value, { id, level, text }].slice(-KEEP);
    if (level === 'info') setTimeout(() => dismiss(id), INFO_TTL_MS);
  }
  function error(e: unknown): void {
    const err = e instanceof Error ? e : new Error(String(e));
    // Host errors already read "ENOENT: …"; others get their name.
    push('error', /^[A-Z]+: /.test(err.message) ? err.message : `${err.name}: ${err.message}`);
  }
  function info(text: string): void {
    push('info', text);
  }
  function dismiss(id: number): void {
    items.value = items.value.filter((n) => n.id !== id);
  }
  return { items, error, info, dismiss };
});
