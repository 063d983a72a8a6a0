// The persisted "Open Recent" list: newest first, at most RECENT_MAX entries, stored as JSON
// in the host's state directory and written atomically (temp file + rename).
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomicWrite';

export const RECENT_MAX = 10;

export class RecentFiles {
  private list: string[] = [];

  constructor(private readonly stateFile: string | null) {
    if (!stateFile) return;
    try {
      const parsed: unknown = JSON.parse(readFileSync(stateFile, 'utf8'));
      if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { recent?: unknown }).recent)) {
        this.list = (parsed as { recent: unknown[] }).recent.filter((p): p is string => typeof p === 'string').slice(0, RECENT_MAX);
      }
    } catch {
      // First start or an unreadable state file: start with an empty list (it is only a convenience).
    }
  }

  get(): string[] {
    return [...this.list];
  }

  has(file: string): boolean {
    return this.list.includes(file);
  }

  async add(file: string): Promise<void> {
    this.list = [file, ...this.list.filter((f) => f !== file)].slice(0, RECENT_MAX);
    await this.persist();
  }

  async remove(file: string): Promise<void> {
    const before = this.list.length;
    this.list = this.list.filter((f) => f !== file);
    if (this.list.length !== before) await this.persist();
  }

  private async persist(): Promise<void> {
    if (!this.stateFile) return;
    await writeFileAtomic(this.stateFile, JSON.stringify({ recent: this.list }, null, 2) + '\n');
  }
}
