// The scenario library: shipped scenarios (a directory tree), files the user opened, the recent
// list, and a watch on every file so an edit made in another editor is reloaded and revalidated.
// The renderer addresses scenarios by id only; every path it can reach is one the library holds.
// Files are held by real path (symlinks resolved at open): saving through a link writes the file
// it points to and leaves the link a link. Shipped scenarios (inside the installation's
// scenarios/ tree) are read-only. A save names the revision it was edited from and is refused
// (ESTALE) when the file changed on disk since: an edit made elsewhere is never overwritten silently.
import { readdir } from 'node:fs/promises';
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { ScenarioDetail, ScenarioSummary } from '../../shared/api';
import type { Scenario } from '../../shared/scenario/schema';
import { summarize, type ValidatedScenario } from './scenarioSummary';
import { resolveProfileFile } from './profileFile';
import { RecentFiles } from './recentFiles';
import { WriteFileError, writeFileAtomic } from './atomicWrite';
import { apiError, type Errno } from './apiError';
import { isInside, realPathOf } from './fileScope';
import { readScenarioFile, revisionOf } from './scenarioFile';
import { SCENARIO_MAX_BYTES, sizeText } from '../../shared/apiLimits';
import { scenarioErrorAt } from '../../shared/sim/validate/parse';
import { driverRefusals } from './driverCheck';

/** Scenario files are small; anything larger is not one (and must not be read into memory). */
export const MAX_SCENARIO_BYTES = SCENARIO_MAX_BYTES;
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
  /** real path of the shipped tree: everything inside it is read-only */
  private shippedRoot: string | null = null;

  constructor(private readonly opts: ScenarioLibraryOptions) {
    this.recent = new RecentFiles(opts.stateFile);
  }

  /** Load the shipped tree. Call once before use. */
  async init(): Promise<void> {
    if (!this.opts.shippedDir) return;
    const root = path.resolve(this.opts.shippedDir);
    this.shippedRoot = await realPathOf(root);
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
      throw apiError(
        'EINVAL',
        `scenario '${e.detail.name}' is invalid${first ? `: ${first.path} (line ${first.line}): ${first.message}` : ''}`,
      );
    }
    return e.scenario;
  }

  /**
   * The scenario of editor text for `id`, checked as its file would be: size, parser, the profile
   * file next to the scenario's file, then what the driver models refuse. EINVAL names the first
   * located error. The text is the renderer's (in the web host, a browser's): it is only parsed.
   */
  async scenarioFromText(id: string, yaml: string): Promise<Scenario> {
    const e = this.entry(id);
    this.checkSize(yaml);
    const d = e.detail;
    const v = await withProfileFile(
      summarize(d.id, d.file, d.origin, yaml, path.basename(d.file), { readOnly: d.readOnly, revision: d.revision }),
      yaml,
      d.file,
    );
    const refused = v.scenario ? driverRefusals(v.scenario).map((r) => scenarioErrorAt(yaml, ['nics', r.nic], r.message)) : [];
    const first = v.detail.errors[0] ?? refused[0];
    if (!v.scenario || first) {
      throw apiError(
        'EINVAL',
        `the editor text of '${d.name}' is invalid${first ? `: ${first.path} (line ${first.line}): ${first.message}` : ''}; nothing was run`,
      );
    }
    return v.scenario;
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
      const given = path.resolve(f);
      if (!isScenarioFileName(given)) throw apiError('EINVAL', `${given}: not a scenario file (expected .yaml or .yml)`);
      const file = await realPathOf(given);
      if (!file) {
        await this.recent.remove(given);
        throw apiError('ENOENT', `${given}: no such file`);
      }
      const existing = this.byFile(file);
      if (existing) {
        out.push(toSummary(existing.detail));
        await this.recent.add(file);
        continue;
      }
      const entry = await this.load(file, 'opened', `opened:${file}`);
      await this.recent.add(file);
      out.push(toSummary(entry.detail));
    }
    if (out.length > 0) this.emit();
    return out;
  }

  /**
   * Save editor text back to the scenario's file (atomically) and revalidate. `baseRevision`:
   * the revision the text was edited from (ESTALE when the file differs now); null overwrites.
   * Only the content counts: a file touched but unchanged is no conflict.
   */
  async save(id: string, yaml: string, baseRevision: string | null): Promise<ScenarioDetail> {
    const e = this.entry(id);
    if (e.detail.readOnly)
      throw apiError(
        'EACCES',
        `${e.detail.file} is a shipped scenario and read-only here; use Save as… to keep your changes in a file of your own`,
      );
    this.checkSize(yaml);
    if (baseRevision !== null) {
      const now = await readScenarioFile(e.detail.file).catch(() => null);
      if (!now || now.revision !== baseRevision) {
        const when = now ? `modified ${new Date(now.mtimeMs).toISOString()}` : 'deleted';
        throw apiError(
          'ESTALE',
          `${e.detail.file} changed on disk since it was loaded (${when}); overwrite it, reload it, or save as a new file`,
        );
      }
    }
    await writeOrExplain(e.detail.file, yaml, true);
    await this.update(e, yaml, revisionOf(yaml));
    this.emit();
    return e.detail;
  }

  /** Write editor text to a new file (`replace` false: never over an existing one) and open it. */
  async saveAs(yaml: string, target: { path: string; replace: boolean }): Promise<ScenarioDetail> {
    this.checkSize(yaml);
    const dest = path.resolve(target.path);
    if (!isScenarioFileName(dest)) throw apiError('EINVAL', `${dest}: a scenario file name ends in .yaml or .yml`);
    const dir = await realPathOf(path.dirname(dest));
    if (!dir) throw apiError('ENOENT', `${path.dirname(dest)}: no such directory`);
    const real = (await realPathOf(dest)) ?? path.join(dir, path.basename(dest));
    if (this.isReadOnly(real))
      throw apiError('EACCES', `${real} is inside the shipped scenarios, which are read-only; choose a folder of your own`);
    await writeOrExplain(real, yaml, target.replace);
    const existing = this.byFile(real);
    if (existing) {
      await this.update(existing, yaml, revisionOf(yaml));
      this.emit();
    }
    await this.open([real]);
    return this.byFile(real)!.detail;
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

  private isReadOnly(realFile: string): boolean {
    return this.shippedRoot !== null && isInside(this.shippedRoot, realFile);
  }

  private checkSize(yaml: string): void {
    const bytes = Buffer.byteLength(yaml);
    if (bytes > MAX_SCENARIO_BYTES)
      throw apiError(
        'EFBIG',
        `scenario text is ${sizeText(bytes)}; scenario files are limited to ${sizeText(MAX_SCENARIO_BYTES)}; nothing was saved`,
      );
  }

  private async load(file: string, origin: 'shipped' | 'opened', id: string): Promise<Entry> {
    const c = await readScenarioFile(file);
    const readOnly = origin === 'shipped' || this.isReadOnly(file);
    const v = await withProfileFile(
      summarize(id, file, origin, c.yaml, path.basename(file), { readOnly, revision: c.revision }),
      c.yaml,
      file,
    );
    const entry: Entry = { detail: v.detail, scenario: v.scenario, doc: v.doc, missing: false };
    this.entries.set(id, entry);
    if (this.opts.watch !== false) this.watchFile(file);
    return entry;
  }

  private async update(e: Entry, yaml: string, revision: string): Promise<void> {
    const d = e.detail;
    const v = await withProfileFile(
      summarize(d.id, d.file, d.origin, yaml, path.basename(d.file), { readOnly: d.readOnly, revision }),
      yaml,
      d.file,
    );
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
      w.on('error', () => {
        w.close();
        this.watchers.delete(dir);
      });
      this.watchers.set(dir, w);
    } catch {
      // A directory that cannot be watched still works; it just is not reloaded on change.
    }
  }

  private scheduleReload(file: string): void {
    const t = this.timers.get(file);
    if (t) clearTimeout(t);
    this.timers.set(
      file,
      setTimeout(() => {
        this.timers.delete(file);
        void this.reload(file);
      }, RELOAD_DEBOUNCE_MS),
    );
  }

  private async reload(file: string): Promise<void> {
    const e = this.byFile(file);
    if (!e) return;
    let c;
    try {
      c = await readScenarioFile(file);
    } catch {
      // Deleted (or mid-rename): show it as invalid rather than silently dropping it.
      const errors = [{ path: '', line: 0, col: 0, message: `${file}: no such file` }];
      e.detail = { ...e.detail, valid: false, errors };
      e.scenario = null;
      e.missing = true;
      this.emit();
      return;
    }
    if (!e.missing && c.revision === e.detail.revision) return;
    await this.update(e, c.yaml, c.revision);
    this.emit();
  }

  private emit(): void {
    const list = this.list();
    for (const l of this.listeners) l(list);
  }
}

