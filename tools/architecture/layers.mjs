// The layer table: which folders a file may import from, bottom layer first.
// One table, read by the ESLint rule `architecture/layering`, by scripts/check-cycles.mjs and by
// docs/architecture.md (its picture is drawn from the same arrows). A file belongs to the first layer
// whose glob matches its path (relative to the repository root); an import is allowed when its target
// belongs to the importing layer itself or to one of the layers in `allow`. Globs: `*` matches within a
// path segment, `**` across segments.
//
//   allow     — layer names, or path globs (containing a `/`) for one part of a layer.
//   node      — Node builtins (`node:fs`, `fs`, …) may be imported.
//   electron  — the `electron` module may be imported.
//   typeOnly  — layers that may be imported for types only (`import type`, or every specifier `type`).
//   open      — the layer may import anything (scripts, tests, build configs).

/** @typedef {{ name: string, files: string[], allow: string[], typeOnly?: string[], node?: boolean, electron?: boolean, open?: boolean, note?: string }} Layer */

/** @type {Layer[]} */
export const LAYERS = [
  {
    name: 'doc',
    files: ['shared/doc/**'],
    allow: [],
    note: 'run / compare / sensitivity / measured documents, counter names, series keys and their columns',
  },
  { name: 'scenario', files: ['shared/scenario/**'], allow: ['doc'] },
  { name: 'sim', files: ['shared/sim/**'], allow: ['doc', 'scenario'] },
  { name: 'measured', files: ['shared/measured/**'], allow: ['doc', 'scenario'] },
  { name: 'sensitivity', files: ['shared/sensitivity/**'], allow: ['doc', 'scenario', 'sim'] },
  { name: 'report', files: ['shared/report/**'], allow: ['doc', 'scenario', 'measured'] },
  { name: 'api', files: ['shared/api*.ts'], allow: ['doc', 'scenario'] },
  {
    name: 'renderer',
    files: ['renderer/**'],
    // Chart building is pure (series in, ECharts options out), and so are the report's section
    // builders (documents in, tables out): the app shows the numbers the exported report prints.
    // The exporters (report/export, report/html) are for the host.
    allow: ['doc', 'api', 'shared/report/charts/**', 'shared/report/model/**'],
    typeOnly: ['scenario'],
  },
  { name: 'preload', files: ['electron/preload/**'], allow: ['api'], electron: true },
  {
    name: 'worker',
    files: ['electron/worker/**'],
    allow: ['doc', 'scenario', 'sim', 'measured', 'sensitivity', 'report', 'api'],
    node: true,
  },
  {
    name: 'host',
    files: ['electron/host/**'],
    allow: ['doc', 'scenario', 'sim', 'measured', 'sensitivity', 'report', 'api', 'worker'],
    node: true,
  },
  {
    name: 'main',
    files: ['electron/main/**'],
    allow: ['doc', 'scenario', 'sim', 'measured', 'sensitivity', 'report', 'api', 'host'],
    node: true,
    electron: true,
  },
  {
    name: 'cli',
    files: ['electron/cli/**'],
    allow: ['doc', 'scenario', 'sim', 'measured', 'sensitivity', 'report', 'api', 'host', 'worker'],
    node: true,
  },
  { name: 'tools', files: ['scripts/**', 'test/**', 'tools/**', '*.config.*', '*.ts', '*.mjs', '*.js'], allow: [], open: true },
];

/** Turn a path glob into an anchored regular expression. */
export function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `dir/**` matches everything below dir; `**/` any number of leading folders.
      if (glob[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const compiled = new Map();
function matchers(layers) {
  let m = compiled.get(layers);
  if (!m) {
    m = layers.map((l) => ({ layer: l, res: l.files.map(globToRegExp) }));
    compiled.set(layers, m);
  }
  return m;
}

/** Whether `target` (a path) in layer `to` is one of the `allow` entries: a layer name or a path glob. */
export function allows(entries, to, target) {
  return entries.some((a) => (a.includes('/') ? globToRegExp(a).test(target) : a === to.name));
}

/** The layer a repository-relative path (forward slashes) belongs to, or undefined when none matches. */
export function layerOf(relPath, layers = LAYERS) {
  for (const { layer, res } of matchers(layers)) if (res.some((r) => r.test(relPath))) return layer;
  return undefined;
}

/** Every arrow of the table (importer → imported), for the picture in docs/architecture.md. */
export function arrows(layers = LAYERS) {
  return layers.flatMap((l) =>
    [...l.allow, ...(l.typeOnly ?? [])].map((to) => ({ from: l.name, to, typeOnly: (l.typeOnly ?? []).includes(to) })),
  );
}
