// IPC registration from the one typed channel list (shared/api.ts). Every handler first checks
// that the message comes from our own renderer's main frame; arguments are checked by the
// service (argCheck) before anything acts on them. Dropped files are opened as trusted only
// when the preload announced them from a real drop event (dropGate.ts).
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { API_EVENT_CHANNELS, API_INVOKE_CHANNELS, API_METHODS, DROP_CHANNEL, DROP_NOTICE_CHANNEL } from '../../shared/api';
import type { WorkbenchService } from '../host/workbenchService';
import { toErrorShape } from '../host/apiError';
import { isScenarioFileName } from '../host/scenarioLibrary';
import { DropGate } from './dropGate';

const MAX_DROP = 64;

function isPathList(v: unknown): v is string[] {
  return (
    Array.isArray(v) && v.length > 0 && v.length <= MAX_DROP && v.every((p) => typeof p === 'string' && p.length > 0 && p.length <= 4096)
  );
}

export function registerIpc(service: WorkbenchService, isOwnRenderer: (url: string) => boolean, gate = new DropGate()): () => void {
  const checkSender = (e: IpcMainInvokeEvent | IpcMainEvent): void => {
    const frame = e.senderFrame;
    if (!frame || frame.parent !== null || !isOwnRenderer(frame.url)) {
      throw new Error(`EACCES: IPC from an unexpected frame (${frame?.url ?? 'gone'})`);
    }
  };
  // Rethrow as a plain Error whose message keeps the errno ("ENOENT: …"): Electron passes only the message.
  const wrap = async (fn: () => Promise<unknown>): Promise<unknown> => {
    try {
      return await fn();
    } catch (err) {
      throw new Error(toErrorShape(err).message, { cause: err });
    }
  };
  for (const m of API_METHODS) {
    ipcMain.handle(API_INVOKE_CHANNELS[m], (e, ...args: unknown[]) => {
      checkSender(e);
      return wrap(() => service.invoke(m, args));
    });
  }
  const onNotice = (e: IpcMainEvent, paths: unknown): void => {
    try {
      checkSender(e);
    } catch {
      return;
    }
    if (isPathList(paths)) gate.grant(paths.filter(isScenarioFileName));
  };
  ipcMain.on(DROP_NOTICE_CHANNEL, onNotice);
  ipcMain.handle(DROP_CHANNEL, (e, paths: unknown) => {
    checkSender(e);
    return wrap(async () => {
      if (!isPathList(paths) || !paths.every(isScenarioFileName)) throw new Error('EINVAL: drop .yaml or .yml scenario files');
      if (!gate.take(paths))
        throw new Error('EACCES: only files dropped on the window can be opened this way; use Open Scenario… to choose a file');
      return service.openScenarioFiles(paths, true);
    });
  });
  return () => {
    for (const m of API_METHODS) ipcMain.removeHandler(API_INVOKE_CHANNELS[m]);
    ipcMain.removeHandler(DROP_CHANNEL);
    ipcMain.removeListener(DROP_NOTICE_CHANNEL, onNotice);
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
  return () => {
    for (const o of offs) o();
  };
}
