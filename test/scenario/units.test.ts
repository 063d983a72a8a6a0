import { describe, expect, it } from 'vitest';
import { bitRate, bytes, durationNs, packetRate } from '../../shared/scenario/fields';
import {
  formatBitRate,
  formatBytes,
  formatDurationNs,
  parseBitRate,
  parseBytes,
  parseDuration,
  parsePacketRate,
} from '../../shared/doc/units';

const ok = (v: number) => ({ ok: true, value: v });

describe('units: every unit parses to the base unit', () => {
  it.each([
    ['100ns', 100],
    ['50us', 50_000],
    ['50µs', 50_000],
    ['1.5ms', 1_500_000],
    ['2s', 2e9],
    ['1min', 60e9],
    [' 20 us ', 20_000],
  ])('duration %j → %d ns', (input, ns) => {
    expect(parseDuration(input)).toEqual(ok(ns));
    expect(durationNs().parse(input)).toBe(ns);
  });
  it.each([
    [4096, 4096],
    ['4096B', 4096],
    ['1.5KiB', 1536],
    ['64MiB', 64 * 2 ** 20],
    ['4GiB', 4 * 2 ** 30],
    ['1TiB', 2 ** 40],
    ['1kB', 1000],
    ['1KB', 1000],
    ['2MB', 2e6],
    ['3GB', 3e9],
    ['1TB', 1e12],
  ])('size %j → %d bytes', (input, b) => {
    expect(parseBytes(input)).toEqual(ok(b));
    expect(bytes().parse(input)).toBe(b);
  });
  it.each([
    ['200Gbit', 200e9],
    ['25Gbit/s', 25e9],
    ['10Gbps', 10e9],
    ['100Mbit', 100e6],
    ['1.5Tbit', 1.5e12],
    ['9600bit/s', 9600],
    ['1kbit', 1000],
  ])('bit rate %j → %d bit/s', (input, bps) => {
    expect(parseBitRate(input)).toEqual(ok(bps));
    expect(bitRate().parse(input)).toBe(bps);
  });
  it.each([
    ['10Mpps', 10e6],
    ['1.5Gpps', 1.5e9],
    ['800kpps', 800e3],
    ['64pps', 64],
  ])('packet rate %j → %d pps', (input, pps) => {
    expect(parsePacketRate(input)).toEqual(ok(pps));
    expect(packetRate().parse(input)).toBe(pps);
  });
});

describe('units: bad forms are rejected with what was expected', () => {
  it.each([
    ['2', 'a bare number is ambiguous'],
    [2, 'number'],
    ['2 sec', 'unknown unit'],
    ['-1s', 'negative'],
    ['', 'empty'],
    [null, 'null'],
    ['1e3us', 'exponent not in the schema pattern'],
    ['5 ms ms', 'junk'],
    ['2S', 'case matters'],
  ] as [unknown, string][])('duration %j (%s)', (input) => {
    const r = durationNs().safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toMatch(/duration such as 50us, 1.5ms or 2s/);
  });
  it.each([['4 GX'], [-1], ['4gib'], ['GiB'], ['4 GiB free'], [true]])('size %j', (input) => {
    expect(bytes().safeParse(input).success).toBe(false);
  });
  it.each([[200], ['200GB'], ['200G'], ['fast'], ['10Gbit/ms']])('bit rate %j', (input) => {
    expect(bitRate().safeParse(input).success).toBe(false);
  });
  it.each([['10M'], [10e6], ['10Mpp'], ['10 Mbit']])('packet rate %j', (input) => {
    expect(packetRate().safeParse(input).success).toBe(false);
  });
  it('parsers report the expected form', () => {
    expect(parseDuration('2')).toEqual({ ok: false, expected: 'a duration such as 50us, 1.5ms or 2s' });
    expect(parseBytes('4 GX')).toEqual({ ok: false, expected: 'a size such as 4096, 64MiB or 4GiB' });
    expect(parseBitRate(5)).toEqual({ ok: false, expected: 'a bit rate such as 25Gbit/s or 200Gbit' });
  });
});

describe('units: formatting', () => {
  it('durations, sizes and rates format as people write them', () => {
    expect(formatDurationNs(1_500_000)).toBe('1.5ms');
    expect(formatDurationNs(2e9)).toBe('2s');
    expect(formatDurationNs(50_000)).toBe('50us');
    expect(formatBytes(64 * 2 ** 20)).toBe('64 MiB');
    expect(formatBitRate(200e9)).toBe('200 Gbit/s');
  });
});
