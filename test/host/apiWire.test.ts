// The WebSocket sample frame round-trips any batch exactly (property test), and rejects frames
// that are not ours.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeSamples, encodeSamples } from '../../shared/apiWire';
import { API_INVOKE_CHANNELS, API_METHODS } from '../../shared/api';
import { checkArgs } from '../../electron/host/argCheck';

describe('sample frames', () => {
  it('round-trip exactly', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 6 }),
        fc.double({ noNaN: false }),
        (runId, n, c, seed) => {
          const t_ns = Float64Array.from({ length: n }, (_, i) => i * 1e6);
          const columns = Array.from({ length: c }, (_, k) => Float64Array.from({ length: n }, (_, i) => seed * (k + 1) + i));
          const d = decodeSamples(new Uint8Array(encodeSamples({ type: 'samples', runId, t_ns, columns })));
          expect(d.runId).toBe(runId);
          expect([...d.t_ns]).toEqual([...t_ns]);
          expect(d.columns.map((x) => [...x])).toEqual(columns.map((x) => [...x]));
        },
      ),
    );
  });

  it('decodes from an unaligned view (a Node Buffer slice)', () => {
    const frame = new Uint8Array(
      encodeSamples({ type: 'samples', runId: 'r', t_ns: new Float64Array([1, 2]), columns: [new Float64Array([3, 4])] }),
    );
    const padded = new Uint8Array(frame.length + 3);
    padded.set(frame, 3);
    expect([...decodeSamples(padded.subarray(3)).columns[0]]).toEqual([3, 4]);
  });

  it('rejects foreign or truncated frames', () => {
    expect(() => decodeSamples(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/magic/);
    const frame = new Uint8Array(encodeSamples({ type: 'samples', runId: 'r', t_ns: new Float64Array([1]), columns: [] }));
    expect(() => decodeSamples(frame.subarray(0, frame.length - 1))).toThrow(/size/);
  });
});

describe('API contract', () => {
  it('has one channel per method, named after it', () => {
    for (const m of API_METHODS) expect(API_INVOKE_CHANNELS[m]).toBe(`wb:${m}`);
  });
  it('checks arguments before anything acts on them', () => {
    expect(() => checkArgs('getScenario', [42])).toThrow(/EINVAL/);
    expect(() => checkArgs('exportReport', ['run-1', 'docx'])).toThrow(/EINVAL.*html, pdf, csv, json/);
    expect(() => checkArgs('startCompare', [{ scenarioId: 'x', repeat: 0 }])).toThrow(/EINVAL/);
    expect(checkArgs('startCompare', [{ scenarioId: 'x', repeat: 3, extra: 1 }])).toEqual([{ scenarioId: 'x', repeat: 3 }]);
    expect(() => checkArgs('openScenarioFiles', [[]])).toThrow(/EINVAL/);
    expect(checkArgs('startRun', ['x'])).toEqual(['x']);
    expect(checkArgs('startRun', ['x', { sensitivity: true, other: 1 }])).toEqual(['x', { sensitivity: true }]);
    expect(() => checkArgs('startRun', ['x', { sensitivity: 'yes' }])).toThrow(/EINVAL.*sensitivity/);
    expect(() => checkArgs('startRun', ['x', [true]])).toThrow(/EINVAL/);
  });
});
