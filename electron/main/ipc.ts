// IPC registration from the one typed channel list (shared/api.ts). Every handler first checks
// that the message comes from our own renderer's main frame; arguments are checked by the
// service (argCheck) before anything acts on them.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { API_EVENT_CHANNELS, API_INVOKE_CHANNELS, API_METHODS, DROP_CHANNEL } from '../../shared/api';
import type { WorkbenchService } from '../host/workbenchService';
import { toErrorShape } from '../host/apiError';
import { isScenarioFileName } from '../host/scenarioLibrary';

export function registerIpc(service: WorkbenchService, isOwnRenderer: (url: string) => boolean): () => void {
  const checkSender = (e: IpcMainInvokeEvent): void => {
    const frame = e.senderFrame;
    if (!frame || frame.parent !== null || !isOwnRenderer(frame.url)) {
      throw new Error(`EACCES: IPC from an unexpected frame (${frame?.url ?? 'gone'})`);
    }
  };
  // Rethrow as a plain Error whose message keeps the errno ("ENOENT: …"): Electron passes only the message.
  const wrap = async (fn: () => Promise<unknown>): Promise<unknown> => {
    try { return await fn(); } catch (err) { throw new Error(toErrorShape(err).message); }
  };
  for (const m of API_METHODS) {
    ipcMain.handle(API_INVOKE_CHANNELS[m], (e, ...args: unknown[]) => { checkSender(e); return wrap(() => service.invoke(m, args)); });
  }
  ipcMain.handle(DROP_CHANNEL, (e, paths: unknown) => {
    checkSender(e);
    return wrap(async () => {
      if (!Array.isArray(paths) || paths.length > 64 || !paths.every((p) => typeof p === 'string' && isScenarioFileName(p))) {
        throw new Error('EINVAL: drop .yaml or .yml scenario files');
      }
      return service.openScenarioFiles(paths as string[], true);
    });
  });
  return () => {
    for (const m of API_METHODS) ipcMain.removeHandler(API_INVOKE_CHANNELS[m]);
    ipcMain.removeHandler(DROP_CHANNEL);
  };
}

/** Forward host events to the window (typed arrays survive structured clone). */
export function forwardEvents(service: WorkbenchService, win: BrowserWindow): () => void {
  const send = (channel: string, payload: unknown): void => {
    if (!win.isDestroyed()) win.webContents.send(channel, payload);
  };
  const offs = [
    service.onRunEvent((e) => send(API_EVENT_CHANNELS.run, e)),
    service.onLibraryChanged((e) => send(API_EVENT_CHANNELS.library, e)),
    service.onCommand((c) => send(API_EVENT_CHANNELS.command, c)),
  ];
  return () => { for (const o of offs) o(); };
}
