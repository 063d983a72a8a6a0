// WCAG 2.2 AA contrast of the palette (style.css, both schemes) and of the editor's token colours:
// text ≥ 4.5:1 on every background it is drawn on, focus rings and control borders ≥ 3:1.
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultHighlightStyle } from '@codemirror/language';
import {
  DARK_EDITOR,
  DARK_TOKEN_COLORS,
  darkHighlightStyle,
  LIGHT_TOKEN_COLORS,
  lightHighlightStyle,
} from '../../renderer/src/components/editorTheme';

function rgb(hex: string): [number, number, number] {
  let h = hex.replace('#', '');
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255) as [number, number, number];
}
function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const css = readFileSync(new URL('../../renderer/src/style.css', import.meta.url), 'utf8');
function palette(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{3,6})\b/g)].map((m) => [m[1], m[2]]));
}
const light = palette(css.slice(css.indexOf(':root'), css.indexOf('@media (prefers-color-scheme: dark)')));
const dark = palette(css.slice(css.indexOf('@media (prefers-color-scheme: dark)'), css.indexOf('html, body')));

describe.each([
  ['light', light],
  ['dark', dark],
] as const)('%s palette', (_name, p) => {
  const backgrounds = ['bg', 'panel', 'hover', 'selected', 'badge'];
  it.each(['text', 'subtle', 'accent', 'ok-text', 'error-text', 'warn'])('--%s text ≥ 4.5:1 on every background', (fg) => {
    for (const bg of backgrounds) expect(contrast(p[fg], p[bg]), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });
  it('white on the primary button ≥ 4.5:1, hovered too', () => {
    expect(contrast('#ffffff', p.primary)).toBeGreaterThanOrEqual(4.5);
    expect(contrast('#ffffff', p['primary-hover'])).toBeGreaterThanOrEqual(4.5);
  });
  it('focus ring and control borders ≥ 3:1 against the surfaces', () => {
    for (const bg of ['bg', 'panel']) {
      expect(contrast(p.accent, p[bg]), `focus ring on ${bg}`).toBeGreaterThanOrEqual(3);
      expect(contrast(p['control-border'], p[bg]), `control border on ${bg}`).toBeGreaterThanOrEqual(3);
    }
  });
});

const colours = (h: typeof defaultHighlightStyle): string[] =>
  h.specs.map((s) => s.color).filter((c): c is string => typeof c === 'string');

describe('editor token colours', () => {
  it('dark: every default colour is replaced, and each ≥ 4.5:1 on the background and the active line', () => {
    for (const c of colours(defaultHighlightStyle)) expect(DARK_TOKEN_COLORS[c], `default colour ${c}`).toBeDefined();
    for (const c of [...colours(darkHighlightStyle), DARK_EDITOR.text, DARK_EDITOR.gutter]) {
      for (const bg of [DARK_EDITOR.background, DARK_EDITOR.activeLine])
        expect(contrast(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
    // selected text: the plain text colour stays readable on the selection
    expect(contrast(DARK_EDITOR.text, DARK_EDITOR.selection)).toBeGreaterThanOrEqual(4.5);
  });
  it('light: each ≥ 4.5:1 on white', () => {
    expect(Object.keys(LIGHT_TOKEN_COLORS).every((c) => contrast(c, '#ffffff') < 4.5)).toBe(true);
    for (const c of colours(lightHighlightStyle)) expect(contrast(c, '#ffffff'), c).toBeGreaterThanOrEqual(4.5);
  });
});
