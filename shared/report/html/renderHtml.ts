// ReportModel → one self-contained HTML document. Charts are given as SVG strings by the caller
// (ECharts' SSR renderer in the host), so this module stays pure: no DOM, no Node.
import type { ReportBlock, ReportCell, ReportChart, ReportModel, ReportSection, ReportTable } from '../model/types';
import { REPORT_CSS } from './css';

/** Tables up to this many rows are kept on one printed page. */
export const KEEP_TOGETHER_ROWS = 12;

export type ChartRenderer = (chart: ReportChart) => string;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const attr = (name: string, v: string | number | undefined): string => (v === undefined ? '' : ` ${name}="${escapeHtml(String(v))}"`);

function cellHtml(c: ReportCell, align: 'left' | 'right' | undefined, tag: 'td' | 'th' = 'td'): string {
  const cls = [align === 'right' || (align === undefined && c.value !== undefined) ? 'num' : '', c.tone ?? ''].filter(Boolean).join(' ');
  const body = c.code ? `<code>${escapeHtml(c.text)}</code>` : escapeHtml(c.text);
  // data-value carries the exact number so the report can be checked against the JSON document.
  return `<${tag}${attr('class', cls || undefined)}${attr('data-key', c.key)}${attr('data-value', c.value)}${attr('title', c.title)}>${body}</${tag}>`;
}

export function tableHtml(t: ReportTable): string {
  const head = t.columns
    .map(
      (c) => `<th${c.align === 'right' ? ' class="num"' : ''}>${c.code ? `<code>${escapeHtml(c.label)}</code>` : escapeHtml(c.label)}</th>`,
    )
    .join('');
  const rows = t.rows.map((r) => `<tr>${r.map((c, i) => cellHtml(c, t.columns[i]?.align)).join('')}</tr>`).join('\n');
  // Short tables stay on one printed page together with their note; long ones break between rows.
  const keep = t.rows.length <= KEEP_TOGETHER_ROWS ? ' keep' : '';
  const wide = t.landscape ? ' wide' : '';
  return (
    `<div class="table-wrap${keep}${wide}"><table id="${escapeHtml(t.id)}"${t.compact ? ' class="compact"' : ''}>` +
    `<caption>${escapeHtml(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>` +
    (t.note ? `<p class="table-note">${escapeHtml(t.note)}</p>` : '') +
    '</div>'
  );
}

/** Make SVG ids/classes unique per chart: several inline SVGs share one document's id space. */
export function scopeSvgIds(svg: string, scope: string): string {
  return svg.replace(/\bzr(\d+)-/g, `${scope}-zr$1-`);
}

function blockHtml(b: ReportBlock, renderChart: ChartRenderer): string {
  switch (b.kind) {
    case 'table':
      return tableHtml(b.table);
    case 'chart': {
      const svg = scopeSvgIds(renderChart(b.chart), b.chart.id);
      return `<figure class="chart" id="${escapeHtml(b.chart.id)}"><div class="svg">${svg}</div><figcaption>${escapeHtml(b.chart.caption)}</figcaption></figure>`;
    }
    case 'text':
      return `<p class="${b.tone ?? ''}">${escapeHtml(b.text)}</p>`;
    case 'definitions':
      return `<dl class="defs">${b.items.map((d) => `<dt>${escapeHtml(d.term)}</dt><dd>${escapeHtml(d.text)}</dd>`).join('')}</dl>`;
    case 'code':
      return `<pre${b.language ? ` data-language="${escapeHtml(b.language)}"` : ''}><code>${escapeHtml(b.text)}</code></pre>`;
  }
}

function sectionHtml(s: ReportSection, renderChart: ChartRenderer, prefix = ''): string {
  return (
    `<section id="${escapeHtml(s.id)}"${s.pageBreakBefore ? ' class="page-break"' : ''}><h2>${escapeHtml(prefix + s.title)}</h2>\n` +
    s.blocks.map((b) => blockHtml(b, renderChart)).join('\n') +
    '\n</section>'
  );
}

export function renderReportHtml(model: ReportModel, renderChart: ChartRenderer): string {
  const appendixTitle = (i: number) => `Appendix ${String.fromCharCode(65 + i)}: `;
  const toc = [
    ...model.sections.map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`),
    ...model.appendix.map((s, i) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(appendixTitle(i) + s.title)}</a></li>`),
    '<li><a href="#reproduce">Reproduce</a></li>',
  ].join('');
  const r = model.repro;
  return `<!DOCTYPE html>
<html lang="en"${model.theme === 'dark' ? ' class="dark"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="${escapeHtml(`${model.tool.name} ${model.tool.version}`)}">
<title>${escapeHtml(model.title)} — ${escapeHtml(model.tool.name)} report</title>
<style>${REPORT_CSS}</style>
</head>
<body data-report-kind="${model.kind}">
<header>
<h1>${escapeHtml(model.title)}</h1>
<p class="subtitle">${escapeHtml(model.subtitle)}</p>
<p class="meta">Generated ${escapeHtml(model.generated_at)} by ${escapeHtml(model.tool.name)} ${escapeHtml(model.tool.version)} (document format <code>${escapeHtml(r.document_format)}</code>)</p>
<dl class="headline">${model.headline.map((h) => `<dt>${escapeHtml(h.label)}</dt><dd>${escapeHtml(h.value)}</dd>`).join('')}</dl>
<nav class="toc"><strong>Contents</strong><ol>${toc}</ol></nav>
</header>
<main>
${model.sections.map((s) => sectionHtml(s, renderChart)).join('\n')}
${model.appendix.map((s, i) => sectionHtml(s, renderChart, appendixTitle(i))).join('\n')}
</main>
<footer class="repro" id="reproduce">
<h2>Reproduce</h2>
<p>${escapeHtml(model.tool.name)} ${escapeHtml(r.version)} · seed${r.seeds.length > 1 ? 's' : ''} ${escapeHtml(r.seeds.join(', '))}</p>
<pre class="short"><code>${escapeHtml(r.commands.join('\n'))}</code></pre>
${r.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n')}
</footer>
</body>
</html>
`;
}
