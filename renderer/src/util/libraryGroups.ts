// How the library lists scenarios: by file name with the title under it, in groups (opened,
// shipped, reference), narrowed by a filter over file name, title, description and badges.
import type { ScenarioSummary } from '../../../shared/api';

export type LibraryGroupId = 'opened' | 'shipped' | 'reference';
export interface LibraryGroup {
  id: LibraryGroupId;
  title: string;
  items: ScenarioSummary[];
}

const TITLES: Record<LibraryGroupId, string> = { opened: 'Opened', shipped: 'Shipped', reference: 'Reference' };
const ORDER: readonly LibraryGroupId[] = ['opened', 'shipped', 'reference'];

/** The last path component, for either separator. */
export function fileBase(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/** Shipped reference reproductions live in the shipped folder's `reference/` (ids are relative to it). */
export function groupOf(s: ScenarioSummary): LibraryGroupId {
  if (s.origin === 'opened') return 'opened';
  return s.id.startsWith('shipped:reference/') ? 'reference' : 'shipped';
}

/** Every word of the filter must occur in the file name, title, description or a badge. */
export function matchesFilter(s: ScenarioSummary, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [fileBase(s.file), s.name, s.description, ...s.badges].join('\n').toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function libraryGroups(list: readonly ScenarioSummary[], filter: string): LibraryGroup[] {
  return ORDER.map((id) => ({ id, title: TITLES[id], items: list.filter((s) => groupOf(s) === id && matchesFilter(s, filter)) })).filter(
    (g) => g.items.length > 0,
  );
}

/** Recent files whose name matches every word of the filter. */
export function filterRecent(paths: readonly string[], filter: string): string[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return paths.filter((p) => words.every((w) => fileBase(p).toLowerCase().includes(w)));
}
