// Prometheus text exposition (format 0.0.4) as node_exporter's textfile collector reads it: one
// HELP and one TYPE line per family before its samples, a family's samples together, no timestamps.
// Names and label values are checked and escaped here, so a caller cannot emit a broken file.

export type PromType = 'counter' | 'gauge' | 'untyped';

interface Family {
  name: string;
  type: PromType;
  help: string;
  samples: { labels: [string, string][]; value: number }[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
export function promNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

export class PromWriter {
  private readonly families = new Map<string, Family>();
  private readonly series = new Set<string>();

  /** Add one sample; the family is declared by its first sample (type and help must agree after). */
  add(name: string, type: PromType, help: string, labels: Record<string, string | number>, value: number): void {
    if (!METRIC_NAME.test(name)) throw new Error(`invalid Prometheus metric name ${JSON.stringify(name)}`);
    let fam = this.families.get(name);
    if (!fam) {
      fam = { name, type, help, samples: [] };
      this.families.set(name, fam);
    } else if (fam.type !== type) throw new Error(`metric ${name} declared as ${fam.type} and ${type}`);
    const pairs = Object.entries(labels).map(([k, v]): [string, string] => {
      if (!LABEL_NAME.test(k) || k.startsWith('__')) throw new Error(`invalid Prometheus label name ${JSON.stringify(k)}`);
      return [k, String(v)];
    });
    const id = `${name}{${pairs
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .sort()
      .join(',')}}`;
    if (this.series.has(id)) throw new Error(`duplicate Prometheus series ${id}`);
    this.series.add(id);
    fam.samples.push({ labels: pairs, value });
  }

  render(): string {
    const out: string[] = [];
    for (const f of this.families.values()) {
      out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
      for (const s of f.samples) {
        const l = s.labels.length ? `{${s.labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}` : '';
        out.push(`${f.name}${l} ${promNumber(s.value)}`);
      }
    }
    return `${out.join('\n')}\n`;
  }
}
