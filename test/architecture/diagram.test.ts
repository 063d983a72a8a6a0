// The layer picture in docs/architecture.md is drawn from the layer table; it must not drift.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC, diagram, withDiagram } from '../../scripts/architecture-diagram.mjs';

describe('docs/architecture.md', () => {
  it('shows the arrows of tools/architecture/layers.mjs (regenerate: node scripts/architecture-diagram.mjs --write)', () => {
    const text = readFileSync(DOC, 'utf8');
    expect(withDiagram(text)).toBe(text);
    expect(diagram()).toContain('sim --> doc');
    expect(diagram()).not.toContain('doc --> ');
  });
});
