// struct fault_attr and should_fail_ex (lib/fault-inject.c, 6.18): the fault-injection framework
// the kernel's selftests drive through debugfs (drivers/net/hw/pp_alloc_fail.py writes
// fail_function/{inject,interval,probability,times}). Model page: docs/model/fault-injection.md.
import { Prng } from '../util/prng';

/** The debugfs knobs of one fault_attr. */
export interface FaultAttrConfig {
  /** percent, 0..100: a call that passes the other checks fails with this probability */
  probability: number;
  /** only every interval-th call is a candidate (1: every call) */
  interval: number;
  /** failures left; -1 means unlimited */
  times: number;
  /** calls pass while space (bytes) lasts; each call uses `size` of it */
  space: number;
}

/** A fault_attr as FAULT_ATTR_INITIALIZER leaves it (include/linux/fault-inject.h): nothing fails. */
export class FaultAttr {
  probability = 0;
  interval = 1;
  times = 1;
  space = 0;
  /** the fault point is in use: for fail_function, the function is on the inject list */
  enabled = true;
  /** attr->count: candidate calls seen, kept across reconfiguration like the kernel's */
  count = 0;
  /** failures injected (the model's tally; the kernel prints them only with verbose > 0) */
  injected = 0;
  private readonly prng: Prng;

  constructor(seed: number, name: string) {
    this.prng = new Prng(seed, `fault/${name}`);
  }

  /** Whether any call can fail (probability 0 or times 0 short-cut every check). */
  get armed(): boolean {
    return this.enabled && this.probability !== 0 && this.times !== 0;
  }

  /** Write the given debugfs files; the others keep their values, as in the kernel. */
  configure(c: Partial<FaultAttrConfig>): void {
    if (c.probability !== undefined) this.probability = c.probability;
    if (c.interval !== undefined) this.interval = c.interval;
    if (c.times !== undefined) this.times = c.times;
    if (c.space !== undefined) this.space = c.space;
  }

  /** should_fail(attr, size) in the kernel's order of checks (no task filter, no stacktrace filter). */
  shouldFail(size: number): boolean {
    if (this.probability === 0) return false;
    if (this.times === 0) return false;
    if (this.space > size) {
      this.space -= size;
      return false;
    }
    if (this.interval > 1) {
      this.count++;
      if (this.count % this.interval !== 0) return false;
    }
    // get_random_u32_below(100)
    if (this.probability <= this.prng.nextInt(100)) return false;
    if (this.times !== -1) this.times--;
    this.injected++;
    return true;
  }
}

/**
 * The fault points of a run. `allocNetmems` is fail_function's one fault_attr (fei_fault_attr)
 * with page_pool_alloc_netmems on its inject list: the function returns NULL on entry.
 * `dmaMap` makes dma_mapping_error() true for page_pool_dma_map.
 */
export interface FaultPoints {
  readonly allocNetmems: FaultAttr;
  readonly dmaMap: FaultAttr;
}

export function createFaultPoints(seed: number): FaultPoints {
  const allocNetmems = new FaultAttr(seed, 'fail_function');
  allocNetmems.enabled = false; // the inject list starts empty
  return { allocNetmems, dmaMap: new FaultAttr(seed, 'dma_map') };
}
