// Editor colours with at least 4.5:1 contrast for every YAML token, the line numbers and the fold
// markers (WCAG 2.2 AA), in both schemes. Both highlight styles are CodeMirror's
// defaultHighlightStyle with its colours replaced — the same tags, so nothing is left in a colour
// chosen for the other background. Dark colours after GitHub's dark palette, on the app's
// dark background.
import { EditorView } from '@codemirror/view';
import { defaultHighlightStyle, HighlightStyle, type TagStyle } from '@codemirror/language';

export const DARK_EDITOR = {
  background: '#0d1117',
  text: '#e6edf3',
  gutter: '#8b949e',
  activeLine: '#161b22',
  selection: '#1d3b5e',
} as const;

/** defaultHighlightStyle's colours → colours readable on DARK_EDITOR.background (and activeLine, selection) */
export const DARK_TOKEN_COLORS: Readonly<Record<string, string>> = {
  '#708': '#ff7b72', // keyword
  '#219': '#79c0ff', // atom, bool, url, label
  '#164': '#a5d6ff', // literal (numbers), inserted
  '#a11': '#a5d6ff', // string
  '#e40': '#ffa657', // regexp, escape, special string
  '#00f': '#d2a8ff', // variable definition
  '#30a': '#d2a8ff', // local variable
  '#085': '#ffa657', // type, namespace
  '#167': '#ffa657', // class
  '#256': '#79c0ff', // special variable, macro
  '#00c': '#7ee787', // property definition (YAML keys)
  '#940': '#8b949e', // comment
  '#f00': '#ffa198', // invalid
  '#404740': '#d2a8ff', // meta (YAML directives, tags)
};

/** the two default colours under 4.5:1 on white (#e40 3.8:1, #f00 4.0:1) */
export const LIGHT_TOKEN_COLORS: Readonly<Record<string, string>> = { '#e40': '#bc4c00', '#f00': '#cf222e' };

function recolored(map: Readonly<Record<string, string>>): HighlightStyle {
  return HighlightStyle.define(
    defaultHighlightStyle.specs.map((s: TagStyle) => (typeof s.color === 'string' && map[s.color] ? { ...s, color: map[s.color] } : s)),
  );
}

export const lightHighlightStyle = recolored(LIGHT_TOKEN_COLORS);
export const darkHighlightStyle = recolored(DARK_TOKEN_COLORS);

const c = DARK_EDITOR;
export const darkEditorTheme = EditorView.theme(
  {
    '&': { color: c.text, backgroundColor: c.background },
    '.cm-content': { caretColor: c.text },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: c.text },
    '.cm-gutters': { backgroundColor: c.background, color: c.gutter, border: 'none' },
    '.cm-activeLine': { backgroundColor: c.activeLine },
    '.cm-activeLineGutter': { backgroundColor: c.activeLine, color: c.text },
    '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: c.selection },
    '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': { backgroundColor: '#3fb95040', color: c.text },
    '.cm-foldPlaceholder': { backgroundColor: '#262c36', color: c.text, border: 'none' },
  },
  { dark: true },
);
