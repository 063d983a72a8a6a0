// Argument checks for every API method: the renderer is a less trusted process, so each value
// crossing IPC or the WebSocket is checked for type and size before the host acts on it.
import { API_METHODS, type ApiMethod, type ExportFormat } from '../../shared/api';
import { apiError } from './apiError';

const EXPORT_FORMATS: readonly ExportFormat[] = ['html', 'pdf', 'csv', 'json'];
const MAX_ID = 4096;
const MAX_TEXT = 1 << 20;

function str(v: unknown, what: string, max = MAX_ID): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > max) throw apiError('EINVAL', `${what} must be a non-empty string of at most ${max} characters`);
  return v;
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length > MAX_TEXT) throw apiError('EINVAL', `${what} must be a string of at most ${MAX_TEXT} characters`);
  return v;
}

export function isApiMethod(m: unknown): m is ApiMethod {
  return typeof m === 'string' && (API_METHODS as string[]).includes(m);
}

/** Check `args` for `method`; returns them typed as the method's parameters. */
export function checkArgs(method: ApiMethod, args: unknown): unknown[] {
  if (!Array.isArray(args)) throw apiError('EINVAL', `${method}: arguments must be an array`);
  const a = args as unknown[];
  switch (method) {
    case 'listScenarios': case 'openScenarioDialog': case 'listRuns': case 'hostInfo': case 'listRecent':
      return [];
    case 'startRun': {
      const o = a[1];
      if (o === undefined) return [str(a[0], 'startRun: id')];
      if (!o || typeof o !== 'object' || Array.isArray(o)) throw apiError('EINVAL', 'startRun: options must be an object');
      const { sensitivity } = o as { sensitivity?: unknown };
      if (sensitivity !== undefined && typeof sensitivity !== 'boolean') throw apiError('EINVAL', 'startRun: options.sensitivity must be a boolean');
      return [str(a[0], 'startRun: id'), sensitivity === undefined ? {} : { sensitivity }];
    }
    case 'getScenario': case 'revealInFolder': case 'cancelRun': case 'getRunDocument': case 'getCompareDocument':
      return [str(a[0], `${method}: id`)];
    case 'validateScenario':
      return [text(a[0], 'validateScenario: yaml')];
    case 'saveScenario':
      return [str(a[0], 'saveScenario: id'), text(a[1], 'saveScenario: yaml')];
    case 'startCompare': {
      const r = a[0];
      if (!r || typeof r !== 'object') throw apiError('EINVAL', 'startCompare: request must be an object');
      const { scenarioId, repeat } = r as { scenarioId?: unknown; repeat?: unknown };
      if (repeat !== undefined && (typeof repeat !== 'number' || !Number.isInteger(repeat) || repeat < 1 || repeat > 100)) {
        throw apiError('EINVAL', 'startCompare: repeat must be an integer from 1 to 100');
      }
      return [{ scenarioId: str(scenarioId, 'startCompare: scenarioId'), ...(repeat !== undefined ? { repeat } : {}) }];
    }
    case 'exportReport': {
      const format = a[1];
      if (!EXPORT_FORMATS.includes(format as ExportFormat)) throw apiError('EINVAL', `exportReport: format must be one of ${EXPORT_FORMATS.join(', ')}`);
      return [str(a[0], 'exportReport: target id'), format];
    }
    case 'openScenarioFiles': {
      const paths = a[0];
      if (!Array.isArray(paths) || paths.length === 0 || paths.length > 64) throw apiError('EINVAL', 'openScenarioFiles: paths must be an array of 1 to 64 paths');
      return [paths.map((p, i) => str(p, `openScenarioFiles: paths[${i}]`))];
    }
  }
}
