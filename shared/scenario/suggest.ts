// "Did you mean …?" for unknown keys and enum values: the closest candidate by
// Damerau-Levenshtein distance (a swapped pair of letters counts as one edit).

/** Optimal-string-alignment distance between a and b (case-insensitive). */
export function editDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1];
}

/**
 * The closest candidate when it is close enough to be a plausible typo: at most a third of the
 * word's length in edits (minimum 1, maximum 3), or a case-only / separator-only difference.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_ ]/g, '');
  let best: string | undefined;
  let bestD = Infinity;
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  for (const c of candidates) {
    if (c === word) continue;
    // More edits than the limit just to match the lengths: not a typo (and a pasted blob costs nothing).
    if (Math.abs(c.length - word.length) > limit && norm(c) !== norm(word)) continue;
    const dist = norm(c) === norm(word) ? 0 : editDistance(word, c);
    if (dist < bestD) {
      best = c;
      bestD = dist;
    }
  }
  return best !== undefined && bestD <= limit ? best : undefined;
}
