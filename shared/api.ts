// WorkbenchApi: the one contract between the renderer and the host. Electron's preload
// exposes it over IPC; the web host (`npm run serve`) serves it over a WebSocket. The
// renderer sees nothing else. Everything crossing it is structured-clone / JSON friendly.
import type { RunDocument, RunProgress, SeriesColumnMeta, EventRecord } from './sim/result/runDocument';

export interface ScenarioError {
  /** YAML path, e.g. `nics[0].ring` */
  path: string;
  line: number;
  col: number;
  message: string;
}

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
}

export interface ScenarioDetail extends ScenarioSummary {
  yaml: string;
}

export type RunState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunInfo {
  runId: string;
  scenarioId: string;
  label: string;
  state: RunState;
  error?: string;
}

export interface RunStartedEvent { type: 'started'; runId: string; columns: SeriesColumnMeta[] }
export interface RunProgressEvent { type: 'progress'; runId: string; progress: RunProgress }
/** Columnar sample batch; `columns[i]` matches the i-th column announced in 'started'. */
export interface RunSamplesEvent { type: 'samples'; runId: string; t_ns: Float64Array; columns: Float64Array[] }
export interface RunLogEvent { type: 'log'; runId: string; events: EventRecord[] }
export interface RunFinishedEvent { type: 'finished'; runId: string; state: RunState; error?: string }
export type RunStreamEvent = RunStartedEvent | RunProgressEvent | RunSamplesEvent | RunLogEvent | RunFinishedEvent;

export type ExportFormat = 'html' | 'pdf' | 'csv' | 'json';

export interface CompareRequest {
  scenarioId: string;
  /** overrides the scenario's own `repeat` */
  repeat?: number;
}

export interface LibraryChangedEvent { type: 'library-changed'; scenarios: ScenarioSummary[] }

export interface WorkbenchApi {
  listScenarios(): Promise<ScenarioSummary[]>;
  /** Native open dialog in Electron; in the browser, the host lists what it may open. */
  openScenarioDialog(): Promise<ScenarioSummary[]>;
  getScenario(id: string): Promise<ScenarioDetail>;
  /** Validate YAML text without saving (editor feedback). */
  validateScenario(yaml: string): Promise<ScenarioError[]>;
  saveScenario(id: string, yaml: string): Promise<ScenarioDetail>;
  startRun(scenarioId: string): Promise<RunInfo>;
  cancelRun(runId: string): Promise<void>;
  listRuns(): Promise<RunInfo[]>;
  getRunDocument(runId: string): Promise<RunDocument>;
  /** Expands the scenario's compare matrix into runs; returns the compare id. */
  startCompare(req: CompareRequest): Promise<{ compareId: string; runs: RunInfo[] }>;
  getCompareDocument(compareId: string): Promise<unknown>;
  /** Export a run or compare result; Electron shows a save dialog, the web host returns a download URL. */
  exportReport(targetId: string, format: ExportFormat): Promise<{ path?: string; url?: string }>;
  /** Subscribe to run streams; returns an unsubscribe function. */
  onRunEvent(listener: (e: RunStreamEvent) => void): () => void;
  onLibraryChanged(listener: (e: LibraryChangedEvent) => void): () => void;
}
