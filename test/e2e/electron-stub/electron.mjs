// Stand-in for the electron module so the built main bundle can be loaded under plain Node:
// it checks the bundle resolves and evaluates; app.whenReady() never resolves, so nothing starts.
const noop = () => {};
export const app = {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  on: noop,
  whenReady: () => new Promise(() => {}),
  quit: noop,
  getVersion: () => '0',
  getPath: () => '/tmp',
  getAppPath: () => process.cwd(),
  exit: noop,
};
export class BrowserWindow {}
export const Menu = { buildFromTemplate: () => ({}), setApplicationMenu: noop };
export const dialog = {};
export const ipcMain = { handle: noop, removeHandler: noop };
export const nativeTheme = {};
export const session = {};
export const shell = {};
export default { app };
