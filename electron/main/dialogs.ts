// HostPlatform for the desktop: native open/save dialogs and the system file manager.
import { dialog, shell, type BrowserWindow } from 'electron';
import path from 'node:path';
import type { ExportFormat } from '../../shared/api';
import type { ExportTarget, HostPlatform } from '../host/platform';
import { apiError } from '../host/apiError';

const FILTERS: Record<ExportFormat, Electron.FileFilter> = {
  html: { name: 'HTML report', extensions: ['html'] },
  pdf: { name: 'PDF report', extensions: ['pdf'] },
  csv: { name: 'CSV time series', extensions: ['csv'] },
  json: { name: 'JSON run document', extensions: ['json'] },
  prom: { name: 'Prometheus text (node_exporter textfile)', extensions: ['prom'] },
  trace: { name: 'Chrome trace-event JSON (Perfetto)', extensions: ['json'] },
};

export class ElectronPlatform implements HostPlatform {
  readonly kind = 'electron' as const;
  readonly canDropFiles = true;

  constructor(
    private readonly window: () => BrowserWindow | null,
    private readonly defaultDir: () => string,
  ) {}

  async pickScenarioFiles(): Promise<string[]> {
    const opts: Electron.OpenDialogOptions = {
      title: 'Open Scenario',
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: 'Scenario (YAML)', extensions: ['yaml', 'yml'] }],
    };
    const win = this.window();
    const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
    return r.canceled ? [] : r.filePaths;
  }

  async pickMeasuredFiles(): Promise<string[]> {
    const opts: Electron.OpenDialogOptions = {
      title: 'Open Measured Data',
      properties: ['openFile', 'multiSelections'],
      filters: [
        {
          name: 'ynl, ethtool -S, bpftrace, bench_page_pool, Prometheus text, measured.json',
          extensions: ['txt', 'log', 'json', 'prom', 'out'],
        },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const win = this.window();
    const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
    return r.canceled ? [] : r.filePaths;
  }

  async exportTarget(defaultName: string, format: ExportFormat): Promise<ExportTarget | null> {
    const opts: Electron.SaveDialogOptions = {
      title: 'Export Report',
      defaultPath: path.join(this.defaultDir(), defaultName),
      filters: [FILTERS[format]],
    };
    const win = this.window();
    const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
    return r.canceled || !r.filePath ? null : { path: r.filePath };
  }

  /** Everything the renderer may open comes from a dialog, a drop or the recent list. */
  async mayOpen(_file: string, inRecent: boolean): Promise<boolean> {
    return inRecent;
  }

  async saveAsTarget(suggestedName: string): Promise<{ path: string; replace: boolean } | null> {
    const opts: Electron.SaveDialogOptions = {
      title: 'Save Scenario As',
      defaultPath: path.join(this.defaultDir(), path.basename(suggestedName)),
      filters: [{ name: 'Scenario (YAML)', extensions: ['yaml', 'yml'] }],
    };
    const win = this.window();
    const r = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
    // The dialog asked before replacing an existing file.
    return r.canceled || !r.filePath ? null : { path: r.filePath, replace: true };
  }

  async uploadTarget(_fileName: string): Promise<string> {
    throw apiError('ENOTSUP', 'the desktop app opens scenario files in place: use Open… or drop the file on the window');
  }

  async reveal(file: string): Promise<void> {
    shell.showItemInFolder(file);
  }
}
