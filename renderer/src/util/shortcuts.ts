// Keyboard shortcuts (the Electron menu shows the same accelerators): Ctrl/⌘+O open,
// Ctrl/⌘+Enter run, Ctrl/⌘+. stop, Ctrl/⌘+E export HTML, Ctrl/⌘+1/2/3 views, and Ctrl/⌘+S save,
// which only the renderer handles (the menu has no Save).
//
// They are application shortcuts: the window listens in the capture phase, so they are seen
// before any focused control (CodeMirror binds Ctrl+Enter to "insert blank line" and would
// otherwise edit the file and run it), and the event goes no further.
import type { MenuCommand } from '../../../shared/api';

export type AppShortcut = MenuCommand | 'save';

export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): AppShortcut | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  switch (e.key) {
    case 'o':
    case 'O':
      return 'open';
    case 's':
    case 'S':
      return 'save';
    case 'Enter':
      return 'run';
    case '.':
      return 'stop';
    case 'e':
    case 'E':
      return 'export-html';
    case '1':
      return 'view-library';
    case '2':
      return 'view-run';
    case '3':
      return 'view-compare';
    default:
      return null;
  }
}

/**
 * Listen for application shortcuts on `target` ahead of every focused element, run them, and let
 * the key do nothing else: no newline in the editor, no browser Save Page / Open File. In Electron
 * the application menu performs its accelerators only for keys the page left unhandled, so a
 * prevented key is run here once, in both hosts (never twice).
 */
export function listenForShortcuts(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  dispatch: (s: AppShortcut) => void,
): () => void {
  const onKey = (e: KeyboardEvent): void => {
    const s = shortcutFor(e);
    if (!s) return;
    e.preventDefault();
    e.stopPropagation();
    dispatch(s);
  };
  target.addEventListener('keydown', onKey, true);
  return () => target.removeEventListener('keydown', onKey, true);
}
