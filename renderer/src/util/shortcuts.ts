// Keyboard shortcuts (the Electron menu shows the same accelerators): Ctrl/⌘+O open,
// Ctrl/⌘+Enter run, Ctrl/⌘+. stop, Ctrl/⌘+E export HTML, Ctrl/⌘+1/2/3 views.
import type { MenuCommand } from '../../../shared/api';

export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): MenuCommand | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  switch (e.key) {
    case 'o': case 'O': return 'open';
    case 'Enter': return 'run';
    case '.': return 'stop';
    case 'e': case 'E': return 'export-html';
    case '1': return 'view-library';
    case '2': return 'view-run';
    case '3': return 'view-compare';
    default: return null;
  }
}
