// What arrives on a NIC's wire: rate, frame sizes, arrival process, flows and their steering.
import { z } from 'zod';
import { bitRate, durationNs, packetRate } from '../fields';

const packetSize = z.union([
  z.number().int().min(60).max(65535),
  z.literal('imix'),
  z
    .object({
      weighted: z.array(z.object({ size: z.number().int().min(60).max(65535), weight: z.number().positive() }).strict()).min(1),
    })
    .strict(),
]);

const arrival = z.union([
  z.enum(['constant', 'poisson']),
  z.object({ on_off: z.object({ on: durationNs(), off: durationNs() }).strict() }).strict(),
]);

export const traffic = z
  .object({
    nic: z.string(),
    // A packet rate parses to `{ pps }` so it stays distinguishable from a bit rate (both are numbers).
    rate: z.union([z.literal('line'), bitRate(), packetRate().transform((pps) => ({ pps }))]).default('line'),
    packet_size: packetSize.default(1518).describe('Ethernet frame bytes incl. FCS, excl. preamble/IFG'),
    arrival: arrival.default('constant'),
    flows: z
      .number()
      .int()
      .min(1)
      .max(1 << 20)
      .default(1)
      .describe('flows, spread over the queues by RSS unless steer_to is given'),
    steer_to: z.array(z.number().int().nonnegative()).min(1).optional().describe('ntuple-steer these flows to queues'),
    protocol: z.enum(['tcp', 'udp']).default('tcp'),
    start: durationNs().default(0),
    stop: durationNs().optional(),
  })
  .strict();
