// A small, linear parser for the literal syntax that ynl prints: Python pprint (single- or
// double-quoted strings, True/False/None, ints, floats, dicts, lists, tuples, b'' bytes) and JSON
// (true/false/null). No eval. A file may hold several values one after another (snapshots), each
// optionally preceded by a bare number (a `date +%s.%N` timestamp): `parseLiteralStream` returns
// them all with their positions. Errors are MeasuredParseError with file:line:column.
import { MeasuredParseError, foundAt, type SourcePos } from './located';

export type Literal = null | boolean | number | string | Literal[] | { [key: string]: Literal };

export interface LiteralValue {
  value: Literal;
  pos: SourcePos;
}

/** Where each dict key and list item of a parsed value starts, for located errors on values. */
export class LiteralPositions {
  private readonly map = new WeakMap<object, Map<string, SourcePos>>();
  set(container: object, key: string, pos: SourcePos): void {
    let m = this.map.get(container);
    if (!m) {
      m = new Map();
      this.map.set(container, m);
    }
    m.set(key, pos);
  }
  /** Position of `key` (or item index) in `container`; `fallback` when unknown. */
  of(container: object, key: string | number, fallback: SourcePos): SourcePos {
    return this.map.get(container)?.get(String(key)) ?? fallback;
  }
}

const MAX_DEPTH = 64;

class Parser {
  i = 0;
  readonly positions = new LiteralPositions();
  private readonly lineStarts: number[] = [0];
  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) this.lineStarts.push(k + 1);
  }

  /** Line/column of an offset by binary search over line starts (keeps parsing linear). */
  pos(at: number): SourcePos {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - this.lineStarts[lo] + 1 };
  }

  fail(expected: string, at = this.i): never {
    throw new MeasuredParseError(this.file, this.pos(at), expected, foundAt(this.text, at));
  }

  skipWs(): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  atEnd(): boolean {
    this.skipWs();
    return this.i >= this.text.length;
  }

  value(depth: number): Literal {
    if (depth > MAX_DEPTH) this.fail(`at most ${MAX_DEPTH} levels of nesting`);
    this.skipWs();
    const c = this.text[this.i];
    if (c === '{') return this.dict(depth);
    if (c === '[') return this.seq(depth, '[', ']');
    if (c === '(') return this.seq(depth, '(', ')');
    if (c === "'" || c === '"') return this.str();
    if ((c === 'b' || c === 'B') && (this.text[this.i + 1] === "'" || this.text[this.i + 1] === '"')) {
      this.i++;
      return this.str();
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.num();
    for (const [word, v] of WORDS) {
      if (this.text.startsWith(word, this.i) && !/[A-Za-z0-9_]/.test(this.text[this.i + word.length] ?? '')) {
        this.i += word.length;
        return v;
      }
    }
    return this.fail('a value (dict, list, string, number, True/False/None)');
  }

  dict(depth: number): Literal {
    const out: { [key: string]: Literal } = {};
    this.i++;
    this.skipWs();
    if (this.text[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipWs();
      const keyAt = this.i;
      const k = this.value(depth + 1);
      if (typeof k !== 'string' && typeof k !== 'number') this.fail('a string or number key', keyAt);
      this.skipWs();
      if (this.text[this.i] !== ':') this.fail("':' after a dict key");
      this.i++;
      const key = String(k);
      if (Object.prototype.hasOwnProperty.call(out, key)) this.fail(`a key other than ${JSON.stringify(key)} (duplicate)`, keyAt);
      this.positions.set(out, key, this.pos(keyAt));
      out[key] = this.value(depth + 1);
      this.skipWs();
      const c = this.text[this.i];
      if (c === ',') {
        this.i++;
        this.skipWs();
        if (this.text[this.i] === '}') {
          this.i++;
          return out;
        }
        continue;
      }
      if (c === '}') {
        this.i++;
        return out;
      }
      this.fail("',' or '}'");
    }
  }

  seq(depth: number, open: string, close: string): Literal {
    const out: Literal[] = [];
    this.i++;
    this.skipWs();
    if (this.text[this.i] === close) {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipWs();
      this.positions.set(out, String(out.length), this.pos(this.i));
      out.push(this.value(depth + 1));
      this.skipWs();
      const c = this.text[this.i];
      if (c === ',') {
        this.i++;
        this.skipWs();
        if (this.text[this.i] === close) {
          this.i++;
          return out;
        }
        continue;
      }
      if (c === close) {
        this.i++;
        return out;
      }
      this.fail(`',' or '${close}'`);
    }
  }

  str(): string {
    const t = this.text;
    const q = t[this.i];
    const start = this.i;
    this.i++;
    let out = '';
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === q) {
        this.i++;
        return out;
      }
      if (c === '\n') break;
      if (c === '\\') {
        const e = t[this.i + 1];
        const simple = ESCAPES[e ?? ''];
        if (simple !== undefined) {
          out += simple;
          this.i += 2;
          continue;
        }
        const hex = e === 'x' ? 2 : e === 'u' ? 4 : 0;
        const digits = t.slice(this.i + 2, this.i + 2 + hex);
        if (hex && /^[0-9a-fA-F]+$/.test(digits) && digits.length === hex) {
          out += String.fromCharCode(parseInt(digits, 16));
          this.i += 2 + hex;
          continue;
        }
        this.fail('a valid escape sequence');
      }
      out += c;
      this.i++;
    }
    return this.fail(`a closing ${q} for the string opened at column ${this.pos(start).column}`);
  }

  num(): number {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.i, this.i + 64));
    if (!m) return this.fail('a number');
    this.i += m[0].length;
    const v = Number(m[0]);
    if (!Number.isFinite(v)) this.fail('a finite number');
    return v;
  }
}

const WORDS: readonly [string, Literal][] = [
  ['True', true],
  ['False', false],
  ['None', null],
  ['true', true],
  ['false', false],
  ['null', null],
];
const ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '/': '/',
  b: '\b',
  f: '\f',
};

/** Exactly one value in `text`. */
export function parseLiteral(text: string, file: string): { value: Literal; positions: LiteralPositions } {
  const p = new Parser(text, file);
  const v = p.value(0);
  if (!p.atEnd()) p.fail('end of input after the value');
  return { value: v, positions: p.positions };
}

/** Every top-level value in `text`, in order (whitespace between them). */
export function parseLiteralStream(text: string, file: string): { values: LiteralValue[]; positions: LiteralPositions } {
  const p = new Parser(text, file);
  const values: LiteralValue[] = [];
  while (!p.atEnd()) {
    const pos = p.pos(p.i);
    values.push({ value: p.value(0), pos });
  }
  return { values, positions: p.positions };
}

export function isDict(v: Literal): v is { [key: string]: Literal } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
