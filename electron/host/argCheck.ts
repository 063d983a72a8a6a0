// Argument checks for every API method: the renderer is a less trusted process, so each value
// crossing IPC or the WebSocket is checked for type and size before the host acts on it.
import { API_METHODS, EXPORT_FORMATS, type ApiMethod, type ExportFormat } from '../../shared/api';
import { apiError } from './apiError';
import {
  MAX_TEXT_CHARS,
  MEASURED_MAX_CHARS,
  MEASURED_MAX_FILES,
  measuredTooLargeMessage,
  sizeText,
  SCENARIO_MAX_BYTES,
} from '../../shared/apiLimits';

const MAX_ID = 4096;

function str(v: unknown, what: string, max = MAX_ID): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > max)
    throw apiError('EINVAL', `${what} must be a non-empty string of at most ${max} characters`);
  return v;
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string') throw apiError('EINVAL', `${what} must be a string`);
  if (v.length > MAX_TEXT_CHARS)
    throw apiError('EFBIG', `${what} is ${v.length} characters; scenario files are limited to ${sizeText(SCENARIO_MAX_BYTES)}`);
  return v;
}

/** Seconds between untimed snapshots: positive, finite, at most a day. */
function interval(v: unknown, method: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 86_400)
    throw apiError('EINVAL', `${method}: intervalS must be a number of seconds above 0 and at most 86400`);
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
    case 'listScenarios':
    case 'openScenarioDialog':
    case 'listRuns':
    case 'hostInfo':
    case 'listRecent':
      return [];
    case 'openMeasuredDialog':
      return a[0] === undefined ? [] : [interval(a[0], 'openMeasuredDialog')];
    case 'startRun': {
      const o = a[1];
      if (o === undefined) return [str(a[0], 'startRun: id')];
      if (!o || typeof o !== 'object' || Array.isArray(o)) throw apiError('EINVAL', 'startRun: options must be an object');
      const { sensitivity, yaml } = o as { sensitivity?: unknown; yaml?: unknown };
      if (sensitivity !== undefined && typeof sensitivity !== 'boolean')
        throw apiError('EINVAL', 'startRun: options.sensitivity must be a boolean');
      return [
        str(a[0], 'startRun: id'),
        {
          ...(sensitivity === undefined ? {} : { sensitivity }),
          ...(yaml === undefined ? {} : { yaml: text(yaml, 'startRun: options.yaml') }),
        },
      ];
    }
    case 'getScenario':
    case 'revealInFolder':
    case 'cancelRun':
    case 'getRunDocument':
    case 'getCompareDocument':
      return [str(a[0], `${method}: id`)];
    case 'validateScenario':
      return [text(a[0], 'validateScenario: yaml')];
    case 'saveScenario': {
      const rev = a[2];
      if (rev !== null && (typeof rev !== 'string' || !/^[0-9a-f]{64}$/.test(rev)))
        throw apiError('EINVAL', 'saveScenario: baseRevision must be a revision from getScenario, or null to overwrite');
      return [str(a[0], 'saveScenario: id'), text(a[1], 'saveScenario: yaml'), rev];
    }
    case 'saveScenarioAs':
      return [str(a[0], 'saveScenarioAs: id'), text(a[1], 'saveScenarioAs: yaml')];
    case 'startCompare': {
      const r = a[0];
      if (!r || typeof r !== 'object') throw apiError('EINVAL', 'startCompare: request must be an object');
      const { scenarioId, repeat, queue } = r as { scenarioId?: unknown; repeat?: unknown; queue?: unknown };
      if (repeat !== undefined && (typeof repeat !== 'number' || !Number.isInteger(repeat) || repeat < 1 || repeat > 100)) {
        throw apiError('EINVAL', 'startCompare: repeat must be an integer from 1 to 100');
      }
      if (queue !== undefined && (typeof queue !== 'string' || queue.length > 1024 || !/^rediss?:\/\//.test(queue))) {
        throw apiError('EINVAL', 'startCompare: queue must be a redis:// or rediss:// URL of at most 1024 characters');
      }
      return [
        {
          scenarioId: str(scenarioId, 'startCompare: scenarioId'),
          ...(repeat !== undefined ? { repeat } : {}),
          ...(queue !== undefined ? { queue: queue as string } : {}),
        },
      ];
    }
    case 'exportReport': {
      const format = a[1];
      if (!EXPORT_FORMATS.includes(format as ExportFormat))
        throw apiError('EINVAL', `exportReport: format must be one of ${EXPORT_FORMATS.join(', ')}`);
      return [str(a[0], 'exportReport: target id'), format];
    }
    case 'openScenarioText': {
      const name = str(a[0], 'openScenarioText: fileName', 255);
      // A name, never a path: the host chooses where the copy goes.
      if (/[\\/\0]/.test(name) || name.startsWith('.') || !/\.ya?ml$/i.test(name)) {
        throw apiError('EINVAL', 'openScenarioText: fileName must be a bare file name ending in .yaml or .yml');
      }
      return [name, text(a[1], 'openScenarioText: yaml')];
    }
    case 'openMeasuredText': {
      const files = a[0];
      if (!Array.isArray(files) || files.length === 0 || files.length > MEASURED_MAX_FILES)
        throw apiError('EINVAL', `openMeasuredText: files must be an array of 1 to ${MEASURED_MAX_FILES} {name, text}`);
      let chars = 0;
      const out = files.map((f: unknown, i) => {
        if (!f || typeof f !== 'object' || Array.isArray(f))
          throw apiError('EINVAL', `openMeasuredText: files[${i}] must be an object {name, text}`);
        const { name, text: t } = f as { name?: unknown; text?: unknown };
        const n = str(name, `openMeasuredText: files[${i}].name`, 255);
        // A name, never a path: it is only shown (messages, sources of the measured document).
        if (/[\\/\0]/.test(n)) throw apiError('EINVAL', `openMeasuredText: files[${i}].name must be a bare file name`);
        if (typeof t !== 'string') throw apiError('EINVAL', `openMeasuredText: files[${i}].text must be a string`);
        chars += t.length;
        if (chars > MEASURED_MAX_CHARS) throw apiError('EFBIG', `openMeasuredText: ${measuredTooLargeMessage(chars)}`);
        return { name: n, text: t };
      });
      return a[1] === undefined ? [out] : [out, interval(a[1], 'openMeasuredText')];
    }
    case 'openScenarioFiles': {
      const paths = a[0];
      if (!Array.isArray(paths) || paths.length === 0 || paths.length > 64)
        throw apiError('EINVAL', 'openScenarioFiles: paths must be an array of 1 to 64 paths');
      return [paths.map((p, i) => str(p, `openScenarioFiles: paths[${i}]`))];
    }
  }
}
