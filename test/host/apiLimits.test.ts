// The renderer, the argument checks, the library and the parser agree on one scenario size cap,
// and any request the argument checks accept fits in one WebSocket frame.
import { describe, expect, it } from 'vitest';
import { MAX_REQUEST_FRAME_BYTES, MAX_TEXT_CHARS, SCENARIO_MAX_BYTES, utf8ByteLength } from '../../shared/apiLimits';
import { DEFAULT_MAX_BYTES } from '../../shared/sim/validate/parse';
import { MAX_SCENARIO_BYTES } from '../../electron/host/scenarioLibrary';
import { checkArgs } from '../../electron/host/argCheck';

describe('API size limits', () => {
  it('one scenario cap everywhere', () => {
    expect(SCENARIO_MAX_BYTES).toBe(DEFAULT_MAX_BYTES);
    expect(MAX_SCENARIO_BYTES).toBe(DEFAULT_MAX_BYTES);
  });

  it('the largest accepted text, written as JSON in the worst case, fits in one request frame', () => {
    const worst = '\u0001'.repeat(MAX_TEXT_CHARS);
    expect(() => checkArgs('saveScenario', ['opened:/x.yaml', worst, null])).not.toThrow();
    const frame = JSON.stringify({ id: Number.MAX_SAFE_INTEGER, method: 'saveScenario', args: ['\u0001'.repeat(4096), worst] });
    expect(Buffer.byteLength(frame)).toBeLessThanOrEqual(MAX_REQUEST_FRAME_BYTES);
    expect(() => checkArgs('saveScenario', ['x', worst + 'a', null])).toThrow(/^EFBIG: .*limited to 1\.0 MiB/);
  });

  it('utf8ByteLength counts as Buffer does', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a\ud800b', '\udc00', 'x'.repeat(10) + '😀😀']) {
      expect(utf8ByteLength(s)).toBe(Buffer.byteLength(s));
    }
  });
});
