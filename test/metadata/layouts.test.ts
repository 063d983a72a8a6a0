import { describe, expect, it } from 'vitest';
import { heldDescriptors, layoutBytes, MEMDESC_DESCRIPTOR_BYTES, poolBufferBytes } from '../../shared/doc/derived/metadataLayouts';
import { HoldMeter, HOLD_NET_IOV, HOLD_POOL } from '../../shared/sim/metadata/holdMeter';
import { nicMetadataResult, poolMetadataResult } from '../../shared/sim/metadata/result';

const held = (pool: number[], niov = 0, driver: number[] = [0]) => ({
  pool_pages_by_order: pool,
  net_iovs: niov,
  driver_pages_by_order: driver,
});

describe('metadata bytes under the three layouts', () => {
  it('order-0 pages: 64 B struct page = netmem_desc overlay; memdesc 8 B pointer + 48 B descriptor', () => {
    const h = held([1000]);
    expect(layoutBytes('struct_page', h)).toBe(64_000);
    expect(layoutBytes('netmem_desc', h)).toBe(64_000);
    expect(layoutBytes('memdesc', h)).toBe(1000 * (8 + MEMDESC_DESCRIPTOR_BYTES));
  });
  it('high-order buffers count per 4 KiB page; one memdesc descriptor per buffer; net_iov 64 B everywhere', () => {
    expect(poolBufferBytes('struct_page', 1)).toBe(128);
    expect(poolBufferBytes('memdesc', 1)).toBe(16 + 48);
    const h = held([0, 10], 5);
    expect(layoutBytes('struct_page', h)).toBe(10 * 128 + 5 * 64);
    expect(layoutBytes('memdesc', h)).toBe(10 * 64 + 5 * 64);
    expect(heldDescriptors(h)).toBe(25);
  });
  it('driver-owned pages keep 64 B of struct page per 4 KiB page under every layout', () => {
    const h = held([0], 0, [0, 0, 3]);
    for (const l of ['struct_page', 'netmem_desc', 'memdesc'] as const) expect(layoutBytes(l, h)).toBe(3 * 4 * 64);
  });
});

describe('hold meter', () => {
  it('keeps what was held at the instant of the most descriptors, across pools and driver pages', () => {
    const m = new HoldMeter();
    m.hold(HOLD_POOL + 0);
    m.hold(HOLD_POOL + 0);
    m.holdDriver(1); // 2 pages
    m.release(HOLD_POOL + 0);
    m.hold(HOLD_NET_IOV); // 1 + 2 + 1 = 4 = the old peak: not a new one
    m.releaseDriver(1);
    m.hold(HOLD_POOL + 2); // 1 + 1 + 4 = 6
    const r = nicMetadataResult(m, 1);
    expect(r.peak_descriptors).toBe(6);
    expect(r.peak).toEqual(held([1, 0, 1], 1, [0]));
    expect(r.peak_driver_descriptors).toBe(2);
    expect(r.bytes.struct_page).toBe(6 * 64);
    expect(r.bytes.memdesc).toBe(8 + 48 + (4 * 8 + 48) + 64);
  });
  it('a pool of net_iovs is costed as net_iovs, a page pool by its order', () => {
    expect(poolMetadataResult(100, 0, true).bytes.memdesc).toBe(6400);
    expect(poolMetadataResult(100, 1, false)).toEqual({
      peak_descriptors: 200,
      bytes: { struct_page: 12800, netmem_desc: 12800, memdesc: 6400 },
    });
  });
});
