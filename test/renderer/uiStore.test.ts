// The ui store's view switches (whether the focus follows to the view's heading) and the
// sidebar that collapses in narrow windows.
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useUiStore } from '../../renderer/src/stores/ui';

function fakeQuery(matches: boolean) {
  let listener: ((e: MediaQueryListEvent) => void) | null = null;
  return {
    matches,
    addEventListener: (_t: string, l: (e: MediaQueryListEvent) => void) => {
      listener = l;
    },
    fire: (m: boolean) => listener?.({ matches: m } as MediaQueryListEvent),
  };
}

describe('ui store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('show() moves the focus with the view unless told not to', () => {
    const ui = useUiStore();
    const seq = ui.focusSeq;
    ui.show('run');
    expect(ui.view).toBe('run');
    expect(ui.focusSeq).toBe(seq + 1);
    ui.show('library', false);
    expect(ui.view).toBe('library');
    expect(ui.focusSeq).toBe(seq + 1);
  });

  it('the sidebar collapses while the window is narrow and opens again when it widens', () => {
    const ui = useUiStore();
    const q = fakeQuery(true);
    ui.followWidth(q as unknown as MediaQueryList);
    expect(ui.sidebarOpen).toBe(false);
    q.fire(false);
    expect(ui.sidebarOpen).toBe(true);
    q.fire(true);
    expect(ui.sidebarOpen).toBe(false);
  });
});
