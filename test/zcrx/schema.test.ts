import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import { withLine } from '../scenario/fixtures';

/** BASE with a provider line after `ring: 1024` (line 12). */
function withProvider(provider: string): string {
  return withLine(11, ['    ring: 1024', `    provider: ${provider}`]);
}

function firstError(text: string) {
  const r = parseScenario(text);
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.errors[0];
}

describe('provider: { kind: zcrx } in the schema', () => {
  it('parses with the defaults: 4096 refill entries, a 1024-entry CQ, 32 buffers every 10us', () => {
    const r = parseScenario(withProvider('{ kind: zcrx, area_size: 32MiB, queue: 1 }'));
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
    expect(r.scenario.nics[0].provider).toEqual({
      kind: 'zcrx',
      area_size: 32 * 2 ** 20,
      queue: 1,
      rq_entries: 4096,
      cq_entries: 1024,
      return: { batch: 32, every: 10_000 },
    });
  });

  it('an area that is not a whole number of pages is a located error', () => {
    const e = firstError(withProvider('{ kind: zcrx, area_size: 1000, queue: 1 }'));
    expect(e.path).toBe('nics[0].provider.area_size');
    expect(e.line).toBe(12);
    expect(e.message).toMatch(/multiple of 4KiB/);
  });

  it('an unknown key of the zcrx provider is a located error', () => {
    const e = firstError(withProvider('{ kind: zcrx, area_size: 32MiB, queue: 1, size: 1MiB }'));
    expect(e.path).toBe('nics[0].provider.size');
    expect(e.line).toBe(12);
  });

  it('an unknown provider kind names the kinds there are', () => {
    const e = firstError(withProvider('{ kind: afxdp, queue: 1 }'));
    expect(e.path).toMatch(/^nics\[0\]\.provider/);
    expect(e.line).toBe(12);
    expect(e.message).toMatch(/dmabuf/);
    expect(e.message).toMatch(/zcrx/);
  });

  it('a queue the NIC does not have is a located error', () => {
    const e = firstError(withProvider('{ kind: zcrx, area_size: 32MiB, queue: 7 }'));
    expect(e.path).toBe('nics[0].provider.queue');
    expect(e.line).toBe(12);
  });
});
