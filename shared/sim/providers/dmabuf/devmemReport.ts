// What the devmem state of a NIC reports: its series columns (bindings, devmem bytes, host-memory
// traffic) and its run document section `nics[].devmem`.
import type { EngineApi } from '../../engine/engineApi';
import type { DevmemNicResult } from '../../../doc/runDocument';
import { seriesColumn } from '../../../doc/seriesKeys';
import type { ExtensionColumn } from '../../events/registry';
import { bindingColumns } from './bindingReport';
import type { NicDevmem } from './devmemNicState';

/**
 * Bytes that crossed host DRAM (DDIO off): each readable byte is DMA-written once and copied to
 * user (read + write); a devmem packet's headers are DMA-written to the header buffer and copied
 * into the skb head (1 + 2); its payload goes to the device-memory dma-buf and is never copied.
 */
function hostMemBytes(engine: EngineApi, st: NicDevmem): number {
  return 3 * engine.consumer.copiedBytes[st.nic] + 3 * st.hdrBytes;
}

/** Columns of the NIC's bindings made so far and of its devmem and host-memory bytes. */
export function devmemNicColumns(engine: EngineApi, st: NicDevmem): ExtensionColumn[] {
  const cols: ExtensionColumn[] = [];
  for (const r of st.bound) cols.push(...bindingColumns(r.b, st.name));
  const n = st.name;
  const delta = (key: string, label: string, read: () => number): ExtensionColumn => ({
    meta: seriesColumn.nic(n, key, { unit: 'bytes', kind: 'delta', label: `${n} ${label}` }),
    read,
  });
  cols.push(
    delta('devmem_bytes', 'devmem bytes read as tokens', () => st.bytes),
    delta('host_mem_bytes', 'bytes through host memory', () => hostMemBytes(engine, st)),
    delta(
      'host_mem_bytes_without_devmem',
      'bytes through host memory without devmem',
      () => 3 * (engine.consumer.copiedBytes[st.nic] + st.bytes),
    ),
  );
  return cols;
}

/** The NIC's `devmem` section at the end of a run of `secs` simulated seconds. */
export function devmemNicResult(engine: EngineApi, st: NicDevmem, secs: number): DevmemNicResult {
  const readable = engine.consumer.copiedBytes[st.nic];
  const hdr = st.hdrBytes;
  const hostBytes = hostMemBytes(engine, st);
  const without = 3 * (readable + st.bytes);
  let outstanding = 0,
    calls = 0;
  for (const s of st.socketList) {
    outstanding += s.outstanding;
    calls += s.dontneedCalls;
  }
  return {
    bound_queues: st.dev.rx.flatMap((q, i) => (q.mp ? [i] : [])),
    bind_failures: st.bindFailures,
    efault_skbs: st.efault,
    devmem_packets: st.packets,
    devmem_bytes: st.bytes,
    devmem_header_bytes: hdr,
    tokens_handed: st.tokens,
    tokens_outstanding: outstanding,
    dontneed_calls: calls,
    readable_bytes: readable,
    host_memory_bytes: hostBytes,
    host_memory_gbytes_per_s: hostBytes / secs / 1e9,
    host_memory_bytes_without_devmem: without,
    host_memory_gbytes_per_s_without_devmem: without / secs / 1e9,
  };
}
