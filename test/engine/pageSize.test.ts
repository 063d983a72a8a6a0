// host.page_size: PAGE_SIZE as a property of the host, flowing into the page allocator, the
// page_pool's frag and in-flight arithmetic and the drivers' layouts (docs/model/page-size.md).
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/sim/validate/parse';
import { hns3Params } from '../../shared/sim/drivers/hns3/params';
import { mt76Params } from '../../shared/sim/drivers/mt76/params';
import { gveParams } from '../../shared/sim/drivers/gve/params';
import { PageAllocator } from '../../shared/sim/mm/pageAllocator';
import { minFreeKbytes, defaultWatermarks } from '../../shared/sim/mm/watermarks';
import { scenarioSchema } from '../../shared/scenario/schema';
import { baseText } from '../scenario/fixtures';
import { run, scenarioFile } from './helpers';

const nic = (over: Record<string, unknown>) => scenarioSchema.shape.nics.element.parse({ name: 'eth0', link: '25Gbit', ...over });

describe('host.page_size', () => {
  it('accepts 4KiB, 16KiB and 64KiB, defaults to 4KiB, and refuses anything else where it is written', () => {
    const withSize = (v: string) => baseText().replace('  cpu: { cores: 4 }', `  cpu: { cores: 4 }\n  page_size: ${v}`);
    const ok = parseScenario(withSize('64KiB'));
    expect(ok.ok && ok.scenario.host.page_size).toBe(65536);
    const dflt = parseScenario(baseText());
    expect(dflt.ok && dflt.scenario.host.page_size).toBe(4096);
    const bad = parseScenario(withSize('8KiB'));
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors).toEqual([
        {
          path: 'host.page_size',
          line: 5,
          col: 14,
          message: 'must be 4KiB, 16KiB or 64KiB (CONFIG_ARM64_*_PAGES; x86-64 is 4KiB), got "8KiB"',
        },
      ]);
  });

  it('refuses the parts of the model that assume 4 KiB pages, located at the NIC', () => {
    const text = baseText()
      .replace('  cpu: { cores: 4 }', '  cpu: { cores: 4 }\n  page_size: 64KiB')
      .replace('driver: gve', 'driver: mlx4');
    const r = parseScenario(text);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => `${e.path}: ${e.message}`)).toContain(
        "nics[0].driver: the mlx4 model's frag layout is for 4KiB pages; host.page_size is 64 KiB",
      );
  });

  it('hns3: order 0 and 32 buffers per 64 KiB page, pool_size = ring × buffer / page', () => {
    const p64 = hns3Params(nic({ driver: 'hns3', ring: 1024 }), 65536);
    expect([p64.order, p64.pageBytes, p64.buffersPerPage, p64.pool.pool_size, p64.pool.max_len]).toEqual([0, 65536, 32, 32, 65536]);
    const p4 = hns3Params(nic({ driver: 'hns3', ring: 1024 }), 4096);
    expect([p4.order, p4.buffersPerPage, p4.pool.pool_size]).toEqual([0, 2, 512]);
    // hns3_page_order: 4 KiB buffers take order 1 only below 8 KiB pages
    expect(hns3Params(nic({ driver: 'hns3', rx_buf_len: 4096 }), 4096).order).toBe(1);
    expect(hns3Params(nic({ driver: 'hns3', rx_buf_len: 4096 }), 16384).order).toBe(0);
  });

  it('gve and mt76 sync PAGE_SIZE bytes and pack PAGE_SIZE / 2048 buffers per page', () => {
    expect(gveParams(nic({ driver: 'gve' }), 16384).pool.max_len).toBe(16384);
    expect(gveParams(nic({ driver: 'gve' }), 16384).buffersPerPage).toBe(8);
    expect(mt76Params(nic({ driver: 'mt76' }), 65536).pool.max_len).toBe(65536);
  });

  it('the page allocator counts pages of the host size; min_free_kbytes depends on bytes, not pages', () => {
    const GiB = 1024 ** 3;
    const a4 = new PageAllocator({ numaNodes: 1, perNodeBytes: 16 * GiB });
    const a64 = new PageAllocator({ numaNodes: 1, perNodeBytes: 16 * GiB, pageSize: 65536 });
    expect(a64.pageSize).toBe(65536);
    expect(a64.freePagesOf(0) * 16).toBe(a4.freePagesOf(0));
    expect(minFreeKbytes(262144, 65536)).toBe(minFreeKbytes(262144 * 16, 4096));
    const w4 = defaultWatermarks(262144 * 16, 262144 * 16, 4096);
    const w64 = defaultWatermarks(262144, 262144, 65536);
    expect(Math.abs(w64.min * 16 - w4.min)).toBeLessThan(16);
  });

  it('a 64 KiB hns3 run: pools of 64 KiB buffers, inflight-mem in those, the 32-entry ring overflows', () => {
    const base = scenarioFile('hns3-64k-pages.yaml', { duration: 5_000_000 });
    const doc = run(base);
    expect(doc.nics[0].driver_info.buffers_per_page).toBe(32);
    for (const p of doc.pools) {
      expect(p.params.pool_size).toBe(32);
      expect(p.inflight_mem).toBe(p.inflight * 65536);
    }
    const doc4 = run({ ...base, host: { ...base.host, page_size: 4096 } });
    expect(doc4.nics[0].driver_info.buffers_per_page).toBe(2);
    expect(doc4.pools[0].params.pool_size).toBe(512);
    const full = (d: typeof doc) => d.pools.reduce((s, p) => s + p.stats.recycle_ring_full, 0);
    expect(full(doc)).toBeGreaterThan(full(doc4));
  });
});
