// The measured store: files from the browser go to the host as name + text (never read when too
// many or too large), the host's answer is kept for the run and compare views, its error shown;
// the desktop dialog cancelled keeps what was open.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { MeasuredOpened, WorkbenchApi } from '../../shared/api';
import { setApi } from '../../renderer/src/api/transport';
import { useMeasuredStore } from '../../renderer/src/stores/measured';
import { MEASURED_MAX_CHARS, MEASURED_MAX_FILES } from '../../shared/apiLimits';
import { emptyMeasured } from '../../shared/doc/measuredDocument';

const OPENED: MeasuredOpened = { name: 'eth0.txt', measured: emptyMeasured() };
let api: Record<string, ReturnType<typeof vi.fn>>;

beforeEach(() => {
  api = {
    openMeasuredText: vi.fn(async (files: { name: string }[]) => ({ ...OPENED, name: files.map((f) => f.name).join('+') })),
    openMeasuredDialog: vi.fn(async () => null),
  };
  setApi(api as unknown as WorkbenchApi);
  setActivePinia(createPinia());
});

describe('measured store', () => {
  it('uploads name and text; keeps the answer and bumps the version', async () => {
    const s = useMeasuredStore();
    await s.openFiles([new File(['NIC statistics:\n'], 'eth0.txt'), new File(['x'], 'b.txt')]);
    expect(api.openMeasuredText).toHaveBeenCalledWith([
      { name: 'eth0.txt', text: 'NIC statistics:\n' },
      { name: 'b.txt', text: 'x' },
    ]);
    expect(s.opened?.name).toBe('eth0.txt+b.txt');
    expect(s.version).toBe(1);
    expect(s.error).toBe('');
  });

  it('too many or too large files are refused without reading or sending', async () => {
    const s = useMeasuredStore();
    const big = new File([new Uint8Array(MEASURED_MAX_CHARS * 3 + 1)], 'big.txt');
    const text = vi.spyOn(big, 'text');
    await s.openFiles([big]);
    expect(s.error).toMatch(/^EFBIG: .*limited to 1\.0 MiB/);
    expect(text).not.toHaveBeenCalled();
    await s.openFiles(new Array(MEASURED_MAX_FILES + 1).fill(new File(['x'], 'a.txt')));
    expect(s.error).toMatch(/^EINVAL: at most 16 measured files/);
    expect(api.openMeasuredText).not.toHaveBeenCalled();
  });

  it('the interval field goes to the host in seconds; a bad one is refused in the page', async () => {
    const s = useMeasuredStore();
    s.interval = '2.5';
    await s.openFiles([new File(['x'], 'a.txt'), new File(['y'], 'b.txt')]);
    expect(api.openMeasuredText).toHaveBeenLastCalledWith(
      [
        { name: 'a.txt', text: 'x' },
        { name: 'b.txt', text: 'y' },
      ],
      2.5,
    );
    s.interval = '2s';
    await s.openFiles([new File(['x'], 'a.txt')]);
    expect(s.error).toMatch(/^EINVAL: the interval between snapshots must be a number of seconds/);
    expect(api.openMeasuredText).toHaveBeenCalledTimes(1);
    s.interval = ' ';
    await s.openDialog();
    expect(api.openMeasuredDialog).toHaveBeenLastCalledWith(undefined);
  });

  it("the host's located error is shown and the previous measurement stays", async () => {
    const s = useMeasuredStore();
    await s.openFiles([new File(['x'], 'a.txt')]);
    api.openMeasuredText.mockRejectedValueOnce(new Error('EINVAL: bad.txt:2:3: expected an attribute'));
    await s.openFiles([new File(['x'], 'bad.txt')]);
    expect(s.error).toBe('EINVAL: bad.txt:2:3: expected an attribute');
    expect(s.opened?.name).toBe('a.txt');
    expect(s.busy).toBe(false);
  });

  it('desktop dialog: cancelled (null) changes nothing; clear forgets', async () => {
    const s = useMeasuredStore();
    await s.openFiles([new File(['x'], 'a.txt')]);
    await s.openDialog();
    expect(api.openMeasuredDialog).toHaveBeenCalledOnce();
    expect(s.opened?.name).toBe('a.txt');
    s.clear();
    expect(s.opened).toBeNull();
  });
});
