// The scenario library: shipped scenarios (a directory tree), files the user opened, the recent
// list, and a watch on every file so an edit made in another editor is reloaded and revalidated.
// The renderer addresses scenarios by id only; every path it can reach is one the library holds.
import { readFile, readdir, stat } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { ScenarioDetail, ScenarioSummary } from '../../shared/api';
import type { Scenario } from '../../shared/scenario/schema';
import { summarize, type ValidatedScenario } from './scenarioSummary';
import { resolveProfileFile } from './profileFile';
import { RecentFiles } from './recentFiles';
import { writeFileAtomic } from './atomicWrite';
import { apiError } from './apiError';

/** Scenario files are small; anything larger is not one (and must not be read into memory). */
export const MAX_SCENARIO_BYTES = 1 << 20;
const RELOAD_DEBOUNCE_MS = 80;

interface Entry {
  detail: ScenarioDetail;
  scenario: Scenario | null;
  doc: unknown;
  /** the file vanished from disk (shown as invalid until it comes back) */
  missing: boolean;
}

export interface ScenarioLibraryOptions {
  /** directory of shipped scenarios (searched recursively); null for none */
  shippedDir: string | null;
  /** JSON file holding the recent list; null keeps it in memory only */
  stateFile: string | null;
  /** watch files for changes on disk (default true) */
  watch?: boolean;
}

