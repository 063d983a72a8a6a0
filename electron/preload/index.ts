// Preload (sandboxed, CommonJS): exposes exactly WorkbenchApi on `window.workbench` through
// contextBridge, one function per entry of the typed channel list. Imports only 'electron'
// at run time (shared/api.ts is bundled in).
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  API_EVENT_CHANNELS,
  API_INVOKE_CHANNELS,
  API_METHODS,
  DROP_CHANNEL,
  DROP_NOTICE_CHANNEL,
  type ApiMethod,
  type WorkbenchApi,
} from '../../shared/api';

/** Errors from ipcRenderer.invoke arrive as "Error invoking remote method 'x': ENOENT: …"; keep the errno part. */
function unwrap(err: unknown): Error {
  const msg = err instanceof Error ? err.message : String(err);
  const m = /^Error invoking remote method '[^']+': (?:Error: )?(.*)$/s.exec(msg);
  const e = new Error(m ? m[1] : msg);
  const errno = /^([A-Z][A-Z0-9]+): /.exec(e.message);
  if (errno) e.name = errno[1];
  return e;
}

function invoke(method: ApiMethod) {
  return (...args: unknown[]): Promise<unknown> =>
    ipcRenderer.invoke(API_INVOKE_CHANNELS[method], ...args).catch((e: unknown) => {
      throw unwrap(e);
    });
}

function subscribe<T>(channel: string) {
  return (listener: (e: T) => void): (() => void) => {
    const wrapped = (_ev: IpcRendererEvent, payload: T): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  };
}

/** Paths of the files a File list holds: only files the user really dropped or picked have one. */
function pathsOf(files: ArrayLike<File>): string[] {
  return Array.from(files)
    .map((f) => webUtils.getPathForFile(f))
    .filter((p) => p.length > 0);
}

// The real drop, seen in this isolated world before the page's own handler (capture phase):
// main learns which paths the user dropped, and opens nothing else through DROP_CHANNEL.
window.addEventListener(
  'drop',
  (e: DragEvent) => {
    if (!e.isTrusted || !e.dataTransfer) return;
    const paths = pathsOf(e.dataTransfer.files).slice(0, 64);
    if (paths.length > 0) ipcRenderer.send(DROP_NOTICE_CHANNEL, paths);
  },
  true,
);

const api = Object.fromEntries(API_METHODS.map((m) => [m, invoke(m)])) as unknown as Omit<
  WorkbenchApi,
  'onRunEvent' | 'onLibraryChanged' | 'onCommand'
>;

contextBridge.exposeInMainWorld('workbench', {
  ...api,
  onRunEvent: subscribe(API_EVENT_CHANNELS.run),
  onLibraryChanged: subscribe(API_EVENT_CHANNELS.library),
  onCommand: subscribe(API_EVENT_CHANNELS.command),
  /** Files dropped on the window: only real dropped files have a path (webUtils). */
  openDroppedFiles: (files: File[]) => {
    const paths = pathsOf(files);
    return ipcRenderer.invoke(DROP_CHANNEL, paths).catch((e: unknown) => {
      throw unwrap(e);
    });
  },
} satisfies WorkbenchApi & { openDroppedFiles(files: File[]): Promise<unknown> });
