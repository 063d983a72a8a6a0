// Temp files of writeFileAtomic's naming that a killed process left are removed at the next
// start; a live writer's, other files and directories are not touched.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ORPHAN_AGE_MS, sweepOrphanedTemps } from '../../electron/host/tempSweep';
import { TEMP_FILE_PATTERN, writeFileAtomic } from '../../electron/host/atomicWrite';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wb-sweep-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('orphaned temp files', () => {
  it('the pattern matches the temp file writeFileAtomic creates', async () => {
    // Watch the directory while a large write runs: the temp file shows up before the rename.
    const seen = new Set<string>();
    const poll = setInterval(() => {
      for (const n of readdirSync(dir)) seen.add(n);
    }, 1);
    await writeFileAtomic(path.join(dir, 'x.yaml'), Buffer.alloc(64 << 20));
    clearInterval(poll);
    const temps = [...seen].filter((n) => n !== 'x.yaml');
    expect(temps.length).toBeGreaterThan(0);
    for (const n of temps) expect(n).toMatch(TEMP_FILE_PATTERN);
    expect(TEMP_FILE_PATTERN.exec(temps[0])![2]).toBe(String(process.pid));
    expect(TEMP_FILE_PATTERN.test('.x.yaml.tmp')).toBe(false);
  });

  it("removes those of a dead writer and stale ones; keeps a live writer's, other files, directories", async () => {
    const dead = `.s.yaml.${deadPid()}.abcdefabcdef.tmp`;
    const live = `.s.yaml.${process.pid}.abcdefabcdef.tmp`;
    const stale = `.recent.json.${process.pid}.0123456789ab.tmp`;
    for (const n of [dead, live, stale, 's.yaml', '.s.yaml.tmp', 'notes.1.abcdefabcdef.tmp']) writeFileSync(path.join(dir, n), 'x');
    mkdirSync(path.join(dir, `.d.${deadPid()}.abcdefabcdef.tmp`));
    const old = new Date(Date.now() - ORPHAN_AGE_MS - 60_000);
    utimesSync(path.join(dir, stale), old, old);
    const removed = await sweepOrphanedTemps(dir);
    expect(removed.map((f) => path.basename(f)).sort()).toEqual([stale, dead].sort());
    expect(existsSync(path.join(dir, live))).toBe(true);
    expect(readdirSync(dir).some((n) => n.startsWith('.d.'))).toBe(true);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['s.yaml', '.s.yaml.tmp', 'notes.1.abcdefabcdef.tmp']));
  });

  it('a missing directory is no error', async () => {
    expect(await sweepOrphanedTemps(path.join(dir, 'nope'))).toEqual([]);
  });
});
