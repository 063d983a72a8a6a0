import { describe, expect, it } from 'vitest';
import { unreadableCapability, REASON_TEXT } from '../../shared/sim/drivers/conversion/capability';
import { costTableFor } from '../../shared/sim/costs/costTable';
import { helperCosts } from '../../shared/sim/drivers/common/helperCosts';
import { describeGve } from '../../shared/sim/drivers/gve/describe';
import { describeMlx4 } from '../../shared/sim/drivers/mlx4/describe';
import { describeMt76 } from '../../shared/sim/drivers/mt76/describe';
import { describeHns3 } from '../../shared/sim/drivers/hns3/hns3Driver';
import { nicConfig } from './harness';

describe('unreadable capability reasons', () => {
  it('each driver states why its converted variant can or cannot take net_iov', () => {
    const nm = { variant: 'netmem' };
    expect(describeMt76(nicConfig({ driver: 'mt76', ...nm })).capabilities.unreadable_netmem.reasons).toEqual([
      'no_header_split',
      'va_based_buffers',
      'no_queue_api',
      'reads_payload',
    ]);
    expect(describeHns3(nicConfig({ driver: 'hns3', ...nm })).capabilities.unreadable_netmem.reasons).toEqual([
      'no_header_split',
      'va_based_buffers',
      'no_queue_api',
      'reads_payload',
    ]);
    expect(describeHns3(nicConfig({ driver: 'hns3', mode: 'legacy', ...nm })).capabilities.unreadable_netmem.reasons).toContain(
      'no_page_pool',
    );
    expect(describeMlx4(nicConfig({ driver: 'mlx4', ...nm, xdp: 'drop' })).capabilities.unreadable_netmem.reasons).toContain(
      'xdp_attached',
    );
    expect(describeGve(nicConfig({ driver: 'gve', ...nm })).capabilities.unreadable_netmem.reasons).toEqual(['header_split_off']);
  });
  it("the explanation carries every reason's sentence", () => {
    const c = unreadableCapability({
      variant: 'page',
      usesPagePool: true,
      headerSplitSupported: false,
      headerSplitOn: false,
      vaBased: true,
      queueApi: false,
      xdpAttached: false,
      readsPayload: false,
    });
    expect(c.ok).toBe(false);
    for (const r of c.reasons) expect(c.explanation).toContain(REASON_TEXT[r as keyof typeof REASON_TEXT]);
  });
});

describe('conversion cost deltas', () => {
  it('netmem helpers add the measured +1 LSB test; the page variant pays none; compound_head is an estimate', () => {
    expect(costTableFor('xeon-e5-1650-v4', 'netmem', 'off').drv_netmem_lsb_check).toBe(1);
    expect(costTableFor('xeon-e5-1650-v4', 'page', 'off').drv_netmem_lsb_check).toBe(0);
    const page = helperCosts(costTableFor('xeon-e5-1650-v4', 'page', 'off'));
    const nm = helperCosts(costTableFor('xeon-e5-1650-v4', 'netmem', 'off'));
    expect(nm.address - page.address).toBe(1);
    expect(nm.headPage - page.headPage).toBe(1);
    expect(costTableFor('xeon-e5-1650-v4', 'netmem', 'off').pp_netmem_check).toBe(1);
    expect(costTableFor('xeon-e5-1650-v4', 'page', 'off').pp_netmem_check).toBe(0);
  });
});

describe('conversion facts in driver_info', () => {
  it('every modelled driver states the status, the changed call sites and what stays on struct page', async () => {
    const { CONVERSION_FACTS } = await import('../../shared/sim/drivers/conversion/conversionFacts');
    for (const d of ['gve', 'mlx4', 'mt76', 'hns3', 'mlx5'] as const) {
      expect(CONVERSION_FACTS[d].status.length).toBeGreaterThan(10);
      expect(CONVERSION_FACTS[d].changes.length).toBeGreaterThan(0);
      expect(CONVERSION_FACTS[d].unchanged.length).toBeGreaterThan(0);
    }
  });
});
