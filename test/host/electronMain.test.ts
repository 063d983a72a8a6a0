// The thin Electron layer, with 'electron' mocked (no Electron binary here): IPC registration
// from the channel list refuses frames that are not our renderer; drops accept only YAML files
// the preload announced from a real drop event;
// the renderer-URL check accepts only our page (packaged file or dev server origin).
import { describe, expect, it, vi } from 'vitest';

const handlers = new Map<string, (e: unknown, ...args: unknown[]) => unknown>();
const listeners = new Map<string, (e: unknown, ...args: unknown[]) => void>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (ch: string, fn: (e: unknown, ...args: unknown[]) => unknown) => {
      handlers.set(ch, fn);
    },
    removeHandler: (ch: string) => {
      handlers.delete(ch);
    },
    on: (ch: string, fn: (e: unknown, ...args: unknown[]) => void) => {
      listeners.set(ch, fn);
    },
    removeListener: (ch: string) => {
      listeners.delete(ch);
    },
  },
  session: {},
  shell: {},
}));

const { registerIpc } = await import('../../electron/main/ipc');
const { isOwnRendererUrl } = await import('../../electron/main/security');
const { API_INVOKE_CHANNELS, API_METHODS, DROP_CHANNEL, DROP_NOTICE_CHANNEL } = await import('../../shared/api');
const { DropGate, DROP_GRANT_MS } = await import('../../electron/main/dropGate');

const OWN = 'file:///app/out/renderer/index.html';
const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

describe('Electron IPC', () => {
  const calls: unknown[][] = [];
  const service = {
    invoke: async (m: unknown, args: unknown) => {
      calls.push([m, args]);
      return 'ok';
    },
    openScenarioFiles: async (paths: string[], trusted: boolean) => {
      calls.push(['drop', paths, trusted]);
      return [];
    },
  };
  let clock = 1_000_000;
  const off = registerIpc(service as never, (url) => url === OWN, new DropGate(() => clock));

  it('registers exactly one handler per API method plus the drop channel', () => {
    expect([...handlers.keys()].sort()).toEqual([...API_METHODS.map((m) => API_INVOKE_CHANNELS[m]), DROP_CHANNEL].sort());
  });

  it('serves our renderer and refuses other frames with EACCES', async () => {
    const h = handlers.get(API_INVOKE_CHANNELS.getScenario)!;
    await expect(Promise.resolve(h(frame(OWN), 'x'))).resolves.toBe('ok');
    expect(calls.at(-1)).toEqual(['getScenario', ['x']]);
    expect(() => h(frame('https://evil.example/'), 'x')).toThrow(/EACCES/);
    expect(() => h(frame(OWN, { url: OWN }), 'x')).toThrow(/EACCES/); // a subframe
  });

  it('opens dropped YAML files as trusted only when a real drop announced them, once', async () => {
    const h = handlers.get(DROP_CHANNEL)!;
    const notice = listeners.get(DROP_NOTICE_CHANNEL)!;
    const drop = (paths: unknown) => Promise.resolve().then(() => h(frame(OWN), paths));
    // Page script naming a path nobody dropped.
    await expect(drop(['/home/u/secret.yaml'])).rejects.toThrow(/EACCES: only files dropped on the window/);
    notice(frame(OWN), ['/home/u/a.yaml', '/home/u/b.yaml']);
    await drop(['/home/u/a.yaml']);
    expect(calls.at(-1)).toEqual(['drop', ['/home/u/a.yaml'], true]);
    await expect(drop(['/home/u/a.yaml'])).rejects.toThrow(/EACCES/); // used up
    await expect(drop(['/home/u/b.yaml', '/home/u/secret.yaml'])).rejects.toThrow(/EACCES/); // all or nothing
    clock += DROP_GRANT_MS + 1;
    await expect(drop(['/home/u/b.yaml'])).rejects.toThrow(/EACCES/); // lapsed
    // A notice from another frame grants nothing.
    notice(frame('https://evil.example/'), ['/home/u/c.yaml']);
    await expect(drop(['/home/u/c.yaml'])).rejects.toThrow(/EACCES/);
    await expect(drop(['/etc/shadow'])).rejects.toThrow(/EINVAL/);
    await expect(drop('/home/u/a.yaml')).rejects.toThrow(/EINVAL/);
  });

  it('unregisters everything', () => {
    off();
    expect(handlers.size).toBe(0);
    expect(listeners.size).toBe(0);
  });
});

describe('isOwnRendererUrl', () => {
  it('accepts the packaged page only', () => {
    expect(isOwnRendererUrl(OWN, undefined, '/app/out/renderer/index.html')).toBe(true);
    expect(isOwnRendererUrl('file:///etc/passwd', undefined, '/app/out/renderer/index.html')).toBe(false);
    expect(isOwnRendererUrl('https://example.com/', undefined, '/app/out/renderer/index.html')).toBe(false);
  });
  it('accepts the dev server origin in development', () => {
    expect(isOwnRendererUrl('http://localhost:5173/src/x', 'http://localhost:5173', '')).toBe(true);
    expect(isOwnRendererUrl('http://localhost:5174/', 'http://localhost:5173', '')).toBe(false);
  });
});
