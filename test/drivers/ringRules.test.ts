// Each driver's set_ringparam rule: what it refuses, and the size it programs when it rounds.
import { describe, expect, it } from 'vitest';
import { mlx4MinRxSize, rxRingFor } from '../../shared/sim/drivers/common/ringRules';
import { mlx4Params } from '../../shared/sim/drivers/mlx4/params';
import { hns3Params } from '../../shared/sim/drivers/hns3/params';
import { gveParams } from '../../shared/sim/drivers/gve/params';
import { mt76Params } from '../../shared/sim/drivers/mt76/params';
import { scenarioSchema, type NicConfig } from '../../shared/scenario/schema';

const nic = (over: Record<string, unknown>): NicConfig =>
  scenarioSchema.shape.nics.element.parse({ name: 'eth0', link: '10Gbit', ...over });

describe('RX ring rules per driver', () => {
  it('mlx4 rounds a size up to a power of two (roundup_pow_of_two), it does not refuse it', () => {
    expect(rxRingFor('mlx4', { ring: 1000 })).toEqual({ ok: true, ring: 1024 });
    expect(rxRingFor('mlx4', { ring: 257 })).toEqual({ ok: true, ring: 512 });
    expect(mlx4Params(nic({ driver: 'mlx4', ring: 3000 })).ring).toBe(4096);
    expect(rxRingFor('mlx4', { ring: 255 })).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(rxRingFor('mlx4', { ring: 8193 })).toMatchObject({ ok: false, errno: 'EINVAL' });
  });
  it('mlx4 MLX4_EN_MIN_RX_SIZE follows PAGE_SIZE: PAGE_ALIGN(16384) / SMP_CACHE_BYTES', () => {
    expect([4096, 16384, 65536].map(mlx4MinRxSize)).toEqual([256, 256, 1024]);
    expect(rxRingFor('mlx4', { ring: 512 }, 65536)).toMatchObject({ ok: false, errno: 'EINVAL' });
  });
  it('hns3 refuses outside 72..32760 and aligns up to a multiple of 8', () => {
    expect(rxRingFor('hns3', { ring: 1001 })).toEqual({ ok: true, ring: 1008 });
    expect(rxRingFor('hns3', { ring: 72 })).toEqual({ ok: true, ring: 72 });
    expect(rxRingFor('hns3', { ring: 71 })).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(rxRingFor('hns3', { ring: 32761 })).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(hns3Params(nic({ driver: 'hns3', ring: 1500 })).ring).toBe(1504);
  });
  it('mt76 takes no ring change: 1536 on MMIO, 128 on USB; ethtool refuses against a maximum of 0', () => {
    expect(rxRingFor('mt76', {})).toEqual({ ok: true, ring: 1536 });
    expect(rxRingFor('mt76', { mode: 'usb' })).toEqual({ ok: true, ring: 128 });
    expect(rxRingFor('mt76', { ring: 1024 })).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(() => mt76Params(nic({ driver: 'mt76', ring: 2048 }))).toThrow(/fixed at 1536.*-EINVAL/);
  });
  it('gve: the device range and a power of two; the default size is accepted unchanged', () => {
    const range = { min: 256, max: 4096 };
    expect(rxRingFor('gve', { ring: 2048, ring_range: range })).toEqual({ ok: true, ring: 2048 });
    expect(rxRingFor('gve', { ring: 8192, ring_range: range })).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(rxRingFor('gve', { ring: 1536, ring_range: range })).toMatchObject({ ok: false, errno: 'EINVAL' });
    // no device minimum given: GVE_DEFAULT_MIN_RX_RING_SIZE (512)
    expect(rxRingFor('gve', { ring: 256, ring_range: { max: 4096 } })).toMatchObject({ ok: false, errno: 'EINVAL' });
    // DQO-QPL keeps the default maximum whatever the device says
    expect(rxRingFor('gve', { ring: 2048, mode: 'dqo-qpl', ring_range: range })).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(gveParams(nic({ driver: 'gve', ring: 512, ring_range: range })).ring).toBe(512);
  });
  it('generic keeps its power-of-two ring from 64 to 16384', () => {
    expect(rxRingFor('generic', { ring: 1000 })).toMatchObject({ ok: false, errno: 'EINVAL' });
    expect(rxRingFor('generic', { ring: 64 })).toEqual({ ok: true, ring: 64 });
  });
});
