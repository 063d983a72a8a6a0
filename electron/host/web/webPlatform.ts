// HostPlatform for the web host: a browser cannot show the host's file dialogs, so "Open
// Scenario…" opens the files the host was started with (`--open`), and an export is written to
// the host's export directory and offered as a download URL carrying the session token.
// Every path the browser names must resolve (realpath) inside what `--open` named.
import path from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import type { ExportFormat } from '../../../shared/api';
import type { ExportTarget, HostPlatform } from '../platform';
import { isScenarioFileName } from '../scenarioLibrary';
import { apiError } from '../apiError';
import { OpenScope } from '../fileScope';

/** `name.ext`, then `name-2.ext`, `name-3.ext`, … : the first name `taken` says is free. */
export function freeName(fileName: string, taken: (name: string) => boolean): string {
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  if (!taken(fileName)) return fileName;
  for (let i = 2; ; i++) {
    const n = `${stem}-${i}${ext}`;
    if (!taken(n)) return n;
  }
}

export class WebPlatform implements HostPlatform {
  readonly kind = 'web' as const;
  readonly canDropFiles = false;
  private readonly openable: string[];
  private readonly openDirs: string[];
  private readonly scope: OpenScope;
  /** export names handed out this session (an export may not be on disk yet) */
  private readonly reserved = new Set<string>();

  /**
   * @param openable files (or directories of .yaml files) named on the command line
   * @param exportDir where exports are written
   * @param downloadUrl maps an export's file name to the URL it is served at
   */
  /** where files sent from the browser are kept: beside the export directory, in the host's state */
  private readonly uploadDir: string;

  constructor(
    openable: string[],
    private readonly exportDir: string,
    private readonly downloadUrl: (name: string) => string,
    private readonly listDir: (dir: string) => string[],
    uploadDir?: string,
  ) {
    this.uploadDir = uploadDir ?? path.join(path.dirname(exportDir), 'uploads');
    this.openable = [];
    this.openDirs = [];
    for (const p of openable.map((f) => path.resolve(f))) {
      if (isScenarioFileName(p)) this.openable.push(p);
      else this.openDirs.push(p);
    }
    this.scope = new OpenScope(this.openable, this.openDirs);
    mkdirSync(exportDir, { recursive: true });
  }

  /** Directories the host writes to (Save as…), for the temp-file sweep at start. */
  writeDirs(): string[] {
    return [this.exportDir, this.uploadDir, ...this.openDirs, ...this.openable.map((f) => path.dirname(f))];
  }

  async pickScenarioFiles(): Promise<string[]> {
    const fromDirs = this.openDirs.flatMap((d) => {
      try {
        return this.listDir(d)
          .filter(isScenarioFileName)
          .map((f) => path.join(d, f));
      } catch {
        return [];
      }
    });
    const out: string[] = [];
    for (const f of [...this.openable, ...fromDirs]) if (await this.scope.resolve(f)) out.push(f);
    return out;
  }

  async pickMeasuredFiles(): Promise<string[]> {
    throw apiError('ENOTSUP', 'the web host has no file dialog for measured files: the page uploads them (Open measured…)');
  }

  async exportTarget(defaultName: string, _format: ExportFormat): Promise<ExportTarget> {
    // Never replace an earlier export, from this start or a previous one.
    const name = freeName(path.basename(defaultName), (n) => this.reserved.has(n) || existsSync(path.join(this.exportDir, n)));
    this.reserved.add(name);
    return { path: path.join(this.exportDir, name), url: this.downloadUrl(name) };
  }

  async saveAsTarget(suggestedName: string): Promise<{ path: string; replace: boolean }> {
    const dir = this.openDirs[0] ?? (this.openable[0] ? path.dirname(this.openable[0]) : null);
    if (!dir) throw apiError('EACCES', 'the web host has no folder to save into: start it with --open DIR');
    const base = path.basename(suggestedName).replace(/\.ya?ml$/i, '');
    const name = freeName(`${base}-copy.yaml`, (n) => existsSync(path.join(dir, n)));
    const file = path.join(dir, name);
    // The copy is the user's file now: reopening it (recent list, reload) must pass mayOpen.
    this.openable.push(file);
    return { path: file, replace: false };
  }

  /** A fresh name in the upload folder (never over an earlier upload); the file may be opened again. */
  async uploadTarget(fileName: string): Promise<string> {
    mkdirSync(this.uploadDir, { recursive: true });
    const name = freeName(path.basename(fileName), (n) => existsSync(path.join(this.uploadDir, n)));
    const file = path.join(this.uploadDir, name);
    this.openable.push(file);
    return file;
  }

  async reveal(file: string): Promise<void> {
    throw apiError('ENOTSUP', `the browser cannot open the host's file manager; the file is ${file}`);
  }

  /** Only what --open named, by real path: a recent file outside it, or a link out of it, is refused. */
  async mayOpen(file: string): Promise<boolean> {
    return (await this.scope.resolve(file)) !== null;
  }
}
