// The one application window: sandboxed renderer, context isolation, no Node, our preload.
import { BrowserWindow, nativeTheme } from 'electron';
import { lockDownContents } from './security';

export interface WindowPaths {
  preload: string;
  rendererFile: string;
  devUrl: string | undefined;
}

export function createMainWindow(p: WindowPaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 920,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'netmem-workbench',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0d1117' : '#f6f8fa',
    webPreferences: {
      preload: p.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  });
  lockDownContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  if (p.devUrl) void win.loadURL(p.devUrl);
  else void win.loadFile(p.rendererFile);
  return win;
}
