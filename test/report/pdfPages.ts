// Page measurements of a rasterised PDF (pdftoppm P6 images): how far down each page its content
// reaches, and whether anything is drawn in the right margin (a table cut off at the page edge).
import { readFileSync } from 'node:fs';

export interface PageInk {
  /** bottom of the lowest drawn row, as a share of the page height */
  filled: number;
  /** share of the rows in the right margin band that have ink */
  rightMarginInk: number;
}

function ppm(file: string): { w: number; h: number; data: Buffer } {
  const buf = readFileSync(file);
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error(`${file}: not a P6 PPM`);
  return { w: Number(header[1]), h: Number(header[2]), data: buf.subarray(header[0].length) };
}

/** `marginShare`: width of the right margin band checked for ink, as a share of the page width. */
export function pageInk(file: string, marginShare: number): PageInk {
  const { w, h, data } = ppm(file);
  const inked = (x: number, y: number) => {
    const i = (y * w + x) * 3;
    return data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200;
  };
  let lowest = -1;
  let marginRows = 0;
  const x0 = Math.floor(w * (1 - marginShare));
  for (let y = 0; y < h; y++) {
    let row = false;
    let margin = false;
    for (let x = 0; x < w; x++) {
      if (!inked(x, y)) continue;
      row = true;
      if (x >= x0) {
        margin = true;
        break;
      }
    }
    if (row) lowest = y;
    if (margin) marginRows++;
  }
  return { filled: (lowest + 1) / h, rightMarginInk: marginRows / h };
}
