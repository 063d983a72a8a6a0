// A full disk: exporting onto a 64 KiB tmpfs must fail with ENOSPC named as such and leave no
// partial report and no temp file. Needs permission to mount (root in a container, as in CI);
// skipped where mount is refused.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exportReportFile } from '../../electron/host/report/exporter';
import { pressureRun } from './fixtures';

function tryMountSmallTmpfs(): string | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netmem-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmdirSync(dir);
    return null;
  }
}

describe('export onto a full disk', () => {
  it('fails with ENOSPC and leaves nothing behind', async (ctx) => {
    // Mounted inside the test so a filtered run never leaves a mount behind.
    const mounted = process.platform === 'linux' ? tryMountSmallTmpfs() : null;
    if (!mounted) {
      ctx.skip();
      return;
    }
    try {
      const out = path.join(mounted, 'report.html');
      await expect(exportReportFile(pressureRun(), 'html', out)).rejects.toThrow(
        /cannot write .*report\.html: no space left on device \(ENOSPC\)/,
      );
      expect(readdirSync(mounted)).toEqual([]);
    } finally {
      execFileSync('umount', [mounted], { stdio: 'ignore' });
      rmdirSync(mounted);
    }
  });
});
