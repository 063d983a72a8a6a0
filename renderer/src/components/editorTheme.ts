// A dark editor theme matching the app's dark palette (CodeMirror's own, no extra package).
import { EditorView } from '@codemirror/view';

export const oneDarkTheme = EditorView.theme({
  '&': { color: '#e6edf3', backgroundColor: '#0d1117' },
  '.cm-content': { caretColor: '#e6edf3' },
  '.cm-gutters': { backgroundColor: '#0d1117', color: '#6e7681', border: 'none' },
  '.cm-activeLine': { backgroundColor: '#161b22' },
  '.cm-activeLineGutter': { backgroundColor: '#161b22' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: '#264f78' },
}, { dark: true });
