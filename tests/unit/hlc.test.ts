import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, parseHlc, receiveHlc, tickHlc } from '../../src-shared/hlc';

describe('hybrid logical clock', () => {
  it('round-trips through its string form', () => {
    const hlc = { millis: 1_773_136_800_000, counter: 42, deviceId: '0190-abc' };
    expect(parseHlc(formatHlc(hlc))).toEqual(hlc);
  });

  it('sorts as strings in time order, then counter, then device', () => {
    const a = formatHlc({ millis: 9_000, counter: 5, deviceId: 'z' });
    const b = formatHlc({ millis: 10_000, counter: 0, deviceId: 'a' });
    const c = formatHlc({ millis: 10_000, counter: 1, deviceId: 'a' });
    const d = formatHlc({ millis: 10_000, counter: 1, deviceId: 'b' });
    expect([d, c, b, a].sort()).toEqual([a, b, c, d]);
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(d, c)).toBe(1);
    expect(compareHlc(c, c)).toBe(0);
  });

  it('never goes backwards when the wall clock does', () => {
    const first = tickHlc(null, 5_000, 'dev');
    const second = tickHlc(first, 4_000, 'dev');
    expect(second.millis).toBe(5_000);
    expect(second.counter).toBe(1);
    expect(compareHlc(formatHlc(first), formatHlc(second))).toBe(-1);
  });

  it('counts up within one millisecond and resets when time moves on', () => {
    let hlc = tickHlc(null, 1_000, 'dev');
    hlc = tickHlc(hlc, 1_000, 'dev');
    hlc = tickHlc(hlc, 1_000, 'dev');
    expect(hlc).toEqual({ millis: 1_000, counter: 2, deviceId: 'dev' });
    expect(tickHlc(hlc, 1_001, 'dev')).toEqual({ millis: 1_001, counter: 0, deviceId: 'dev' });
  });

  it('rolls into the next millisecond instead of overflowing the counter', () => {
    expect(tickHlc({ millis: 1_000, counter: 99_999, deviceId: 'dev' }, 1_000, 'dev')).toEqual({
      millis: 1_001,
      counter: 0,
      deviceId: 'dev',
    });
  });

  it('orders local events after a remote timestamp from a machine whose clock runs ahead', () => {
    const local = tickHlc(null, 1_000, 'laptop');
    const remote = { millis: 60_000, counter: 3, deviceId: 'assistant' };
    const merged = receiveHlc(local, remote, 1_500, 'laptop');
    expect(merged).toEqual({ millis: 60_000, counter: 4, deviceId: 'laptop' });
    const next = tickHlc(merged, 2_000, 'laptop');
    expect(compareHlc(formatHlc(remote), formatHlc(next))).toBe(-1);
  });

  it('refuses text that is not an HLC', () => {
    expect(() => parseHlc('2026-03-01T10:00:00Z')).toThrow(/Not an HLC/);
  });
});
