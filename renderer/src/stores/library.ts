// The scenario library store: what the host lists, the selected scenario's YAML in the editor,
// live validation of the editor text, save, open and the recent list.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { HostInfo, ScenarioDetail, ScenarioError, ScenarioSummary } from '../../../shared/api';
import { getApi } from '../api/transport';
import { useNotices } from './notices';

/** Editor validation waits for a pause in typing. */
export const VALIDATE_DEBOUNCE_MS = 300;

export const useLibraryStore = defineStore('library', () => {
  const api = getApi();
  const notices = useNotices();
  const scenarios = ref<ScenarioSummary[]>([]);
  const recent = ref<string[]>([]);
  const host = ref<HostInfo | null>(null);
  const selectedId = ref<string | null>(null);
  const detail = ref<ScenarioDetail | null>(null);
  const text = ref('');
  const editorErrors = ref<ScenarioError[]>([]);
  const loaded = ref(false);
  let validateTimer: ReturnType<typeof setTimeout> | null = null;

  const selected = computed(() => scenarios.value.find((s) => s.id === selectedId.value) ?? null);
  const dirty = computed(() => detail.value !== null && text.value !== detail.value.yaml);
  const shipped = computed(() => scenarios.value.filter((s) => s.origin === 'shipped'));
  const opened = computed(() => scenarios.value.filter((s) => s.origin === 'opened'));
  /** errors to show: the editor text's while it differs from the file, else the file's */
  const errors = computed(() => (dirty.value ? editorErrors.value : detail.value?.errors ?? []));

  async function init(): Promise<void> {
    api.onLibraryChanged((e) => applyList(e.scenarios));
    const [list, info, rec] = await Promise.all([api.listScenarios(), api.hostInfo(), api.listRecent()]);
    host.value = info;
    recent.value = rec;
    applyList(list);
    loaded.value = true;
  }

  function applyList(list: ScenarioSummary[]): void {
    scenarios.value = list;
    // A file changed on disk: reload it into the editor unless the user has unsaved edits.
    const cur = detail.value;
    const now = list.find((s) => s.id === cur?.id);
    if (cur && now && !dirty.value) void select(cur.id, true);
  }

  async function select(id: string, keepView = false): Promise<void> {
    const d = await api.getScenario(id);
    selectedId.value = id;
    detail.value = d;
    text.value = d.yaml;
    editorErrors.value = d.errors;
    void keepView;
  }

  function setText(t: string): void {
    text.value = t;
    if (validateTimer) clearTimeout(validateTimer);
    validateTimer = setTimeout(() => {
      validateTimer = null;
      const snapshot = text.value;
      api.validateScenario(snapshot).then((errs) => { if (text.value === snapshot) editorErrors.value = errs; },
        (e: Error) => notices.error(e));
    }, VALIDATE_DEBOUNCE_MS);
  }

  async function save(): Promise<void> {
    if (!detail.value) return;
    try {
      const d = await api.saveScenario(detail.value.id, text.value);
      detail.value = d;
      editorErrors.value = d.errors;
      notices.info(`Saved ${d.file}`);
    } catch (e) { notices.error(e); }
  }

  function revert(): void {
    if (detail.value) { text.value = detail.value.yaml; editorErrors.value = detail.value.errors; }
  }

  async function afterOpen(opened: ScenarioSummary[]): Promise<void> {
    recent.value = await api.listRecent();
    if (opened.length > 0) {
      scenarios.value = await api.listScenarios();
      await select(opened[0].id);
    }
  }

  async function openDialog(): Promise<void> {
    try {
      const opened = await api.openScenarioDialog();
      // A browser cannot show the host's file dialog: the web host offers what it was started with.
      if (opened.length === 0 && host.value?.kind === 'web') notices.info('No files to open: start the web host with --open FILE|DIR (npm run serve -- --open my-scenarios/)');
      await afterOpen(opened);
    } catch (e) { notices.error(e); }
  }

  async function openFiles(paths: string[]): Promise<void> {
    try { await afterOpen(await api.openScenarioFiles(paths)); } catch (e) { notices.error(e); }
  }

  return {
    scenarios, recent, host, selectedId, detail, text, loaded, selected, dirty, shipped, opened, errors,
    init, select, setText, save, revert, openDialog, openFiles, applyList, afterOpen,
  };
});
