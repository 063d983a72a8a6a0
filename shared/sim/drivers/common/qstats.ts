// Per-queue statistics as `ynl --family netdev --dump qstats-get` reports them
// (Documentation/netlink/specs/netdev.yaml, struct netdev_queue_stats_rx in
// include/net/netdev_queues.h), summed over the NIC's RX queues. Only drivers with
// netdev_stat_ops answer; `rx-alloc-fail` is filled only by those whose get_queue_stats_rx sets
// alloc_fail. tools/testing/selftests/drivers/net/hw/pp_alloc_fail.py skips a driver without it.
// Model page: docs/model/fault-injection.md.
import type { DriverName } from '../../../doc/names';
import type { QstatsRx } from '../../../doc/runDocument';

/**
 * Which driver counters a driver sums into netdev_queue_stats_rx.alloc_fail; [] when it has
 * netdev_stat_ops but does not fill alloc_fail, null when it has no netdev_stat_ops at all.
 */
export const QSTAT_ALLOC_FAIL: Record<DriverName, readonly string[] | null> = {
  // drivers/net/ethernet/google/gve/gve_main.c gve_get_rx_queue_stats: rx_skb_alloc_fail + rx_buf_alloc_fail
  gve: ['rx_skb_alloc_fail', 'rx_buf_alloc_fail'],
  // drivers/net/ethernet/mellanox/mlx4/en_netdev.c mlx4_get_queue_stats_rx: ring->alloc_fail
  mlx4: ['rx_alloc_fail'],
  // drivers/net/ethernet/mellanox/mlx5/core/en_main.c mlx5e_get_queue_stats_rx: rq_stats->buff_alloc_err
  mlx5: ['rx_buff_alloc_err'],
  // the reference driver is netdevsim-like: drivers/net/netdevsim/netdev.c nsim_get_queue_stats_rx
  // reports packets and bytes only
  generic: [],
  // hns3_enet.c and mt76 register no netdev_stat_ops: qstats-get answers -EOPNOTSUPP
  hns3: null,
  mt76: null,
};

/** qstats-get for one NIC, or null when the driver has no netdev_stat_ops. */
export function nicQstats(driver: DriverName, packets: number, bytes: number, counts: ReadonlyMap<string, number>): QstatsRx | null {
  const src = QSTAT_ALLOC_FAIL[driver];
  if (src === null) return null;
  const q: QstatsRx = { 'rx-packets': packets, 'rx-bytes': bytes };
  if (src.length > 0) q['rx-alloc-fail'] = src.reduce((a, k) => a + (counts.get(k) ?? 0), 0);
  return q;
}
