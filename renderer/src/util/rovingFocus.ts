// Roving tabindex for a list of items (WAI-ARIA APG "Keyboard Navigation Inside Components"):
// the list is one Tab stop — only the active item has tabindex 0 — and Up/Down, Home/End and
// type-ahead (characters typed within TYPEAHEAD_MS search the item labels from the next item on)
// move focus among the items.
export const TYPEAHEAD_MS = 700;

export interface RovingState {
  typed: string;
  at: number;
}

export function newRovingState(): RovingState {
  return { typed: '', at: 0 };
}

/** End the type-ahead search (an item was picked, or the focus left the list). */
export function resetTyping(st: RovingState): void {
  st.typed = '';
  st.at = 0;
}

/** A type-ahead search is under way (so Space is part of the name, not "pick"). */
export function isTyping(st: RovingState, now: number): boolean {
  return st.typed !== '' && now - st.at <= TYPEAHEAD_MS;
}

/**
 * The index focus moves to for key `key` from `current` among `labels`, or null when the key is
 * not a list key. Type-ahead matches label prefixes, case-insensitively; a repeated single
 * character cycles through the items starting with it.
 */
export function rovingTarget(key: string, current: number, labels: readonly string[], st: RovingState, now: number): number | null {
  const n = labels.length;
  if (n === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(n - 1, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return n - 1;
  }
  if (key.length !== 1 || (key === ' ' && !isTyping(st, now))) return null;
  st.typed = now - st.at > TYPEAHEAD_MS ? key.toLowerCase() : st.typed + key.toLowerCase();
  st.at = now;
  const q = st.typed;
  const cycling = q.length > 1 && [...q].every((c) => c === q[0]);
  const prefix = cycling ? q[0] : q;
  // A longer query may still match the current item; a fresh one starts after it.
  const from = q.length > 1 && !cycling ? current : current + 1;
  for (let k = 0; k < n; k++) {
    const i = (from + k) % n;
    if (labels[i].toLowerCase().startsWith(prefix)) return i;
  }
  return null;
}
