// Warnings and events of a run, with the kernel's own texts; the first occurrences are numbered
// E1, E2… as the charts mark them on the time axis.
import type { EventRecord } from '../../doc/runDocument';
import { selectChartEvents } from '../charts/common';
import type { ReportBlock, ReportCell, ReportTable } from './types';
import { code, count, text } from './cells';

/** Longest event log printed in full; the JSON export has every event. */
export const MAX_LOGGED_EVENTS = 400;

const levelCell = (l: EventRecord['level']): ReportCell =>
  text(l, l === 'error' ? { tone: 'worse' } : l === 'warn' ? { tone: 'warn' } : {});
const timeCell = (t_ns: number): ReportCell => ({ text: `${(t_ns / 1e6).toFixed(3)} ms`, value: t_ns });

export function markedEventsTable(events: readonly EventRecord[], id = 'events-marked'): ReportTable | null {
  const marked = selectChartEvents(events);
  if (marked.length === 0) return null;
  return {
    id,
    caption: 'Events marked on the charts',
    columns: [{ label: 'mark' }, { label: 'time', align: 'right' }, { label: 'level' }, { label: 'source' }, { label: 'message' }],
    rows: marked.map((e, i) => [text(`E${i + 1}`), timeCell(e.t_ns), levelCell(e.level), code(e.source), code(e.message)]),
    note: 'First occurrence of each distinct message, in time order.',
  };
}

/** Distinct messages with how often and when first/last seen. */
export function eventSummaryTable(events: readonly EventRecord[], id = 'events-summary'): ReportTable | null {
  const m = new Map<string, { e: EventRecord; n: number; last: number }>();
  for (const e of events) {
    const k = `${e.level}\u0000${e.source}\u0000${e.message}`;
    const cur = m.get(k);
    if (cur) {
      cur.n++;
      cur.last = e.t_ns;
    } else m.set(k, { e, n: 1, last: e.t_ns });
  }
  if (m.size === 0) return null;
  const order = { error: 0, warn: 1, info: 2 } as const;
  const rows = [...m.values()].sort((a, b) => order[a.e.level] - order[b.e.level] || a.e.t_ns - b.e.t_ns);
  return {
    id,
    caption: 'Warnings and events by message',
    columns: [
      { label: 'level' },
      { label: 'source' },
      { label: 'message' },
      { label: 'times', align: 'right' },
      { label: 'first', align: 'right' },
      { label: 'last', align: 'right' },
    ],
    rows: rows.map(({ e, n, last }) => [levelCell(e.level), code(e.source), code(e.message), count(n), timeCell(e.t_ns), timeCell(last)]),
  };
}

export function eventLogTable(events: readonly EventRecord[], id = 'events-log'): ReportTable | null {
  if (events.length === 0) return null;
  const shown = events.slice(0, MAX_LOGGED_EVENTS);
  return {
    id,
    caption: 'Event log',
    compact: true,
    columns: [{ label: 'time', align: 'right' }, { label: 'level' }, { label: 'source' }, { label: 'message' }],
    rows: shown.map((e) => [timeCell(e.t_ns), levelCell(e.level), code(e.source), code(e.message)]),
    note: events.length > shown.length ? `First ${shown.length} of ${events.length} events; the JSON export holds all of them.` : undefined,
  };
}

export function eventBlocks(events: readonly EventRecord[]): ReportBlock[] {
  const tables = [eventSummaryTable(events), eventLogTable(events)].filter((t): t is ReportTable => t !== null);
  if (tables.length === 0) return [{ kind: 'text', text: 'The run logged no events or warnings.' }];
  return tables.map((table) => ({ kind: 'table', table }));
}
