// WorkbenchApi: the one contract between the renderer and the host. Electron's preload
// exposes it over IPC; the web host (`npm run serve`) serves it over a WebSocket. The
// renderer sees nothing else. Everything crossing it is structured-clone / JSON friendly.
import type { RunDocument, RunProgress, SeriesColumnMeta, EventRecord } from './doc/runDocument';
import type { CompareDocument } from './doc/compareDocument';
import type { MeasuredDocument } from './doc/measuredDocument';
import type { ScenarioError } from './scenario/scenarioError';

export type { ScenarioError };

export interface ScenarioSummary {
  id: string;
  /** absolute path on the host; shown, never used by the renderer to read files */
  file: string;
  name: string;
  description: string;
  origin: 'shipped' | 'opened';
  /** drivers and variants used, for badges */
  badges: string[];
  valid: boolean;
  errors: ScenarioError[];
  hasCompare: boolean;
  /** the app does not write this file (a shipped scenario, inside the installation): Save as… instead */
  readOnly: boolean;
}

export interface ScenarioDetail extends ScenarioSummary {
  yaml: string;
  /**
   * What was on disk when `yaml` was read (SHA-256 of the file's bytes). saveScenario is given
   * it back and refuses with ESTALE when the file changed since.
   */
  revision: string;
}

export type RunState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunInfo {
  runId: string;
  scenarioId: string;
  label: string;
  state: RunState;
  error?: string;
  /** set when a finished run's document was dropped to keep the host within its memory budget */
  notice?: string;
  /** set when the run is one point of a compare */
  compareId?: string;
  /** index of the compare point, with compareId */
  point?: number;
  /** the run also runs the sensitivity set (estimated costs at their bounds) after it */
  sensitivity?: boolean;
  /** the run ran the editor's text, which differs from the saved file */
  unsaved?: boolean;
  /** the run's simulated duration, so a progress bar can be drawn before 'started' */
  duration_ns?: number;
  /** the scenario's sample interval */
  sample_ns?: number;
  /** per-node watermarks in pages, so live memory charts can draw them before the run ends */
  watermarks?: { node: number; min_pages: number; low_pages: number; high_pages: number }[];
}

export interface RunStartedEvent {
  type: 'started';
  runId: string;
  columns: SeriesColumnMeta[];
}
export interface RunProgressEvent {
  type: 'progress';
  runId: string;
  progress: RunProgress;
}
/** Columnar sample batch; `columns[i]` matches the i-th column announced in 'started'. */
export interface RunSamplesEvent {
  type: 'samples';
  runId: string;
  t_ns: Float64Array;
  columns: Float64Array[];
}
export interface RunLogEvent {
  type: 'log';
  runId: string;
  events: EventRecord[];
}
export interface RunFinishedEvent {
  type: 'finished';
  runId: string;
  state: RunState;
  error?: string;
}
/** A run was queued (by startRun, or as one point of a compare). */
export interface RunQueuedEvent {
  type: 'queued';
  run: RunInfo;
}
/** Progress of a compare whose runs go to a queue (no run of it streams here). */
export interface CompareProgressEvent {
  type: 'compare-progress';
  compareId: string;
  total: number;
  done: number;
  running: number;
  etaMs: number | null;
}
/** All runs of a compare settled; `error` when the compare document could not be built. */
export interface CompareFinishedEvent {
  type: 'compare-finished';
  compareId: string;
  state: RunState;
  error?: string;
}
export type RunStreamEvent =
  | RunQueuedEvent
  | RunStartedEvent
  | RunProgressEvent
  | RunSamplesEvent
  | RunLogEvent
  | RunFinishedEvent
  | CompareProgressEvent
  | CompareFinishedEvent;

/** Every report format, in the order menus and messages list them: the one list of them. */
export const EXPORT_FORMATS = ['html', 'pdf', 'csv', 'json', 'prom', 'trace'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Where an export went: `file` is the saved file's name, never its folder (the page shows no host
 * paths); `url`, from the web host, is the browser download of it. Both absent: the save dialog
 * was cancelled.
 */
export interface ExportResult {
  file?: string;
  url?: string;
}

