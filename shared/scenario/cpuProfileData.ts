// A CPU profile calibrated from a bench_page_pool_simple run (`cli calibrate`): the same cycle
// figures the shipped profiles state (tasklet fast_path, ptr_ring, slow; atomic_inc and lock
// baselines) and the TSC clock. The format of profile files and of `host.cpu.profile_data`.
// How each cost derives from them: shared/sim/costs/costTable.ts and docs/model/measured-data.md.
import { z } from 'zod';

export const ESTIMABLE_FIELDS = ['ptr_ring', 'slow', 'atomic', 'lock'] as const;

export const cpuProfileData = z
  .object({
    name: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-"')
      .describe('profile name, e.g. my-host'),
    label: z.string().max(200).optional().describe('CPU model, as shown in reports'),
    ghz: z.number().positive().max(10).describe('TSC clock in GHz (tsc_interval ÷ time_interval of the bench, or cycles ÷ ns)'),
    fast: z.number().positive().max(100000).describe('tasklet_page_pool01_fast_path cycles per element'),
    ptr_ring: z.number().positive().max(100000).describe('tasklet_page_pool02_ptr_ring cycles per element'),
    slow: z.number().positive().max(100000).describe('tasklet_page_pool03_slow cycles per element'),
    atomic: z.number().nonnegative().max(100000).optional().describe('atomic_inc baseline cycles (default: scaled from the E5-1650 v4)'),
    lock: z
      .number()
      .nonnegative()
      .max(100000)
      .optional()
      .describe('lock (spin_lock+unlock) baseline cycles (default: scaled from the E5-1650 v4)'),
    source: z.string().max(2000).optional().describe('where the figures come from'),
    estimated: z.array(z.enum(ESTIMABLE_FIELDS)).optional().describe('fields the bench output lacked, estimated by the E5-1650 v4 ratios'),
  })
  .strict()
  .superRefine((p, ctx) => {
    // costTable.ts decomposes ptr_ring − fast into recycle_ring and slow − fast into page alloc+free:
    // neither may be negative.
    if (p.ptr_ring < p.fast)
      ctx.addIssue({
        code: 'custom',
        path: ['ptr_ring'],
        message: `must be at least fast (${p.fast}): the ptr_ring loop includes the fast-path alloc`,
      });
    if (p.slow < p.fast)
      ctx.addIssue({
        code: 'custom',
        path: ['slow'],
        message: `must be at least fast (${p.fast}): the slow loop includes the fast-path alloc`,
      });
  });

export type CpuProfileData = z.infer<typeof cpuProfileData>;
