// The attack corpus of the hostile-input suite: malformed HTTP requests, malformed WebSocket
// frames, bad messages and path tricks. Each attack reports what the host answered in a short
// outcome string ("HTTP/1.1 400 Bad Request", "close 1009", "reply EACCES", "ok", …) that the
// suite matches against `expect`; after each one the suite checks that the host still answers.
import { lstatSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { frame, httpRaw, isAnswer, text, wsRaw, type Target, type WsOutcome } from './hostileClient';

export interface Attack {
  group: 'http' | 'upgrade' | 'frame' | 'message' | 'file';
  name: string;
  run(t: Target, work: string): Promise<string>;
  expect: RegExp;
}

const get =
  (p: string, headers: string[] = []) =>
  (t: Target): Promise<string> =>
    httpRaw(t, [`GET ${p.replace('TOKEN', t.token)} HTTP/1.1`, `Host: 127.0.0.1:${t.port}`, ...headers, '', ''].join('\r\n'));

const upgrade =
  (lines: (t: Target) => string[]) =>
  (t: Target): Promise<string> =>
    httpRaw(t, [...lines(t), '', ''].join('\r\n'));
const wsHeaders = (t: Target): string[] => [
  `Host: 127.0.0.1:${t.port}`,
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Version: 13',
  `Origin: http://127.0.0.1:${t.port}`,
];

function describeWs(o: WsOutcome): string {
  if (!o.status.includes(' 101 ')) return o.status || 'closed';
  for (const raw of o.texts.filter(isAnswer)) {
    const m = JSON.parse(raw) as { id?: number; ok?: boolean; error?: { name: string }; event?: string };
    if (m.event === 'request-error') return 'request-error';
    if (m.id !== undefined) return m.ok ? 'ok' : `reply ${m.error?.name ?? '?'}`;
  }
  return o.closeCode !== undefined ? `close ${o.closeCode}` : 'no answer';
}

const frames =
  (fs: Buffer[]) =>
  async (t: Target): Promise<string> =>
    describeWs(await wsRaw(t, fs, { untilAnswer: true }));
const message = (m: string | Buffer) => frames([text(m)]);
const call = (method: string, args: unknown) => message(JSON.stringify({ id: 7, method, args }));

/** Call over one socket; returns the reply's result or the outcome string. */
async function rpc(t: Target, method: string, args: unknown[]): Promise<{ outcome: string; result?: unknown }> {
  const o = await wsRaw(t, [text(JSON.stringify({ id: 1, method, args }))], { untilAnswer: true });
  const outcome = describeWs(o);
  const answer = o.texts.find(isAnswer);
  const m = answer ? (JSON.parse(answer) as { result?: unknown }) : {};
  return { outcome, result: m.result };
}

const openThenRead =
  (rel: string) =>
  async (t: Target, work: string): Promise<string> => {
    const r = await rpc(t, 'openScenarioFiles', [[path.join(work, rel)]]);
    if (r.outcome !== 'ok') return r.outcome;
    const id = (r.result as { id: string }[])[0].id;
    const d = await rpc(t, 'getScenario', [id]);
    const yaml = (d.result as { yaml?: string } | undefined)?.yaml ?? '';
    return `ok, read ${yaml.split('\n')[0].slice(0, 30)}`;
  };

export const ATTACKS: Attack[] = [
  // ---- HTTP requests ----
  { group: 'http', name: 'malformed percent-encoding GET /%E0%A4%A', run: get('/%E0%A4%A'), expect: /^HTTP\/1\.1 400/ },
  { group: 'http', name: 'unparsable target GET //[', run: get('//['), expect: /^HTTP\/1\.1 400/ },
  { group: 'http', name: 'bad percent-encoding in an export name', run: get('/exports/TOKEN/%E0%A4%A'), expect: /^HTTP\/1\.1 400/ },
  { group: 'http', name: 'NUL in the path GET /%00', run: get('/%00'), expect: /^HTTP\/1\.1 404/ },
  { group: 'http', name: 'dot-dot GET /../../../../etc/passwd', run: get('/../../../../etc/passwd'), expect: /^HTTP\/1\.1 404/ },
  {
    group: 'http',
    name: 'encoded dot-dot GET /%2e%2e/%2e%2e/etc/passwd',
    run: get('/%2e%2e/%2e%2e/%2e%2e/etc/passwd'),
    expect: /^HTTP\/1\.1 404/,
  },
  {
    group: 'http',
    name: 'export name ..%2f..%2fetc%2fpasswd',
    run: get('/exports/TOKEN/..%2f..%2f..%2f..%2fetc%2fpasswd'),
    expect: /^HTTP\/1\.1 404/,
  },
  {
    group: 'http',
    name: 'export name %2e%2e (the export directory itself)',
    run: get('/exports/TOKEN/%2e%2e'),
    expect: /^HTTP\/1\.1 40[34]/,
  },
  {
    group: 'http',
    name: 'garbage bytes instead of a request line',
    run: (t) => httpRaw(t, Buffer.from([0, 1, 2, 0xff, 13, 10, 13, 10])),
    expect: /^HTTP\/1\.1 400/,
  },
  { group: 'http', name: '20 KB header', run: get('/', [`X-Big: ${'a'.repeat(20_000)}`]), expect: /^HTTP\/1\.1 431/ },
  {
    group: 'http',
    name: 'Content-Length with Transfer-Encoding (smuggling)',
    run: (t) =>
      httpRaw(t, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`),
    expect: /^HTTP\/1\.1 400/,
  },
  {
    group: 'http',
    name: 'POST /',
    run: (t) => httpRaw(t, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nContent-Length: 0\r\n\r\n`),
    expect: /^HTTP\/1\.1 405/,
  },
  {
    group: 'http',
    name: 'DNS rebinding: token URL with Host: evil.example',
    run: (t) => httpRaw(t, `GET /?token=${t.token} HTTP/1.1\r\nHost: evil.example\r\n\r\n`),
    expect: /^HTTP\/1\.1 403/,
  },
  {
    group: 'http',
    name: 'HTTP/1.0 without a Host header',
    run: (t) => httpRaw(t, `GET /?token=${t.token} HTTP/1.0\r\n\r\n`),
    expect: /^HTTP\/1\.1 403/,
  },
  { group: 'http', name: 'bad percent-encoding in the token', run: get('/?token=%E0%A4%A'), expect: /^HTTP\/1\.1 403/ },
  {
    group: 'http',
    name: 'request then connection reset',
    run: (t) => httpRaw(t, `GET /?token=${t.token} HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\n\r\n`, { reset: true }),
    expect: /^reset$/,
  },
  // ---- WebSocket upgrade requests ----
  { group: 'upgrade', name: 'upgrade to //[', run: upgrade((t) => ['GET //[ HTTP/1.1', ...wsHeaders(t)]), expect: /^HTTP\/1\.1 400/ },
  {
    group: 'upgrade',
    name: 'upgrade to /api/%E0%A4%A',
    run: upgrade((t) => [`GET /api/%E0%A4%A?token=${t.token} HTTP/1.1`, ...wsHeaders(t)]),
    expect: /^HTTP\/1\.1 403/,
  },
  {
    group: 'upgrade',
    name: 'upgrade with token %E0%A4%A',
    run: upgrade((t) => ['GET /api?token=%E0%A4%A HTTP/1.1', ...wsHeaders(t)]),
    expect: /^HTTP\/1\.1 403/,
  },
  {
    group: 'upgrade',
    name: 'upgrade without Sec-WebSocket-Key',
    run: upgrade((t) => [`GET /api?token=${t.token} HTTP/1.1`, ...wsHeaders(t).filter((h) => !h.startsWith('Sec-WebSocket-Key'))]),
    expect: /^HTTP\/1\.1 400/,
  },
  {
    group: 'upgrade',
    name: 'upgrade with Sec-WebSocket-Version: 99',
    run: upgrade((t) => [`GET /api?token=${t.token} HTTP/1.1`, ...wsHeaders(t).map((h) => h.replace('Version: 13', 'Version: 99'))]),
    expect: /^HTTP\/1\.1 (400|426)/,
  },
  {
    group: 'upgrade',
    name: 'DNS rebinding: upgrade with Host: evil.example',
    run: upgrade((t) => [
      `GET /api?token=${t.token} HTTP/1.1`,
      ...wsHeaders(t).map((h) => (h.startsWith('Host') ? 'Host: evil.example' : h)),
    ]),
    expect: /^HTTP\/1\.1 403/,
  },
  {
    group: 'upgrade',
    name: 'upgrade from Origin http://evil.example',
    run: upgrade((t) => [
      `GET /api?token=${t.token} HTTP/1.1`,
      ...wsHeaders(t).map((h) => (h.startsWith('Origin') ? 'Origin: http://evil.example' : h)),
    ]),
    expect: /^HTTP\/1\.1 403/,
  },
  {
    group: 'upgrade',
    name: 'upgrade then connection reset',
    run: (t) => httpRaw(t, [`GET /api?token=${t.token} HTTP/1.1`, ...wsHeaders(t), '', ''].join('\r\n'), { reset: true }),
    expect: /^reset$/,
  },
  {
    group: 'upgrade',
    name: 'upgrade from http://localhost:PORT (same port)',
    run: async (t) => (await wsRaw(t, [], { host: `localhost:${t.port}`, origin: `http://localhost:${t.port}` })).status,
    expect: /^HTTP\/1\.1 101/,
  },
  // ---- WebSocket frames ----
  {
    group: 'frame',
    name: 'header announcing an 8 MiB frame',
    run: frames([frame({ opcode: 1, announce: 8n << 20n })]),
    expect: /^close 1009$/,
  },
  {
    group: 'frame',
    name: 'header announcing 2^63-1 bytes',
    run: frames([frame({ opcode: 1, announce: (1n << 63n) - 1n })]),
    expect: /^close 1009$/,
  },
  { group: 'frame', name: 'invalid UTF-8 text frame', run: frames([text(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))]), expect: /^close 1007$/ },
  {
    group: 'frame',
    name: 'unmasked client frame',
    run: frames([frame({ opcode: 1, payload: Buffer.from('{}'), mask: false })]),
    expect: /^close 1002$/,
  },
  { group: 'frame', name: 'reserved opcode 0x3', run: frames([frame({ opcode: 3, payload: Buffer.from('x') })]), expect: /^close 1002$/ },
  {
    group: 'frame',
    name: 'RSV1 without an extension',
    run: frames([frame({ opcode: 1, rsv1: true, payload: Buffer.from('{}') })]),
    expect: /^close 1002$/,
  },
  { group: 'frame', name: 'fragmented ping', run: frames([frame({ opcode: 9, fin: false })]), expect: /^close 1002$/ },
  {
    group: 'frame',
    name: 'ping with a 126-byte payload',
    run: frames([frame({ opcode: 9, payload: Buffer.alloc(126) })]),
    expect: /^close 1002$/,
  },
  {
    group: 'frame',
    name: 'continuation without a first fragment',
    run: frames([frame({ opcode: 0, payload: Buffer.from('x') })]),
    expect: /^close 1002$/,
  },
  {
    group: 'frame',
    name: 'new text frame inside a fragmented message',
    run: frames([frame({ opcode: 1, fin: false, payload: Buffer.from('{') }), text('}')]),
    expect: /^close 1002$/,
  },
  {
    group: 'frame',
    name: 'close frame with code 999',
    run: frames([frame({ opcode: 8, payload: Buffer.from([0x03, 0xe7]) })]),
    expect: /^close 1002$/,
  },
  { group: 'frame', name: 'binary frame', run: frames([frame({ opcode: 2, payload: Buffer.from('{}') })]), expect: /^request-error$/ },
  {
    group: 'frame',
    name: 'editor paste of 2.5 MB sent to validateScenario',
    run: call('validateScenario', [`name: x\n# ${'a'.repeat(2_500_000)}\n`]),
    expect: /^reply EFBIG$/,
  },
  {
    group: 'frame',
    name: '1 MB of control characters (6 MB as JSON) to validateScenario',
    run: call('validateScenario', [`# ${'\u0001'.repeat(1_000_000)}\n`]),
    expect: /^ok$/,
  },
  // ---- messages ----
  { group: 'message', name: 'not JSON', run: message('not json'), expect: /^request-error$/ },
  { group: 'message', name: 'JSON null', run: message('null'), expect: /^request-error$/ },
  { group: 'message', name: 'JSON array', run: message('[1,2]'), expect: /^request-error$/ },
  { group: 'message', name: 'string id', run: message('{"id":"1","method":"listScenarios","args":[]}'), expect: /^request-error$/ },
  { group: 'message', name: 'id 1e300', run: message('{"id":1e300,"method":"listScenarios","args":[]}'), expect: /^request-error$/ },
  { group: 'message', name: 'no method', run: message('{"id":7}'), expect: /^reply EINVAL$/ },
  { group: 'message', name: 'method constructor', run: call('constructor', []), expect: /^reply EINVAL$/ },
  { group: 'message', name: 'method __proto__', run: call('__proto__', []), expect: /^reply EINVAL$/ },
  { group: 'message', name: 'getScenario(42)', run: call('getScenario', [42]), expect: /^reply EINVAL$/ },
  { group: 'message', name: 'getScenario with args a string', run: call('getScenario', 'x'), expect: /^reply EINVAL$/ },
  { group: 'message', name: 'saveScenario(id, {})', run: call('saveScenario', ['x', {}]), expect: /^reply EINVAL$/ },
  {
    group: 'message',
    name: 'openMeasuredText of a malformed ethtool file',
    run: call('openMeasuredText', [[{ name: 'm.txt', text: 'NIC statistics:\n rx_pp_alloc_fast: -1\n' }]]),
    expect: /^reply EINVAL$/,
  },
  {
    group: 'message',
    name: 'openMeasuredText with a path for a name',
    run: call('openMeasuredText', [[{ name: '../m.txt', text: 'x' }]]),
    expect: /^reply EINVAL$/,
  },
  {
    group: 'message',
    name: 'openMeasuredText 200000 levels deep',
    run: call('openMeasuredText', [[{ name: 'd.txt', text: `${'['.repeat(200_000)}` }]]),
    expect: /^reply EINVAL$/,
  },
  {
    group: 'message',
    name: 'openMeasuredText over the text cap',
    run: call('openMeasuredText', [
      [
        { name: 'a.txt', text: 'x'.repeat(600_000) },
        { name: 'b.txt', text: 'x'.repeat(600_000) },
      ],
    ]),
    expect: /^reply EFBIG$/,
  },
  { group: 'message', name: 'openMeasuredDialog on the web host', run: call('openMeasuredDialog', []), expect: /^reply ENOTSUP$/ },
  {
    group: 'message',
    name: 'startCompare with an object id',
    run: call('startCompare', [{ scenarioId: { toString: 1 } }]),
    expect: /^reply EINVAL$/,
  },
  { group: 'message', name: 'exportReport format exe', run: call('exportReport', ['x', 'exe']), expect: /^reply EINVAL$/ },
  { group: 'message', name: 'openScenarioFiles([[1]])', run: call('openScenarioFiles', [[1]]), expect: /^reply EINVAL$/ },
  {
    group: 'message',
    name: '100,000 nested arrays',
    run: message(`{"id":7,"method":"getScenario","args":${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
    expect: /^(reply EINVAL|request-error)$/,
  },
  {
    group: 'message',
    name: '__proto__ key in the request',
    run: message('{"id":7,"method":"listScenarios","args":[],"__proto__":{"polluted":1}}'),
    expect: /^ok$/,
  },
  // ---- files ----
  { group: 'file', name: 'open /etc/passwd', run: call('openScenarioFiles', [['/etc/passwd']]), expect: /^reply (EINVAL|EACCES)$/ },
  { group: 'file', name: 'open symlink open/x.yaml → /etc/passwd', run: openThenRead('open/x.yaml'), expect: /^reply EACCES$/ },
  { group: 'file', name: 'open symlink open/out.yaml → ../secret.yaml', run: openThenRead('open/out.yaml'), expect: /^reply EACCES$/ },
  { group: 'file', name: 'open open/../secret.yaml', run: openThenRead('open/../secret.yaml'), expect: /^reply EACCES$/ },
  {
    group: 'file',
    name: 'Open… lists no file that leaves the --open directory',
    run: async (t) => {
      const r = await rpc(t, 'openScenarioDialog', []);
      if (r.outcome !== 'ok') return r.outcome;
      // Files are held by real path: alias.yaml (a link to s.yaml) is s.yaml.
      const files = [...new Set((r.result as { file: string }[]).map((s) => path.basename(s.file)))].sort();
      return `ok, opened ${files.join(' ')}`;
    },
    expect: /^ok, opened s\.yaml$/,
  },
  {
    group: 'file',
    name: 'save a shipped scenario',
    run: call('saveScenario', ['shipped:ship.yaml', 'name: pwned\n', null]),
    expect: /^reply EACCES$/,
  },
  {
    group: 'file',
    name: 'save through symlink open/alias.yaml → s.yaml keeps the link',
    run: async (t, work) => {
      const r = await rpc(t, 'openScenarioFiles', [[path.join(work, 'open/alias.yaml')]]);
      if (r.outcome !== 'ok') return r.outcome;
      const id = (r.result as { id: string }[])[0].id;
      const yaml = 'name: via-link\nduration: 10ms\nnics: [{ name: eth0, link: 10Gbit }]\ntraffic: [{ nic: eth0 }]\n';
      const s = await rpc(t, 'saveScenario', [id, yaml, null]);
      if (s.outcome !== 'ok') return s.outcome;
      const link = lstatSync(path.join(work, 'open/alias.yaml')).isSymbolicLink() ? 'link kept' : 'link replaced by a file';
      const target = readFileSync(path.join(work, 'open/s.yaml'), 'utf8') === yaml ? 'target written' : 'target unchanged';
      return `ok, ${link}, ${target}`;
    },
    expect: /^ok, link kept, target written$/,
  },
  {
    group: 'file',
    name: 'save over a file changed on disk since load',
    run: async (t, work) => {
      const f = path.join(work, 'open/s.yaml');
      const r = await rpc(t, 'openScenarioFiles', [[f]]);
      if (r.outcome !== 'ok') return r.outcome;
      const id = (r.result as { id: string }[])[0].id;
      const d = await rpc(t, 'getScenario', [id]);
      const base = (d.result as { revision?: string }).revision ?? null;
      writeFileSync(f, readFileSync(f, 'utf8').replace(/^name: .*$/m, 'name: edited-elsewhere'));
      const s = await rpc(t, 'saveScenario', [id, 'name: mine\n', base]);
      return `${s.outcome}, file ${readFileSync(f, 'utf8').includes('edited-elsewhere') ? 'kept' : 'overwritten'}`;
    },
    expect: /^reply ESTALE, file kept$/,
  },
  {
    group: 'file',
    name: 'Save as twice from a shipped scenario: two new files in the --open folder',
    run: async (t, work) => {
      const before = new Set(readdirSync(path.join(work, 'open')));
      const a = await rpc(t, 'saveScenarioAs', ['shipped:ship.yaml', 'name: copy1\n']);
      const b = await rpc(t, 'saveScenarioAs', ['shipped:ship.yaml', 'name: copy2\n']);
      if (a.outcome !== 'ok' || b.outcome !== 'ok') return `${a.outcome} ${b.outcome}`;
      const added = readdirSync(path.join(work, 'open'))
        .filter((n) => !before.has(n))
        .sort();
      return `ok, ${added.join(' ')}`;
    },
    expect: /^ok, ship-copy-2\.yaml ship-copy\.yaml$/,
  },
];
