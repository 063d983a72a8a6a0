// The report's only stylesheet, inlined into the HTML. System fonts only: the file must render
// the same offline and must not fetch anything. Print rules: A4, repeated table headers, rows and
// charts never split across pages, sections that start on a new page.
export const REPORT_CSS = `
:root { --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --bg: #ffffff; --head: #f6f8fa;
  --better: #1a7f37; --better-bg: #dafbe1; --worse: #cf222e; --worse-bg: #ffebe9; --warn: #9a6700; --warn-bg: #fff8c5; --changed-bg: #ddf4ff; }
:root.dark { --fg: #e6edf3; --muted: #9da7b3; --line: #30363d; --bg: #16181d; --head: #22262e;
  --better: #56d364; --better-bg: #12261e; --worse: #f85149; --worse-bg: #2d1517; --warn: #d29922; --warn-bg: #2b2111; --changed-bg: #102a44; }
:root.dark a { color: #58a6ff; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; background: var(--bg); }
body { margin: 0 auto; max-width: 1180px; padding: 24px 28px 48px; color: var(--fg); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", sans-serif; }
code, pre, .code { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.subtitle { color: var(--muted); margin: 0 0 12px; }
.meta { color: var(--muted); font-size: 12.5px; margin: 0 0 14px; }
dl.headline { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 10px 0 18px; padding: 10px 14px; background: var(--head); border: 1px solid var(--line); border-radius: 6px; }
dl.headline dt { font-weight: 600; }
dl.headline dd { margin: 0; }
nav.toc ol { margin: 4px 0 0; padding-left: 22px; columns: 2; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 4px; font-size: 13px; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 3px 7px; vertical-align: top; }
th { background: var(--head); text-align: left; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.num { text-align: right; }
table.compact { font-size: 11.5px; }
td code, th code { font-size: 0.95em; }
table.compact th, table.compact td { padding: 2px 5px; }
td.better { color: var(--better); background: var(--better-bg); font-weight: 600; }
td.worse { color: var(--worse); background: var(--worse-bg); font-weight: 600; }
td.warn { color: var(--warn); background: var(--warn-bg); }
td.changed { background: var(--changed-bg); font-weight: 600; }
td.muted { color: var(--muted); }
p.note, .table-note { color: var(--muted); font-size: 12px; margin: 2px 0 12px; }
p.warn { background: var(--warn-bg); padding: 6px 10px; border-radius: 4px; }
dl.defs dt { font-weight: 600; margin-top: 6px; }
dl.defs dd { margin: 0 0 6px 18px; }
figure.chart { margin: 12px 0 18px; }
figure.chart .svg svg { display: block; width: 100%; height: auto; max-width: 100%; }
figure.chart figcaption { color: var(--muted); font-size: 12.5px; margin-top: 2px; }
pre { background: var(--head); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
footer.repro { margin-top: 32px; padding-top: 10px; border-top: 2px solid var(--line); font-size: 13px; }
footer.repro pre { margin: 6px 0; }
.table-wrap { overflow-x: auto; }
@media screen { table.compact td { white-space: nowrap; } }
@media print {
  @page { size: A4; margin: 14mm 11mm 14mm 11mm; }
  body { max-width: none; padding: 0; font-size: 11px; }
  h2 { font-size: 16px; break-after: avoid; page-break-after: avoid; }
  h3, caption { break-after: avoid; page-break-after: avoid; }
  .page-break { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
  tr, figure.chart, dl.headline, pre.short, .table-wrap.keep, footer.repro, dl.defs { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 10.5px; }
  table.compact { font-size: 9px; }
  .table-wrap { overflow: visible; }
  /* A wide table (a compare of many points) never loses a column: its own landscape pages,
     consecutive wide tables sharing them, and a fixed layout whose cells wrap. */
  @page wide { size: A4 landscape; margin: 11mm; }
  .table-wrap.wide { page: wide; }
  .table-wrap.wide table { table-layout: fixed; width: 100%; }
  .table-wrap.wide th, .table-wrap.wide td, .table-wrap.wide td.num { white-space: normal; overflow-wrap: anywhere; }
  .table-wrap.wide th:first-child { width: 14%; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  td.better, td.worse, td.warn, td.changed, th, dl.headline, pre { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
