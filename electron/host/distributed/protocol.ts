// What travels through Redis for a distributed compare, and under which names. A job carries the
// scenario's text, the point's overrides and the repeat's derived seed: data only, never a file path
// or code; the worker checks it like a file read from disk. Results are the run documents in V8's
// structured-clone encoding (exact for every number, unlike JSON), keyed by run index, so a point
// that runs twice (a worker killed after finishing, a retried stall) is stored once.
import type { CompareValue } from '../../../shared/doc/compareDocument';

export const JOB_FORMAT = 'netmem-workbench/compare-job@1' as const;
/** BullMQ key prefix, and the prefix of the keys this module writes itself. */
export const KEY_PREFIX = 'nmw';
/** Results and specs of an unfinished compare are kept this long for --resume. */
export const COMPARE_TTL_S = 7 * 24 * 3600;

/** One queue per engine version: a worker only sees points that its own engine would run. */
export function queueName(engine: string): string {
  return `compare-${engine.replace(/[^0-9A-Za-z.+_-]/g, '_')}`;
}

export interface CompareJobData {
  format: typeof JOB_FORMAT;
  engine: string;
  compareId: string;
  /** index into the plan's runs (point-major, repeat-minor) */
  index: number;
  point: number;
  repeat: number;
  /** the scenario file's text, as the submitter read it */
  scenarioText: string;
  /** the point's overrides, matrix path → value */
  overrides: Record<string, CompareValue>;
  seed: number;
}

export const keys = {
  /** hash: the submitted compare (scenario hash, repeat, run count, engine) */
  spec: (id: string) => `${KEY_PREFIX}:compare:${id}:spec`,
  /** hash: run index → V8-serialized RunDocument */
  results: (id: string) => `${KEY_PREFIX}:compare:${id}:results`,
  /** hash: run index → the message of a run that failed for good */
  failed: (id: string) => `${KEY_PREFIX}:compare:${id}:failed`,
  /** sorted set: engine version → last time (ms) a worker of it was alive */
  engines: () => `${KEY_PREFIX}:engines`,
  jobId: (id: string, index: number) => `${id}-${index}`,
};

const COMPARE_ID = /^[0-9a-f]{16}$/;

export function isCompareId(s: string): boolean {
  return COMPARE_ID.test(s);
}

function isValue(v: unknown): v is CompareValue {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** A job as read from Redis is untrusted: check every field before anything uses it. */
export function checkJobData(d: unknown, maxTextBytes: number): { ok: true; job: CompareJobData } | { ok: false; message: string } {
  if (typeof d !== 'object' || d === null) return { ok: false, message: 'job data is not an object' };
  const j = d as Record<string, unknown>;
  if (j.format !== JOB_FORMAT) return { ok: false, message: `job format must be ${JOB_FORMAT}, got ${JSON.stringify(j.format)}` };
  if (typeof j.engine !== 'string') return { ok: false, message: 'job names no engine version' };
  if (typeof j.compareId !== 'string' || !isCompareId(j.compareId)) return { ok: false, message: 'job has no valid compare id' };
  for (const k of ['index', 'point', 'repeat', 'seed'] as const) {
    if (!Number.isSafeInteger(j[k]) || (j[k] as number) < 0) return { ok: false, message: `job field ${k} must be a non-negative integer` };
  }
  if (typeof j.scenarioText !== 'string') return { ok: false, message: 'job carries no scenario text' };
  if (Buffer.byteLength(j.scenarioText, 'utf8') > maxTextBytes)
    return { ok: false, message: `job scenario text exceeds ${maxTextBytes} bytes` };
  if (typeof j.overrides !== 'object' || j.overrides === null || Array.isArray(j.overrides))
    return { ok: false, message: 'job overrides must be an object' };
  for (const [k, v] of Object.entries(j.overrides)) {
    if (!isValue(v)) return { ok: false, message: `job override ${JSON.stringify(k)} is not a scalar` };
  }
  return { ok: true, job: j as unknown as CompareJobData };
}