export function isScenarioFileName(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

async function listYaml(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && isScenarioFileName(e.name)) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

export class ScenarioLibrary {
  private readonly entries = new Map<string, Entry>();
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly listeners = new Set<(list: ScenarioSummary[]) => void>();
  readonly recent: RecentFiles;

  constructor(private readonly opts: ScenarioLibraryOptions) {
    this.recent = new RecentFiles(opts.stateFile);
  }

  /** Load the shipped tree. Call once before use. */
  async init(): Promise<void> {
    if (!this.opts.shippedDir) return;
    const root = path.resolve(this.opts.shippedDir);
    for (const file of await listYaml(root)) {
      await this.load(file, 'shipped', `shipped:${path.relative(root, file).split(path.sep).join('/')}`);
    }
  }

  list(): ScenarioSummary[] {
    return [...this.entries.values()].map((e) => toSummary(e.detail));
  }

  get(id: string): ScenarioDetail {
    return this.entry(id).detail;
  }

  /** The parsed scenario, or EINVAL naming the first located error. */
  scenario(id: string): Scenario {
    const e = this.entry(id);
    if (!e.scenario) {
      const first = e.detail.errors[0];
      throw apiError('EINVAL', `scenario '${e.detail.name}' is invalid${first ? `: ${first.path} (line ${first.line}): ${first.message}` : ''}`);
    }
    return e.scenario;
  }

  /** The plain YAML data of a valid scenario (what compare overrides apply to). */
  scenarioDoc(id: string): unknown {
    this.scenario(id);
    return this.entry(id).doc;
  }

  /** Open files the user chose. Each must be an existing regular YAML file under 1 MiB. */
  async open(files: string[]): Promise<ScenarioSummary[]> {
    const out: ScenarioSummary[] = [];
    for (const f of files) {
      const file = path.resolve(f);
      if (!isScenarioFileName(file)) throw apiError('EINVAL', `${file}: not a scenario file (expected .yaml or .yml)`);
      const existing = this.byFile(file);
      if (existing) { out.push(toSummary(existing.detail)); await this.recent.add(file); continue; }
      let st;
      try { st = await stat(file); } catch { await this.recent.remove(file); throw apiError('ENOENT', `${file}: no such file`); }
      if (!st.isFile()) throw apiError('EINVAL', `${file}: not a regular file`);
      if (st.size > MAX_SCENARIO_BYTES) throw apiError('EFBIG', `${file}: ${st.size} bytes is too large for a scenario file`);
      const entry = await this.load(file, 'opened', `opened:${file}`);
      await this.recent.add(file);
      out.push(toSummary(entry.detail));
    }
    if (out.length > 0) this.emit();
    return out;
  }

  /** Save editor text back to the scenario's file (atomically) and revalidate. */
  async save(id: string, yaml: string): Promise<ScenarioDetail> {
    const e = this.entry(id);
    if (Buffer.byteLength(yaml) > MAX_SCENARIO_BYTES) throw apiError('EFBIG', 'scenario text is larger than 1 MiB');
    await writeFileAtomic(e.detail.file, yaml);
    await this.update(e, yaml);
    this.emit();
    return e.detail;
  }

  onChanged(listener: (list: ScenarioSummary[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    for (const w of this.watchers.values()) w.close();
    for (const t of this.timers.values()) clearTimeout(t);
    this.watchers.clear();
    this.timers.clear();
  }

  private entry(id: string): Entry {
    const e = this.entries.get(id);
    if (!e) throw apiError('ENOENT', `no scenario with id '${id}'`);
    return e;
  }

  private byFile(file: string): Entry | undefined {
    for (const e of this.entries.values()) if (e.detail.file === file) return e;
    return undefined;
  }

  private async load(file: string, origin: 'shipped' | 'opened', id: string): Promise<Entry> {
    const yaml = await readFile(file, 'utf8');
    const v = await withProfileFile(summarize(id, file, origin, yaml, path.basename(file)), yaml, file);
    const entry: Entry = { detail: v.detail, scenario: v.scenario, doc: v.doc, missing: false };
    this.entries.set(id, entry);
    if (this.opts.watch !== false) this.watchFile(file);
    return entry;
  }

  private async update(e: Entry, yaml: string): Promise<void> {
    const v = await withProfileFile(summarize(e.detail.id, e.detail.file, e.detail.origin, yaml, path.basename(e.detail.file)), yaml, e.detail.file);
    e.detail = v.detail;
    e.scenario = v.scenario;
    e.doc = v.doc;
    e.missing = false;
  }

  /**
   * Watch the file's directory rather than the file: editors save by writing a temp file and
   * renaming it over the original, which ends a watch on the old inode.
   */
  private watchFile(file: string): void {
    const dir = path.dirname(file);
    if (this.watchers.has(dir)) return;
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => {
        if (!name) return;
        const changed = path.join(dir, name.toString());
        if (this.byFile(changed)) this.scheduleReload(changed);
      });
      w.on('error', () => { w.close(); this.watchers.delete(dir); });
      this.watchers.set(dir, w);
    } catch {
      // A directory that cannot be watched still works; it just is not reloaded on change.
    }
  }

  private scheduleReload(file: string): void {
    const t = this.timers.get(file);
    if (t) clearTimeout(t);
    this.timers.set(file, setTimeout(() => {
      this.timers.delete(file);
      void this.reload(file);
    }, RELOAD_DEBOUNCE_MS));
  }

  private async reload(file: string): Promise<void> {
    const e = this.byFile(file);
    if (!e) return;
    let yaml: string;
    try {
      yaml = await readFile(file, 'utf8');
    } catch {
      // Deleted (or mid-rename): show it as invalid rather than silently dropping it.
      const errors = [{ path: '', line: 0, col: 0, message: `${file}: no such file` }];
      e.detail = { ...e.detail, valid: false, errors };
      e.scenario = null;
      e.missing = true;
      this.emit();
      return;
    }
    if (!e.missing && yaml === e.detail.yaml) return;
    await this.update(e, yaml);
    this.emit();
  }

  private emit(): void {
    const list = this.list();
    for (const l of this.listeners) l(list);
  }
}

function toSummary(d: ScenarioDetail): ScenarioSummary {
  const { yaml: _yaml, ...summary } = d;
  return summary;
}

/** host.cpu.profile_file resolved next to the scenario file (profileFile.ts); its errors make the scenario invalid. */
async function withProfileFile(v: ValidatedScenario, yaml: string, file: string): Promise<ValidatedScenario> {
  if (!v.scenario?.host.cpu.profile_file) return v;
  const r = await resolveProfileFile(v.scenario, v.doc, yaml, file, path.basename(file));
  if (r.ok) return v;
  return { scenario: null, doc: null, detail: { ...v.detail, valid: false, errors: r.errors } };
}
