// The Electron PDF path with a stand-in window (no Electron binary here): the HTML reaches the
// window through a private temp file, the window is destroyed and the file removed afterwards.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { printHtmlToPdfWithElectron, type PrintableWindow } from '../../electron/host/report/electronPdf';

function fakeWindow(fail = false) {
  const log: { loaded?: string; html?: string; options?: unknown; destroyed: boolean } = { destroyed: false };
  const win: PrintableWindow = {
    async loadFile(file) {
      log.loaded = file;
      log.html = readFileSync(file, 'utf8');
    },
    webContents: {
      async printToPDF(options) {
        log.options = options;
        if (fail) throw new Error('printing failed');
        return new TextEncoder().encode('%PDF-1.7 fake');
      },
    },
    destroy() {
      log.destroyed = true;
    },
  };
  return { win, log };
}

describe('printHtmlToPdfWithElectron', () => {
  it('loads the report from a temp file, prints A4 with backgrounds, cleans up', async () => {
    const { win, log } = fakeWindow();
    const pdf = await printHtmlToPdfWithElectron('<!DOCTYPE html><p>report</p>', () => win);
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7 fake');
    expect(log.html).toBe('<!DOCTYPE html><p>report</p>');
    expect(log.options).toEqual({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(log.destroyed).toBe(true);
    expect(existsSync(log.loaded!)).toBe(false);
  });

  it('destroys the window and removes the file when printing fails', async () => {
    const { win, log } = fakeWindow(true);
    await expect(printHtmlToPdfWithElectron('<p>x</p>', () => win)).rejects.toThrow('printing failed');
    expect(log.destroyed).toBe(true);
    expect(existsSync(log.loaded!)).toBe(false);
  });
});
