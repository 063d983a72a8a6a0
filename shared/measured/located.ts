// Located errors for measured-data files: every malformed input names file:line:column, what was
// expected there and what was found. Pure (no Node imports): the renderer parses files too.

export interface SourcePos {
  line: number;
  column: number;
}

export class MeasuredParseError extends Error {
  constructor(
    readonly file: string,
    readonly pos: SourcePos,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${file}:${pos.line}:${pos.column}: expected ${expected}, found ${found}`);
    this.name = 'MeasuredParseError';
  }
}

/** 1-based line and column of a character offset. */
export function posAt(text: string, offset: number): SourcePos {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** A short printable description of the text at `offset` for "found …". */
export function foundAt(text: string, offset: number): string {
  if (offset >= text.length) return 'end of file';
  const rest = text.slice(offset, offset + 24).split('\n')[0];
  return rest.length ? JSON.stringify(rest) : 'end of line';
}

/** Lines with their 1-based numbers, for line-oriented formats. */
export function numberedLines(text: string): { n: number; text: string }[] {
  return text.split(/\r?\n/).map((t, i) => ({ n: i + 1, text: t }));
}
