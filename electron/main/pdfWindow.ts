// A hidden, sandboxed, script-less window for G's printHtmlToPdfWithElectron (report PDF).
import { BrowserWindow } from 'electron';
import type { PrintableWindow } from '../host/report/electronPdf';
import { lockDownContents } from './security';

export function createPdfWindow(): PrintableWindow {
  const w = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, javascript: false, contextIsolation: true, nodeIntegration: false },
  });
  lockDownContents(w.webContents);
  return {
    loadFile: (file) => w.loadFile(file),
    webContents: {
      // The report's CSS sets its own page size; G asks for A4, which Electron names the same.
      printToPDF: (o) =>
        w.webContents.printToPDF({ pageSize: 'A4', printBackground: o.printBackground, preferCSSPageSize: o.preferCSSPageSize }),
    },
    destroy: () => w.destroy(),
  };
}
