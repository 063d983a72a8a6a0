// Fault-injection events: fail_function (debugfs /sys/kernel/debug/fail_function, as
// tools/testing/selftests/drivers/net/hw/pp_alloc_fail.py drives it) and DMA map errors.
// Model page: docs/model/fault-injection.md.
import type { ScenarioEvent } from '../../scenario/schema';
import { registerEventHandler } from './registry';

function attrText(a: { probability: number; interval: number; times: number; space: number }): string {
  return `probability ${a.probability}, interval ${a.interval}, times ${a.times}, space ${a.space}`;
}

registerEventHandler('fail_function', (engine, ev: ScenarioEvent) => {
  if (!('fail_function' in ev)) return;
  const f = ev.fail_function;
  const attr = engine.faults.allocNetmems;
  if (f.inject === 'none') {
    // echo > inject empties the list; the selftest then writes probability 0, times 0
    attr.disable();
    engine.log('info', 'fault', `fail_function: inject list cleared (${attr.injected} failures injected into page_pool_alloc_netmems)`);
    return;
  }
  attr.configure(f);
  engine.log('info', 'fault', `fail_function: page_pool_alloc_netmems returns NULL (${attrText(f)})`);
});

registerEventHandler('dma_map_error', (engine, ev: ScenarioEvent) => {
  if (!('dma_map_error' in ev)) return;
  const f = ev.dma_map_error;
  const attr = engine.faults.dmaMap;
  attr.configure(f);
  if (!attr.armed) engine.log('info', 'fault', `dma_map_error: off (${attr.injected} mapping errors injected)`);
  else engine.log('info', 'fault', `dma_map_error: dma_mapping_error() true for page_pool_dma_map (${attrText(f)})`);
});
