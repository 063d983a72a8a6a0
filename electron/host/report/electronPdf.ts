// PDF inside the desktop app: Electron's webContents.printToPDF on a hidden window. This file
// does not import 'electron' (electron/host never does): the caller in electron/main passes a
// factory for a hidden BrowserWindow, and we only use the few members typed below.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The members of Electron's BrowserWindow this needs (structural, so no electron import). */
export interface PrintableWindow {
  loadFile(file: string): Promise<void>;
  webContents: {
    printToPDF(options: { pageSize?: string; printBackground?: boolean; preferCSSPageSize?: boolean }): Promise<Uint8Array>;
  };
  destroy(): void;
}

/**
 * Print a self-contained report to PDF with Electron. `createHiddenWindow` should return
 * `new BrowserWindow({ show: false, webPreferences: { sandbox: true, javascript: false, contextIsolation: true } })`.
 * The HTML goes through a private temp file (large inline SVG does not fit a data: URL).
 */
export async function printHtmlToPdfWithElectron(html: string, createHiddenWindow: () => PrintableWindow): Promise<Uint8Array> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'netmem-report-'));
  const file = path.join(dir, `report-${randomBytes(4).toString('hex')}.html`);
  const win = createHiddenWindow();
  try {
    await fs.writeFile(file, html, { mode: 0o600 });
    await win.loadFile(file);
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    win.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
