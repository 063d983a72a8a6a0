// The application menu. Commands that act on the renderer's selection (run, stop, export…) are
// sent to it as MenuCommands; Open Recent opens directly.
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import type { MenuCommand } from '../../shared/api';

export interface MenuActions {
  command(c: MenuCommand): void;
  recent(): string[];
  openRecent(file: string): void;
}

export function buildMenu(a: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const cmd = (label: string, c: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => a.command(c),
    ...(accelerator ? { accelerator } : {}),
  });
  const recent = a.recent();
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        cmd('Open Scenario…', 'open', 'CmdOrCtrl+O'),
        {
          label: 'Open Recent',
          submenu:
            recent.length > 0
              ? recent.map((f) => ({ label: path.basename(f), toolTip: f, click: () => a.openRecent(f) }))
              : [{ label: 'No recent files', enabled: false }],
        },
        cmd('Reveal in Folder', 'reveal'),
        { type: 'separator' },
        {
          label: 'Export Report…',
          submenu: [
            cmd('HTML…', 'export-html', 'CmdOrCtrl+E'),
            cmd('PDF…', 'export-pdf'),
            cmd('CSV time series…', 'export-csv'),
            cmd('JSON run document…', 'export-json'),
          ],
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'Run',
      submenu: [
        cmd('Start', 'run', 'CmdOrCtrl+Enter'),
        cmd('Stop', 'stop', 'CmdOrCtrl+.'),
        { type: 'separator' },
        cmd('Compare', 'compare', 'CmdOrCtrl+Shift+Enter'),
      ],
    },
    {
      label: 'View',
      submenu: [
        cmd('Scenario', 'view-library', 'CmdOrCtrl+1'),
        cmd('Run', 'view-run', 'CmdOrCtrl+2'),
        cmd('Compare', 'view-compare', 'CmdOrCtrl+3'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: 'Help',
      submenu: [
        { label: 'page_pool documentation', click: () => void shell.openExternal('https://docs.kernel.org/networking/page_pool.html') },
        { label: 'Devmem TCP documentation', click: () => void shell.openExternal('https://docs.kernel.org/networking/devmem.html') },
        { label: `netmem-workbench ${app.getVersion()}`, enabled: false },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
