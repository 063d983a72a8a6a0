// The host of a scenario: CPU profile and cores, memory per NUMA node, page size, IOMMU mode.
import { z } from 'zod';
import { bytes } from '../fields';
import { cpuProfileData } from '../cpuProfileData';

export const CPU_PROFILES = [
  'xeon-e5-1650-v4',
  'epyc-9684x',
  'epyc-9684x-ibpb',
  'xeon-platinum-8580',
  'xeon-platinum-8481c',
  'seed-8-cycle',
] as const;
export const IOMMU_MODES = ['off', 'passthrough', 'lazy', 'strict'] as const;

/** A list of core numbers (NAPI cores of a NIC, application cores of a consumer). */
export const coreList = z.array(z.number().int().nonnegative()).min(1);

export const host = z
  .object({
    cpu: z
      .object({
        profile: z.enum(CPU_PROFILES).default('xeon-e5-1650-v4').describe('CPU profile: the cycle costs of the cost table'),
        ghz: z.number().positive().max(10).optional().describe("clock; defaults to the profile's"),
        cores: z
          .number()
          .int()
          .min(1)
          .max(1024)
          .default(16)
          .describe('cores 0..cores-1 run NAPI (irq_cores) and the application (app_cores)'),
        profile_file: z
          .string()
          .min(1)
          .max(4096)
          .optional()
          .describe('a profile written by `cli calibrate`, relative to the scenario file and inside its directory; replaces profile'),
        profile_data: cpuProfileData
          .optional()
          .describe('a calibrated profile inline; filled from profile_file when the scenario is loaded'),
      })
      .strict()
      .default({ profile: 'xeon-e5-1650-v4', cores: 16 }),
    memory: z
      .object({
        numa_nodes: z.number().int().min(1).max(8).default(1).describe('NUMA nodes, each with per_node bytes of memory'),
        per_node: bytes().default(64 * 1024 ** 3),
        watermarks: z
          .object({ min: bytes(), low: bytes(), high: bytes() })
          .strict()
          .optional()
          .describe('per node; defaults scale with node size as min_free_kbytes does'),
      })
      .strict()
      .default({ numa_nodes: 1, per_node: 64 * 1024 ** 3 }),
    page_size: bytes()
      .default(4096)
      .refine((n) => n === 4096 || n === 16384 || n === 65536, {
        message: 'must be 4KiB, 16KiB or 64KiB (CONFIG_ARM64_*_PAGES; x86-64 is 4KiB)',
      })
      .describe('PAGE_SIZE of the host kernel: 4KiB (x86-64, arm64 default), 16KiB or 64KiB (arm64, e.g. Kunpeng servers)'),
    // `true` means the x86 default DMA domain (lazy invalidation, DMA-FQ).
    iommu: z
      .union([z.enum(IOMMU_MODES), z.boolean()])
      .default('off')
      .describe(
        'off (no IOMMU: dma-direct); passthrough (iommu.passthrough=1: identity domain, dma-direct too); ' +
          'lazy (DMA-FQ, the x86 default; true means lazy: IOVA + page-table write, IOTLB flushed in batches); ' +
          'strict (iommu.strict=1: the IOTLB is invalidated synchronously on every unmap)',
      )
      .transform((v) => (v === true ? 'lazy' : v === false ? 'off' : v)),
  })
  .strict();
