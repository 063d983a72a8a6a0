// HostPlatform for the web host: a browser cannot show the host's file dialogs, so "Open
// Scenario…" opens the files the host was started with (`--open`), and an export is written to
// the host's export directory and offered as a download URL carrying the session token.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { ExportFormat } from '../../../shared/api';
import type { ExportTarget, HostPlatform } from '../platform';
import { isScenarioFileName } from '../scenarioLibrary';
import { apiError } from '../apiError';

export class WebPlatform implements HostPlatform {
  readonly kind = 'web' as const;
  readonly canDropFiles = false;
  private readonly openable: string[];
  private readonly openDirs: string[];
  private seq = 0;

  /**
   * @param openable files (or directories of .yaml files) named on the command line
   * @param exportDir where exports are written
   * @param downloadUrl maps an export's file name to the URL it is served at
   */
  constructor(openable: string[], private readonly exportDir: string, private readonly downloadUrl: (name: string) => string,
    private readonly listDir: (dir: string) => string[]) {
    this.openable = [];
    this.openDirs = [];
    for (const p of openable.map((f) => path.resolve(f))) {
      if (isScenarioFileName(p)) this.openable.push(p);
      else this.openDirs.push(p);
    }
    mkdirSync(exportDir, { recursive: true });
  }

  async pickScenarioFiles(): Promise<string[]> {
    const fromDirs = this.openDirs.flatMap((d) => this.listDir(d).filter(isScenarioFileName).map((f) => path.join(d, f)));
    return [...this.openable, ...fromDirs];
  }

  async exportTarget(defaultName: string, _format: ExportFormat): Promise<ExportTarget> {
    // A sequence prefix keeps repeated exports of one run apart without trusting the name.
    const name = `${++this.seq}-${path.basename(defaultName)}`;
    return { path: path.join(this.exportDir, name), url: this.downloadUrl(name) };
  }

  async reveal(file: string): Promise<void> {
    throw apiError('ENOTSUP', `the browser cannot open the host's file manager; the file is ${file}`);
  }

  mayOpen(file: string): boolean {
    const abs = path.resolve(file);
    return this.openable.includes(abs) || this.openDirs.some((d) => path.dirname(abs) === d);
  }
}
