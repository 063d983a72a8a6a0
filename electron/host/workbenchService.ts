// The host side of WorkbenchApi: one object that Electron's IPC handlers and the web host's
// WebSocket both wrap (`invoke(method, args)` + event subscriptions). Never imports 'electron'.
import path from 'node:path';
import type {
  ApiMethod,
  CompareRequest,
  ExportFormat,
  ExportResult,
  HostInfo,
  LibraryChangedEvent,
  MeasuredOpened,
  MeasuredUpload,
  MenuCommand,
  RunInfo,
  RunStartOptions,
  RunStreamEvent,
  ScenarioDetail,
  ScenarioError,
  ScenarioSummary,
} from '../../shared/api';
import type { RunDocument } from '../../shared/doc/runDocument';
import type { CompareDocument } from '../../shared/doc/compareDocument';
import { isScenarioFileName, type ScenarioLibrary } from './scenarioLibrary';
import { realPathOf } from './fileScope';
import type { RunManager } from './runManager';
import type { CompareService } from './compareService';
import type { HostPlatform } from './platform';
import { validateYaml } from './scenarioSummary';
import { checkArgs, isApiMethod } from './argCheck';
import { apiError } from './apiError';
import { importMeasuredUploads, readMeasuredFiles } from './measuredOpen';

/** Writes a run or compare report. */
export type ReportExporter = (target: RunDocument | CompareDocument, format: ExportFormat, outPath: string) => Promise<void>;

export interface WorkbenchServiceDeps {
  library: ScenarioLibrary;
  runs: RunManager;
  compares: CompareService;
  platform: HostPlatform;
  exportReport: ReportExporter;
  version: string;
}