export interface CompareRequest {
  scenarioId: string;
  /** overrides the scenario's own `repeat` */
  repeat?: number;
  /**
   * run the points on queue workers (`cli worker`) through this Redis, `redis://HOST:PORT[/DB]`,
   * instead of local worker threads; the runs then do not stream, only the compare's progress
   */
  queue?: string;
}

export interface LibraryChangedEvent {
  type: 'library-changed';
  scenarios: ScenarioSummary[];
}

/** Commands from the application menu (Electron) that act on the renderer's current selection. */
export const MENU_COMMANDS = [
  'open',
  'reveal',
  'run',
  'stop',
  'compare',
  'export-html',
  'export-pdf',
  'export-csv',
  'export-json',
  'view-library',
  'view-run',
  'view-compare',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface HostInfo {
  kind: 'electron' | 'web';
  version: string;
  /** worker threads the run manager uses */
  workers: number;
  /** a drop of files onto the window can open them (Electron: paths of dropped files) */
  canDropFiles: boolean;
}

/**
 * Errors crossing the API carry the kernel's convention: an errno name and a message,
 * e.g. `ENOENT: no scenario with id 'x'`. `name` is the errno name or 'Error'.
 */
export interface ApiErrorShape {
  name: string;
  message: string;
}

export interface RunStartOptions {
  sensitivity?: boolean;
  /**
   * The editor's text, run in place of the saved file (validated exactly as the file would be);
   * a run of text that differs from the file is marked unsaved.
   */
  yaml?: string;
}

/** A measured file the browser read (upload): its bare name and its text. */
export interface MeasuredUpload {
  name: string;
  text: string;
}

/**
 * Measured files the host imported (ynl, ethtool -S, bpftrace -f json, bench_page_pool output,
 * Prometheus text, or one measured.json from `cli import`): `name` says which files, never a path.
 */
export interface MeasuredOpened {
  name: string;
  measured: MeasuredDocument;
}

export interface WorkbenchApi {
  listScenarios(): Promise<ScenarioSummary[]>;
  /** Native open dialog in Electron; in the browser, the host lists what it may open. */
  openScenarioDialog(): Promise<ScenarioSummary[]>;
  getScenario(id: string): Promise<ScenarioDetail>;
  /** Validate YAML text without saving (editor feedback). */
  validateScenario(yaml: string): Promise<ScenarioError[]>;
  /**
   * Save editor text to the scenario's file. `baseRevision` is the revision the text was edited
   * from: ESTALE when the file changed on disk since; null overwrites whatever is there.
   * EACCES for a read-only scenario.
   */
  saveScenario(id: string, yaml: string, baseRevision: string | null): Promise<ScenarioDetail>;
  /**
   * Save editor text as a new file and open it (Electron: a save dialog; web host: a new name in
   * the folder it was started with). null when the user cancelled.
   */
  saveScenarioAs(id: string, yaml: string): Promise<ScenarioDetail | null>;
  /** `sensitivity`: also run the sensitivity set (docs/model/costs.md); the document gets its section */
  startRun(scenarioId: string, opts?: RunStartOptions): Promise<RunInfo>;
  cancelRun(runId: string): Promise<void>;
  listRuns(): Promise<RunInfo[]>;
  getRunDocument(runId: string): Promise<RunDocument>;
  /** Expands the scenario's compare matrix into runs; returns the compare id. */
  startCompare(req: CompareRequest): Promise<{ compareId: string; runs: RunInfo[] }>;
  getCompareDocument(compareId: string): Promise<CompareDocument>;
  /** Export a run or compare result; Electron shows a save dialog, the web host returns a download URL. */
  exportReport(targetId: string, format: ExportFormat): Promise<ExportResult>;
  /** Subscribe to run streams; returns an unsubscribe function. */
  onRunEvent(listener: (e: RunStreamEvent) => void): () => void;
  onLibraryChanged(listener: (e: LibraryChangedEvent) => void): () => void;

  // ---- host information ----
  hostInfo(): Promise<HostInfo>;
  /** Recently opened files, newest first (persisted by the host). */
  listRecent(): Promise<string[]>;
  /**
   * Open files by path: entries of the recent list, files dropped on the window (Electron), or files
   * the web host was started with. Anything else is refused with EACCES.
   */
  openScenarioFiles(paths: string[]): Promise<ScenarioSummary[]>;
  /**
   * Open a file the user chose in the browser (upload or drop): its name (a bare .yaml/.yml file
   * name, no path) and its text. The web host keeps a copy in its own folder and lists it under
   * Opened; the desktop app opens files in place (dialog, drop) and answers ENOTSUP.
   */
  openScenarioText(fileName: string, yaml: string): Promise<ScenarioSummary[]>;
  /**
   * Open measured files to set beside a run or a comparison: Electron shows its open dialog and
   * reads the chosen files (null when cancelled); the web host answers ENOTSUP (the page uploads
   * them with openMeasuredText). A malformed file is refused with EINVAL and the importer's
   * located message (file:line:column: expected …, found …); too large, EFBIG. `intervalS`: the
   * seconds between consecutive snapshots that carry no timestamp (`cli import --interval`).
   */
  openMeasuredDialog(intervalS?: number): Promise<MeasuredOpened | null>;
  /** Import measured files the browser read (upload): both hosts; errors as openMeasuredDialog's. */
  openMeasuredText(files: MeasuredUpload[], intervalS?: number): Promise<MeasuredOpened>;
  /** Show the scenario's file in the system file manager (Electron; the web host: ENOTSUP). */
  revealInFolder(scenarioId: string): Promise<void>;
  /** Menu commands (Electron application menu); the web host never emits any. */
  onCommand(listener: (cmd: MenuCommand) => void): () => void;
}

/** Request/response methods of the API (everything but the subscriptions). */
export type ApiMethod = Exclude<keyof WorkbenchApi, 'onRunEvent' | 'onLibraryChanged' | 'onCommand'>;
export type ApiArgs<M extends ApiMethod> = Parameters<WorkbenchApi[M]>;
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<WorkbenchApi[M]>>;

/**
 * The one typed list of IPC channels (Electron Fiddle's model): main registers a handler per
 * entry, the preload exposes exactly these. The web host uses the method names as RPC names.
 */
export const API_INVOKE_CHANNELS: { readonly [M in ApiMethod]: `wb:${M}` } = {
  listScenarios: 'wb:listScenarios',
  openScenarioDialog: 'wb:openScenarioDialog',
  getScenario: 'wb:getScenario',
  validateScenario: 'wb:validateScenario',
  saveScenario: 'wb:saveScenario',
  saveScenarioAs: 'wb:saveScenarioAs',
  startRun: 'wb:startRun',
  cancelRun: 'wb:cancelRun',
  listRuns: 'wb:listRuns',
  getRunDocument: 'wb:getRunDocument',
  startCompare: 'wb:startCompare',
  getCompareDocument: 'wb:getCompareDocument',
  exportReport: 'wb:exportReport',
  hostInfo: 'wb:hostInfo',
  listRecent: 'wb:listRecent',
  openScenarioFiles: 'wb:openScenarioFiles',
  openScenarioText: 'wb:openScenarioText',
  openMeasuredDialog: 'wb:openMeasuredDialog',
  openMeasuredText: 'wb:openMeasuredText',
  revealInFolder: 'wb:revealInFolder',
};

/**
 * Electron only: files dropped on the window. The preload turns the dropped File objects into
 * paths (webUtils.getPathForFile works only on files the user really dropped), so main may open
 * them without the recent-list check.
 */
export const DROP_CHANNEL = 'wb:openDroppedFiles' as const;
/**
 * Electron only, preload → main (one-way): the paths of the files of a real (isTrusted) drop
 * event, seen by the preload itself. DROP_CHANNEL opens only paths announced here.
 */
export const DROP_NOTICE_CHANNEL = 'wb:droppedPaths' as const;
export const API_METHODS = Object.keys(API_INVOKE_CHANNELS) as ApiMethod[];

/** Host → renderer event channels. */
export const API_EVENT_CHANNELS = {
  run: 'wb:event:run',
  library: 'wb:event:library',
  command: 'wb:event:command',
} as const;
