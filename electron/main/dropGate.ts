// Which dropped files main may open as trusted. The preload, in its isolated world, sees the
// real `drop` event (isTrusted: a user's drag from the OS, which page script cannot synthesize)
// and reports the paths webUtils.getPathForFile gives for its files (empty for any File that
// page script made). Main grants exactly those, for a short while; the drop channel opens only
// granted paths and uses each grant once. Page script therefore cannot have main open a path
// the user did not drop, whatever it passes to window.workbench.openDroppedFiles.
import path from 'node:path';

/** A drop is opened right after the event; an unused grant lapses. */
export const DROP_GRANT_MS = 30_000;
/** at most this many grants outstanding (the oldest lapse first) */
const MAX_GRANTS = 256;

export class DropGate {
  private readonly granted = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Paths from a real drop event. */
  grant(paths: readonly string[]): void {
    const until = this.now() + DROP_GRANT_MS;
    for (const p of paths) {
      const abs = path.resolve(p);
      this.granted.delete(abs);
      this.granted.set(abs, until);
    }
    while (this.granted.size > MAX_GRANTS) this.granted.delete(this.granted.keys().next().value as string);
  }

  /** True when every path was granted and has not lapsed; the grants are used up. */
  take(paths: readonly string[]): boolean {
    const t = this.now();
    const abs = paths.map((p) => path.resolve(p));
    if (!abs.every((p) => (this.granted.get(p) ?? 0) > t)) return false;
    for (const p of abs) this.granted.delete(p);
    return true;
  }
}
