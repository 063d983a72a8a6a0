// Keyboard model: application shortcuts run ahead of the focused control (capture phase) and
// keep the key from the editor and the browser; the library list's roving focus and type-ahead.
import { describe, expect, it } from 'vitest';
import { listenForShortcuts, shortcutFor, type AppShortcut } from '../../renderer/src/util/shortcuts';
import { isTyping, newRovingState, resetTyping, rovingTarget, TYPEAHEAD_MS } from '../../renderer/src/util/rovingFocus';

type Listener = (e: KeyboardEvent) => void;

function fakeWindow() {
  const added: { type: string; fn: Listener; capture: boolean }[] = [];
  return {
    added,
    addEventListener: (type: string, fn: Listener, capture?: boolean) => {
      added.push({ type, fn, capture: !!capture });
    },
    removeEventListener: (type: string, fn: Listener) => {
      const i = added.findIndex((a) => a.fn === fn && a.type === type);
      if (i >= 0) added.splice(i, 1);
    },
  };
}

function key(k: string, mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>> = {}) {
  const e = {
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
    prevented: false,
    stopped: false,
    preventDefault() {
      e.prevented = true;
    },
    stopPropagation() {
      e.stopped = true;
    },
  };
  return e;
}

describe('application shortcuts', () => {
  it('map Ctrl/⌘ keys to commands, Ctrl+S included', () => {
    expect(shortcutFor(key('s', { ctrlKey: true }))).toBe('save');
    expect(shortcutFor(key('S', { metaKey: true }))).toBe('save');
    expect(shortcutFor(key('Enter', { ctrlKey: true }))).toBe('run');
    expect(shortcutFor(key('Enter'))).toBeNull();
    expect(shortcutFor(key('s', { ctrlKey: true, altKey: true }))).toBeNull();
  });

  it('listen in the capture phase and keep the key from the focused control and the browser', () => {
    const w = fakeWindow();
    const ran: AppShortcut[] = [];
    const off = listenForShortcuts(w as unknown as Window, (s) => ran.push(s));
    expect(w.added).toHaveLength(1);
    expect(w.added[0]).toMatchObject({ type: 'keydown', capture: true });
    const run = key('Enter', { ctrlKey: true });
    w.added[0].fn(run as unknown as KeyboardEvent);
    expect(ran).toEqual(['run']);
    expect(run.prevented).toBe(true); // CodeMirror's Mod-Enter (insert blank line) never sees it
    expect(run.stopped).toBe(true);
    const save = key('s', { ctrlKey: true });
    w.added[0].fn(save as unknown as KeyboardEvent);
    expect(ran).toEqual(['run', 'save']);
    expect(save.prevented).toBe(true); // no Save Page dialog
    const typing = key('a');
    w.added[0].fn(typing as unknown as KeyboardEvent);
    expect(typing.prevented || typing.stopped).toBe(false);
    off();
    expect(w.added).toHaveLength(0);
  });
});

describe('roving focus in the library list', () => {
  const names = ['e2e broken scenario', 'e2e GVE page vs netmem', 'e2e long stream', 'GVE devmem TCP', 'mt76 MMIO'];

  it('moves with Up/Down (clamped), Home and End', () => {
    const st = newRovingState();
    expect(rovingTarget('ArrowDown', 1, names, st, 0)).toBe(2);
    expect(rovingTarget('ArrowDown', 4, names, st, 0)).toBe(4);
    expect(rovingTarget('ArrowUp', 0, names, st, 0)).toBe(0);
    expect(rovingTarget('Home', 3, names, st, 0)).toBe(0);
    expect(rovingTarget('End', 0, names, st, 0)).toBe(4);
    expect(rovingTarget('Tab', 0, names, st, 0)).toBeNull();
    expect(rovingTarget('ArrowDown', 0, [], st, 0)).toBeNull();
  });

  it('type-ahead: a prefix typed quickly, case-insensitive; a pause starts a new search', () => {
    const st = newRovingState();
    let cur = 0;
    let t = 1000;
    for (const c of 'e2e l') {
      cur = rovingTarget(c, cur, names, st, (t += 50)) ?? cur;
    }
    expect(names[cur]).toBe('e2e long stream');
    cur = rovingTarget('g', cur, names, st, (t += TYPEAHEAD_MS + 1)) ?? cur;
    expect(names[cur]).toBe('GVE devmem TCP');
  });

  it('a repeated first letter cycles through the items starting with it', () => {
    const st = newRovingState();
    let cur = 4;
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      cur = rovingTarget('e', cur, names, st, 100 + i * 10) ?? cur;
      seen.push(names[cur]);
    }
    expect(seen).toEqual(['e2e broken scenario', 'e2e GVE page vs netmem', 'e2e long stream', 'e2e broken scenario']);
  });

  it('Space is part of a name only while typing; reset ends the search', () => {
    const st = newRovingState();
    expect(rovingTarget(' ', 0, names, st, 0)).toBeNull();
    rovingTarget('e', 4, names, st, 1000);
    expect(isTyping(st, 1100)).toBe(true);
    expect(isTyping(st, 1000 + TYPEAHEAD_MS + 1)).toBe(false);
    resetTyping(st);
    expect(isTyping(st, 1001)).toBe(false);
  });
});