export class WorkbenchService {
  private readonly libraryListeners = new Set<(e: LibraryChangedEvent) => void>();
  private readonly commandListeners = new Set<(c: MenuCommand) => void>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly d: WorkbenchServiceDeps) {
    this.unsubscribe.push(
      d.library.onChanged((scenarios) => {
        const e: LibraryChangedEvent = { type: 'library-changed', scenarios };
        for (const l of this.libraryListeners) l(e);
      }),
    );
  }

  /** Dispatch one request from the renderer; arguments are checked first. */
  async invoke(method: unknown, args: unknown): Promise<unknown> {
    if (!isApiMethod(method)) throw apiError('EINVAL', `unknown API method ${JSON.stringify(method)}`);
    const a = checkArgs(method, args);
    return this.call(method, a);
  }

  private call(method: ApiMethod, a: unknown[]): Promise<unknown> | unknown {
    switch (method) {
      case 'listScenarios':
        return this.d.library.list();
      case 'openScenarioDialog':
        return this.openScenarioDialog();
      case 'getScenario':
        return this.d.library.get(a[0] as string);
      case 'validateScenario':
        return this.validateScenario(a[0] as string);
      case 'saveScenario':
        return this.d.library.save(a[0] as string, a[1] as string, a[2] as string | null);
      case 'saveScenarioAs':
        return this.saveScenarioAs(a[0] as string, a[1] as string);
      case 'startRun':
        return this.startRun(a[0] as string, (a[1] ?? {}) as RunStartOptions);
      case 'cancelRun':
        return this.cancelRun(a[0] as string);
      case 'listRuns':
        return this.d.runs.list();
      case 'getRunDocument':
        return this.d.runs.document(a[0] as string);
      case 'startCompare':
        return this.d.compares.start(a[0] as CompareRequest);
      case 'getCompareDocument':
        return this.d.compares.document(a[0] as string);
      case 'exportReport':
        return this.exportReport(a[0] as string, a[1] as ExportFormat);
      case 'hostInfo':
        return this.hostInfo();
      case 'listRecent':
        return this.d.library.recent.get();
      case 'openScenarioFiles':
        return this.openScenarioFiles(a[0] as string[], false);
      case 'openScenarioText':
        return this.openScenarioText(a[0] as string, a[1] as string);
      case 'openMeasuredDialog':
        return this.openMeasuredDialog(a[0] as number | undefined);
      case 'openMeasuredText':
        return importMeasuredUploads(a[0] as MeasuredUpload[], a[1] as number | undefined);
      case 'revealInFolder':
        return this.d.platform.reveal(this.d.library.get(a[0] as string).file);
    }
  }

  hostInfo(): HostInfo {
    return {
      kind: this.d.platform.kind,
      version: this.d.version,
      workers: this.d.runs.workers,
      canDropFiles: this.d.platform.canDropFiles,
    };
  }

  async openScenarioDialog(): Promise<ScenarioSummary[]> {
    const files = await this.d.platform.pickScenarioFiles();
    return files.length === 0 ? [] : this.d.library.open(files);
  }

  /** Measured files from the host's dialog, imported; null when the dialog was cancelled. */
  async openMeasuredDialog(intervalS?: number): Promise<MeasuredOpened | null> {
    const files = await this.d.platform.pickMeasuredFiles();
    return files.length === 0 ? null : importMeasuredUploads(await readMeasuredFiles(files), intervalS);
  }

  /**
   * Open by path. From the renderer (`trusted` false) only recent files and what the platform
   * allows; Electron main passes `trusted` for its own dialogs, Open Recent and dropped files.
   */
  async openScenarioFiles(paths: string[], trusted: boolean): Promise<ScenarioSummary[]> {
    if (trusted) return this.d.library.open(paths);
    // Check and open the same real path, so a link retargeted in between changes nothing.
    const real: string[] = [];
    for (const p of paths) {
      const abs = path.resolve(p);
      const r = await realPathOf(abs);
      // A recent file that is gone: the library answers ENOENT and drops it from the list.
      if (!r && this.d.library.recent.has(abs)) {
        real.push(abs);
        continue;
      }
      if (
        !r ||
        !isScenarioFileName(abs) ||
        !(await this.d.platform.mayOpen(r, this.d.library.recent.has(abs) || this.d.library.recent.has(r)))
      ) {
        throw apiError(
          'EACCES',
          `${abs}: not a file you opened (symbolic links are followed and must stay inside it); use Open Scenario… to choose it`,
        );
      }
      real.push(r);
    }
    return this.d.library.open(real);
  }

  /**
   * A file sent from the browser: kept under a fresh name in the host's upload folder and opened
   * (listed under Opened, validated like any file; an invalid one is listed with its errors).
   */
  async openScenarioText(fileName: string, yaml: string): Promise<ScenarioSummary[]> {
    const target = await this.d.platform.uploadTarget(fileName);
    const d = await this.d.library.saveAs(yaml, { path: target, replace: false });
    return [this.d.library.list().find((s) => s.id === d.id)!];
  }

  validateScenario(yaml: string): ScenarioError[] {
    return validateYaml(yaml).errors;
  }

  /** Save as: the platform picks the new file (dialog, or a fresh name in the web host's folder). */
  async saveScenarioAs(id: string, yaml: string): Promise<ScenarioDetail | null> {
    const d = this.d.library.get(id);
    const target = await this.d.platform.saveAsTarget(path.basename(d.file));
    return target ? this.d.library.saveAs(yaml, target) : null;
  }

  /**
   * Run the saved scenario, or the editor's text (`opts.yaml`) when it differs from the file: the
   * text is checked as the file would be (size, parser, profile file, driver refusals) and the
   * run is marked unsaved in its label and its document.
   */
  async startRun(scenarioId: string, opts: RunStartOptions = {}): Promise<RunInfo> {
    const { yaml, ...runOpts } = opts;
    if (yaml !== undefined && yaml !== this.d.library.get(scenarioId).yaml) {
      const scenario = await this.d.library.scenarioFromText(scenarioId, yaml);
      return this.d.runs.start(scenarioId, scenario, `${scenario.name} (unsaved)`, {}, { ...runOpts, unsaved: true });
    }
    const scenario = this.d.library.scenario(scenarioId);
    return this.d.runs.start(scenarioId, scenario, scenario.name, {}, runOpts);
  }

  cancelRun(runId: string): void {
    if (this.d.compares.has(runId)) this.d.compares.cancel(runId);
    else this.d.runs.cancel(runId);
  }

  async exportReport(targetId: string, format: ExportFormat): Promise<ExportResult> {
    const isCompare = this.d.compares.has(targetId);
    const doc: RunDocument | CompareDocument = isCompare ? this.d.compares.document(targetId) : this.d.runs.document(targetId);
    const name = isCompare ? (doc as CompareDocument).scenario_name : (doc as RunDocument).scenario.name;
    const base = `${name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'report'}-${targetId}`;
    const target = await this.d.platform.exportTarget(`${base}.${format === 'trace' ? 'trace.json' : format}`, format);
    if (!target) return {};
    await this.d.exportReport(doc, format, target.path);
    return { file: path.basename(target.path), ...(target.url ? { url: target.url } : {}) };
  }

  onRunEvent(listener: (e: RunStreamEvent) => void): () => void {
    const a = this.d.runs.onEvent(listener);
    const b = this.d.compares.onEvent(listener);
    return () => {
      a();
      b();
    };
  }

  onLibraryChanged(listener: (e: LibraryChangedEvent) => void): () => void {
    this.libraryListeners.add(listener);
    return () => this.libraryListeners.delete(listener);
  }

  onCommand(listener: (c: MenuCommand) => void): () => void {
    this.commandListeners.add(listener);
    return () => this.commandListeners.delete(listener);
  }

  /** The recent list (Electron's Open Recent menu). */
  hostRecent(): string[] {
    return this.d.library.recent.get();
  }

  /** Electron main forwards application-menu commands through here. */
  sendCommand(cmd: MenuCommand): void {
    for (const l of this.commandListeners) l(cmd);
  }

  async close(): Promise<void> {
    for (const u of this.unsubscribe) u();
    this.d.library.close();
    await this.d.runs.close();
  }
}
