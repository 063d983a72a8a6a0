// The layout formula of docs/model/metadata.md written out independently of the model's code,
// and the checks every run's metadata must pass, shared by the shipped-scenario and property tests.
import { expect } from 'vitest';
import type { HeldBuffers, MetadataLayout, RunDocument } from '../../shared/doc/runDocument';
import { nicMetadataFigures, poolMetadataFigures } from '../../shared/doc/derived/metadataFigures';

/** struct page 64 B per 4 KiB page; memdesc 8 B per page + 48 B per pool buffer; net_iov 64 B; driver pages 64 B per page. */
export function expectedBytes(layout: MetadataLayout, h: HeldBuffers): number {
  let b = h.net_iovs * 64;
  for (let o = 0; o < h.pool_pages_by_order.length; o++) {
    const n = h.pool_pages_by_order[o];
    b += layout === 'memdesc' ? n * (2 ** o * 8 + 48) : n * 2 ** o * 64;
  }
  for (let o = 0; o < h.driver_pages_by_order.length; o++) b += h.driver_pages_by_order[o] * 2 ** o * 64;
  return b;
}

const LAYOUTS: MetadataLayout[] = ['struct_page', 'netmem_desc', 'memdesc'];

/** Per NIC: bytes = formula(measured peak); non-zero where anything was held; peak bounded by its parts. */
export function checkRunMetadata(doc: RunDocument, where: string): void {
  for (const nic of doc.nics) {
    const at = `${where} ${nic.name}`;
    const m = nic.metadata;
    expect(m, `${at}: metadata`).toBeDefined();
    if (!m) continue;
    const pools = doc.pools.filter((p) => p.nic === nic.name);
    const poolPeaks = pools.map((p) => poolMetadataFigures(p).descriptors);
    for (const p of pools) {
      const h: HeldBuffers =
        p.provider !== 'pages'
          ? { pool_pages_by_order: [0], net_iovs: p.peak_inflight, driver_pages_by_order: [0] }
          : {
              pool_pages_by_order: [...new Array<number>(p.params.order).fill(0), p.peak_inflight],
              net_iovs: 0,
              driver_pages_by_order: [0],
            };
      for (const l of LAYOUTS) expect(p.metadata?.bytes[l], `${at} pool ${p.id} ${l}`).toBe(expectedBytes(l, h));
    }
    const sumParts = poolPeaks.reduce((a, b) => a + b, 0) + m.peak_driver_descriptors;
    const maxPart = Math.max(0, m.peak_driver_descriptors, ...poolPeaks);
    expect(m.peak_descriptors, `${at}: NIC peak ≤ Σ pool peaks + driver peak`).toBeLessThanOrEqual(sumParts);
    expect(m.peak_descriptors, `${at}: NIC peak ≥ max(pool peaks, driver peak)`).toBeGreaterThanOrEqual(maxPart);
    const f = nicMetadataFigures(nic);
    for (const l of LAYOUTS) {
      expect(m.bytes[l], `${at} ${l} = formula(peak)`).toBe(expectedBytes(l, m.peak));
      expect(f?.bytes[l], `${at} ${l}: shown = stored`).toBe(m.bytes[l]);
      if (maxPart > 0) expect(m.bytes[l], `${at} ${l}: held buffers, non-zero metadata`).toBeGreaterThan(0);
    }
  }
}