function toSummary(d: ScenarioDetail): ScenarioSummary {
  const { yaml: _yaml, revision: _revision, ...summary } = d;
  return summary;
}

const WRITE_ERRNO: Record<string, Errno> = {
  EACCES: 'EACCES',
  EPERM: 'EACCES',
  EROFS: 'EACCES',
  EEXIST: 'EEXIST',
  ENOENT: 'ENOENT',
  EFBIG: 'EFBIG',
};

/** writeFileAtomic with its failure as an errno-named API error ("cannot write …: the file is read-only"). */
async function writeOrExplain(file: string, yaml: string, replace: boolean): Promise<void> {
  try {
    await writeFileAtomic(file, yaml, { replace });
  } catch (err) {
    if (err instanceof WriteFileError) throw apiError((err.code && WRITE_ERRNO[err.code]) || 'EIO', err.message);
    throw err;
  }
}

/** host.cpu.profile_file resolved next to the scenario file (profileFile.ts); its errors make the scenario invalid. */
async function withProfileFile(v: ValidatedScenario, yaml: string, file: string): Promise<ValidatedScenario> {
  if (!v.scenario?.host.cpu.profile_file) return v;
  const r = await resolveProfileFile(v.scenario, v.doc, yaml, file, path.basename(file));
  if (r.ok) return v;
  return { scenario: null, doc: null, detail: { ...v.detail, valid: false, errors: r.errors } };
}
