// What differs between the desktop app and the web host, behind one interface: how a user picks
// files, where an export goes, and which extra paths the renderer may ask to open.
// Electron main implements it with native dialogs; the web host with its command-line files.
import type { ExportFormat } from '../../shared/api';

export interface ExportTarget {
  /** absolute path the report is written to */
  path: string;
  /** URL the browser downloads it from (web host only) */
  url?: string;
}

export interface HostPlatform {
  readonly kind: 'electron' | 'web';
  readonly canDropFiles: boolean;
  /** Files the user picked (Electron: native open dialog; web: the files the host was started with). */
  pickScenarioFiles(): Promise<string[]>;
  /**
   * Measured files the user picked in the host's open dialog (Electron); empty when cancelled.
   * Throws ENOTSUP where the page uploads them instead (web).
   */
  pickMeasuredFiles(): Promise<string[]>;
  /** Where to write an export; null when the user cancelled the save dialog. */
  exportTarget(defaultName: string, format: ExportFormat): Promise<ExportTarget | null>;
  /**
   * May the renderer open this path? `inRecent`: it is on the recent list. Electron: the recent
   * list only (everything else comes from a dialog or a drop). Web: the real path (symlinks
   * resolved) must be an --open file or lie inside an --open directory, recent or not.
   */
  mayOpen(file: string, inRecent: boolean): Promise<boolean>;
  /** Where Save as… writes a copy named like `suggestedName`; null when the user cancelled. */
  saveAsTarget(suggestedName: string): Promise<{ path: string; replace: boolean } | null>;
  /**
   * Where a file the browser sent (its bare name) is kept, in a folder the host owns; the file is
   * then the user's to open again. Throws ENOTSUP where files are opened in place (Electron).
   */
  uploadTarget(fileName: string): Promise<string>;
  /** Show a file in the system file manager; throws ENOTSUP where there is none (web). */
  reveal(file: string): Promise<void>;
}
