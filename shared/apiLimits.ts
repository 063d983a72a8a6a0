// Size limits both ends of WorkbenchApi agree on. The renderer refuses editor text over the
// scenario cap before sending it; the host's request-frame limit is derived from the same cap,
// so any request the argument checks accept also fits in one WebSocket frame.
// (Kept free of the `yaml` package so the renderer can import it; test/host/apiLimits.test.ts
// pins SCENARIO_MAX_BYTES to the parser's DEFAULT_MAX_BYTES.)

/** Largest scenario file, in UTF-8 bytes (the parser's DEFAULT_MAX_BYTES). */
export const SCENARIO_MAX_BYTES = 1024 * 1024;

/** Largest text argument (editor YAML), in UTF-16 code units, as the host's argument checks count. */
export const MAX_TEXT_CHARS = SCENARIO_MAX_BYTES;

/**
 * Largest request frame the web host reads. JSON.stringify writes at most 6 bytes per UTF-16
 * code unit (`\u001f`, a lone surrogate), so a text argument of MAX_TEXT_CHARS needs at most
 * 6 × MAX_TEXT_CHARS bytes; 64 KiB more covers the envelope and the id arguments.
 */
export const MAX_REQUEST_FRAME_BYTES = 6 * MAX_TEXT_CHARS + 64 * 1024;

/** UTF-8 length of a string (a lone surrogate counts 3 bytes, as TextEncoder writes U+FFFD). */
export function utf8ByteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : bytes >= 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${bytes} B`;
}

/** The message for editor text over the cap (same wording as the parser's size error). */
export function scenarioTooLargeMessage(bytes: number): string {
  return `file is ${sizeText(bytes)}; scenario files are limited to ${sizeText(SCENARIO_MAX_BYTES)}`;
}

/** Most measured files one open imports (several snapshots, or ynl and ethtool side by side). */
export const MEASURED_MAX_FILES = 16;

/**
 * Largest measured input of one open, in UTF-16 code units summed over its files: the scenario
 * cap, so an upload fits in one request frame. Longer series: `cli import` them.
 */
export const MEASURED_MAX_CHARS = MAX_TEXT_CHARS;

export function measuredTooLargeMessage(chars: number): string {
  return `the measured files hold ${sizeText(chars)} of text; one open is limited to ${sizeText(MEASURED_MAX_CHARS)} (import longer series with \`cli import\` and open its measured.json)`;
}
