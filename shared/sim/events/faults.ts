// Fault-injection events: fail_function (debugfs /sys/kernel/debug/fail_function, as
// tools/testing/selftests/drivers/net/hw/pp_alloc_fail.py drives it) and DMA map errors.
// Model page: docs/model/fault-injection.md.
import type { ScenarioEvent } from '../../scenario/schema';
import type { EventHandler, EventHandlers } from './registry';

import type { FaultAttr } from '../faults/faultAttr';

function attrText(a: FaultAttr): string {
  return `probability ${a.probability}, interval ${a.interval}, times ${a.times}, space ${a.space}`;
}

const failFunction: EventHandler = (engine, ev: ScenarioEvent) => {
  if (!('fail_function' in ev)) return;
  const f = ev.fail_function;
  const attr = engine.faults.allocNetmems;
  attr.configure(f);
  if (f.inject === 'none') {
    // echo > inject empties the list: the function runs normally whatever the knobs say
    attr.enabled = false;
    engine.log('info', 'fault', `fail_function: inject list emptied (${attr.injected} failures injected into page_pool_alloc_netmems)`);
    return;
  }
  if (f.inject !== undefined) attr.enabled = true;
  engine.log(
    'info',
    'fault',
    `fail_function: ${attr.enabled ? 'page_pool_alloc_netmems on the inject list' : 'inject list empty'} (${attrText(attr)})`,
  );
};

const dmaMapError: EventHandler = (engine, ev: ScenarioEvent) => {
  if (!('dma_map_error' in ev)) return;
  const f = ev.dma_map_error;
  const attr = engine.faults.dmaMap;
  attr.configure(f);
  if (!attr.armed) engine.log('info', 'fault', `dma_map_error: off (${attr.injected} mapping errors injected)`);
  else engine.log('info', 'fault', `dma_map_error: dma_mapping_error() may be true for page_pool_dma_map (${attrText(attr)})`);
};

export const FAULT_EVENTS = { fail_function: failFunction, dma_map_error: dmaMapError } satisfies EventHandlers;
