// CSV exports round-trip against the documents' series.
import { describe, expect, it } from 'vitest';
import { compareSeriesCsv, keyOfHeader, parseCsv, runSeriesCsv, seriesKeys, T_HEADER, csvField } from '../../shared/report/csv';
import { pressureCompare, pressureRun } from './fixtures';

describe('run CSV', () => {
  it('has one row per sample and gives back every value exactly', () => {
    const doc = pressureRun();
    const rows = parseCsv(runSeriesCsv(doc));
    const [header, ...body] = rows;
    const keys = seriesKeys(doc.series);
    expect(header[0]).toBe(T_HEADER);
    expect(header.slice(1).map(keyOfHeader)).toEqual(keys);
    expect(body.length).toBe(doc.series.t_ns.length);
    body.forEach((row, r) => {
      expect(Number(row[0])).toBe(doc.series.t_ns[r]);
      keys.forEach((k, i) => expect(Number(row[i + 1]), `${k}[${r}]`).toBe(doc.series.columns[k][r]));
    });
  });

  it("puts each column's unit and kind in the header", () => {
    const doc = pressureRun();
    const header = parseCsv(runSeriesCsv(doc))[0];
    for (const m of doc.series.meta) {
      expect(header).toContain(`${m.key} [${m.unit}${m.kind === 'delta' ? '/interval' : ''}]`);
    }
  });
});

describe('compare CSV (long format)', () => {
  it('stacks every run under a run column and round-trips', () => {
    const cmp = pressureCompare();
    const [header, ...body] = parseCsv(compareSeriesCsv(cmp));
    expect(header.slice(0, 5)).toEqual(['run', 'point', 'repeat', 'seed', T_HEADER]);
    const keys = header.slice(5).map(keyOfHeader);
    let i = 0;
    cmp.runs.forEach((row, p) =>
      row.forEach((run, r) => {
        for (let s = 0; s < run.series.t_ns.length; s++, i++) {
          const line = body[i];
          expect(line[0]).toBe(cmp.points[p].label);
          expect([Number(line[1]), Number(line[2]), Number(line[3]), Number(line[4])]).toEqual([p, r, run.seed, run.series.t_ns[s]]);
          keys.forEach((k, c) => {
            const col = run.series.columns[k];
            expect(line[5 + c] === '' ? undefined : Number(line[5 + c]), k).toBe(col?.[s]);
          });
        }
      }),
    );
    expect(body.length).toBe(i);
  });
});

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and newlines', () => {
    const fields = ['plain', 'a,b', 'say "hi"', 'two\nlines', ''];
    expect(parseCsv(`${fields.map(csvField).join(',')}\r\nx,y\n`)).toEqual([fields, ['x', 'y']]);
  });
});
