// The scenario library store: what the host lists, the selected scenario's YAML in the editor,
// live validation of the editor text, save (with the conflict choice when the file changed on
// disk: overwrite, reload or save as), open and the recent list. Editor text over the scenario
// size cap is refused here, before anything is sent.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { HostInfo, ScenarioDetail, ScenarioError, ScenarioSummary } from '../../../shared/api';
import { getApi } from '../api/transport';
import { useNotices } from './notices';
import { pickFiles, readScenarioFiles } from '../util/filePicker';
import { SCENARIO_MAX_BYTES, scenarioTooLargeMessage, utf8ByteLength } from '../../../shared/apiLimits';

/** The located error shown for editor text over the cap (what the host's parser would say). */
function sizeError(text: string): ScenarioError | null {
  if (text.length <= SCENARIO_MAX_BYTES / 3) return null;
  const bytes = utf8ByteLength(text);
  return bytes > SCENARIO_MAX_BYTES ? { path: '', line: 1, col: 1, message: scenarioTooLargeMessage(bytes) } : null;
}

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
  /** the save was refused because the file changed on disk: the message, until the user chooses */
  const conflict = ref<string | null>(null);
  let validateTimer: ReturnType<typeof setTimeout> | null = null;

  const selected = computed(() => scenarios.value.find((s) => s.id === selectedId.value) ?? null);
  const dirty = computed(() => detail.value !== null && text.value !== detail.value.yaml);
  const shipped = computed(() => scenarios.value.filter((s) => s.origin === 'shipped'));
  const opened = computed(() => scenarios.value.filter((s) => s.origin === 'opened'));
  /** errors to show: the editor text's while it differs from the file, else the file's */
  const errors = computed(() => (dirty.value ? editorErrors.value : (detail.value?.errors ?? [])));
  /** Run runs the editor's text: it may start when that text is valid, saved or not. */
  const canRun = computed(() => !!selected.value && (dirty.value ? editorErrors.value.length === 0 : selected.value.valid));

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
    if (detail.value?.id !== id) conflict.value = null;
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
      const tooLarge = sizeError(snapshot);
      if (tooLarge) {
        editorErrors.value = [tooLarge];
        return;
      }
      api.validateScenario(snapshot).then(
        (errs) => {
          if (text.value === snapshot) editorErrors.value = errs;
        },
        (e: Error) => notices.error(e),
      );
    }, VALIDATE_DEBOUNCE_MS);
  }

  /** Refuses (with a notice) text the host would refuse for its size; true when it may be sent. */
  function sendable(): boolean {
    const tooLarge = sizeError(text.value);
    if (tooLarge) notices.error(new Error(`EFBIG: the editor text is too large to save: ${tooLarge.message}; nothing was saved`));
    return !tooLarge;
  }

  function saved(d: ScenarioDetail, what: string): void {
    conflict.value = null;
    detail.value = d;
    selectedId.value = d.id;
    text.value = d.yaml;
    editorErrors.value = d.errors;
    notices.info(`${what} ${d.file}`);
  }

  /** Save (a read-only scenario: Save as…). A file changed on disk since load sets `conflict`. */
  async function save(): Promise<void> {
    const d = detail.value;
    if (!d) return;
    if (d.readOnly) {
      await saveAs();
      return;
    }
    if (!sendable()) return;
    try {
      saved(await api.saveScenario(d.id, text.value, d.revision), 'Saved');
    } catch (e) {
      if (e instanceof Error && e.name === 'ESTALE') conflict.value = e.message;
      else notices.error(e);
    }
  }

  /** Conflict choice: replace the file on disk with the editor text. */
  async function overwrite(): Promise<void> {
    const d = detail.value;
    if (!d || !sendable()) return;
    try {
      saved(await api.saveScenario(d.id, text.value, null), 'Saved');
    } catch (e) {
      notices.error(e);
    }
  }

  /** Conflict choice: drop the edits and load what is on disk now. */
  async function reloadFromDisk(): Promise<void> {
    const d = detail.value;
    if (!d) return;
    conflict.value = null;
    try {
      await select(d.id);
    } catch (e) {
      notices.error(e);
    }
  }

  /** Write the editor text to a new file of the user's (a dialog, or the web host's folder) and switch to it. */
  async function saveAs(): Promise<void> {
    const d = detail.value;
    if (!d || !sendable()) return;
    try {
      const copy = await api.saveScenarioAs(d.id, text.value);
      if (!copy) return;
      scenarios.value = await api.listScenarios();
      recent.value = await api.listRecent();
      saved(copy, 'Saved as');
    } catch (e) {
      notices.error(e);
    }
  }

  /** What Run runs besides the saved file: the editor's text while it differs from the file. */
  function runText(): string | undefined {
    return dirty.value ? text.value : undefined;
  }

  function revert(): void {
    if (detail.value) {
      text.value = detail.value.yaml;
      editorErrors.value = detail.value.errors;
    }
  }

  async function afterOpen(opened: ScenarioSummary[]): Promise<void> {
    recent.value = await api.listRecent();
    if (opened.length > 0) {
      scenarios.value = await api.listScenarios();
      await select(opened[0].id);
    }
  }

  /** Open…: the host's dialog on the desktop; in the browser, the browser's file chooser (upload). */
  async function openDialog(): Promise<void> {
    if (host.value?.kind === 'web') {
      await openUploads(await pickFiles());
      return;
    }
    try {
      await afterOpen(await api.openScenarioDialog());
    } catch (e) {
      notices.error(e);
    }
  }

  /** Files from the browser (chooser or drop): their names and text go to the host, which keeps a copy. */
  async function openUploads(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    const { read, refused } = await readScenarioFiles(files);
    for (const r of refused) notices.error(new Error(`EINVAL: ${r}`));
    const opened: ScenarioSummary[] = [];
    for (const f of read) {
      try {
        opened.push(...(await api.openScenarioText(f.name, f.text)));
      } catch (e) {
        notices.error(e);
      }
    }
    await afterOpen(opened);
  }

  async function openFiles(paths: string[]): Promise<void> {
    try {
      await afterOpen(await api.openScenarioFiles(paths));
    } catch (e) {
      notices.error(e);
    }
  }

  return {
    scenarios,
    recent,
    host,
    selectedId,
    detail,
    text,
    loaded,
    selected,
    dirty,
    shipped,
    opened,
    errors,
    canRun,
    conflict,
    init,
    select,
    setText,
    runText,
    openUploads,
    save,
    saveAs,
    overwrite,
    reloadFromDisk,
    revert,
    openDialog,
    openFiles,
    applyList,
    afterOpen,
  };
});
