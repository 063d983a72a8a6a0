// Electron main: thin. Creates the host services (electron/host, shared with the web host),
// the window, the menu and the IPC wiring; everything else lives below it.
import { app, BrowserWindow, Menu } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorkbench } from '../host/createWorkbench';
import { hostReportDeps } from '../host/hostReportDeps';
import { printHtmlToPdfWithElectron } from '../host/report/electronPdf';
import { createPdfWindow } from './pdfWindow';
import type { WorkbenchService } from '../host/workbenchService';
import { ElectronPlatform } from './dialogs';
import { createMainWindow } from './window';
import { buildMenu } from './menu';
import { forwardEvents, registerIpc } from './ipc';
import { hardenSession, isOwnRendererUrl } from './security';

const here = path.dirname(fileURLToPath(import.meta.url)); // out/main
const PRELOAD = path.join(here, '../preload/index.cjs');
const RENDERER_FILE = path.join(here, '../renderer/index.html');
const DEV_URL = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

let win: BrowserWindow | null = null;
let service: WorkbenchService | null = null;

function refreshMenu(): void {
  if (!service) return;
  const s = service;
  Menu.setApplicationMenu(
    buildMenu({
      command: (c) => s.sendCommand(c),
      recent: () => s.hostRecent(),
      openRecent: (f) => {
        void s.openScenarioFiles([f], true).then(refreshMenu, () => refreshMenu());
      },
    }),
  );
}

async function start(): Promise<void> {
  hardenSession(DEV_URL);
  const platform = new ElectronPlatform(
    () => win,
    () => app.getPath('documents'),
  );
  service = await createWorkbench({
    shippedDir: path.join(app.getAppPath(), 'scenarios'),
    stateDir: app.getPath('userData'),
    platform,
    // PDF through a hidden, script-less, sandboxed window's printToPDF (G's electronPdf).
    ...hostReportDeps((html) => printHtmlToPdfWithElectron(html, createPdfWindow)),
    version: app.getVersion(),
    open: process.argv.slice(app.isPackaged ? 1 : 2).filter((a) => /\.ya?ml$/i.test(a)),
  });
  registerIpc(service, (url) => isOwnRendererUrl(url, DEV_URL, RENDERER_FILE));
  service.onLibraryChanged(() => refreshMenu());
  refreshMenu();
  win = createMainWindow({ preload: PRELOAD, rendererFile: RENDERER_FILE, devUrl: DEV_URL });
  const stopForwarding = forwardEvents(service, win);
  win.on('closed', () => {
    stopForwarding();
    win = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second launch (e.g. `netmem-workbench file.yaml` from a shell) opens its files here.
  app.on('second-instance', (_e, argv) => {
    const files = argv.slice(1).filter((a) => /\.ya?ml$/i.test(a));
    if (service && files.length > 0) void service.openScenarioFiles(files, true).then(refreshMenu, () => undefined);
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  // macOS: files dropped on the Dock icon or opened with the app.
  app.on('open-file', (e, file) => {
    e.preventDefault();
    if (service && /\.ya?ml$/i.test(file)) void service.openScenarioFiles([file], true).then(refreshMenu, () => undefined);
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      console.error('netmem-workbench failed to start:', e);
      app.exit(1);
    });
  app.on('window-all-closed', () => {
    void service?.close().finally(() => app.quit());
  });
}
