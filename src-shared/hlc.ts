/**
 * Hybrid logical clock. Every change entry carries an HLC so that entries written
 * on different machines, offline, order totally and the same way everywhere:
 * wall-clock milliseconds first (so "last writer wins" means what people expect),
 * then a counter (for many writes in one millisecond, or a clock that went back),
 * then the device id as the deterministic tie-break.
 *
 * The string form sorts lexicographically in HLC order, so SQLite can compare,
 * index and MAX() it without parsing: `<ms, 15 digits>-<counter, 5 digits>-<device>`.
 */
export interface Hlc {
  readonly millis: number;
  readonly counter: number;
  readonly deviceId: string;
}

const MAX_COUNTER = 99_999;

export function formatHlc(hlc: Hlc): string {
  return `${String(hlc.millis).padStart(15, '0')}-${String(hlc.counter).padStart(5, '0')}-${hlc.deviceId}`;
}

export function parseHlc(text: string): Hlc {
  const match = /^(\d{15})-(\d{5})-(.+)$/.exec(text);
  if (!match) throw new Error(`Not an HLC timestamp: ${text}`);
  return { millis: Number(match[1]), counter: Number(match[2]), deviceId: match[3] as string };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The next timestamp for a local event: never earlier than the last one this device issued. */
export function tickHlc(last: Hlc | null, nowMillis: number, deviceId: string): Hlc {
  if (!last || nowMillis > last.millis) return { millis: nowMillis, counter: 0, deviceId };
  if (last.counter >= MAX_COUNTER) return { millis: last.millis + 1, counter: 0, deviceId };
  return { millis: last.millis, counter: last.counter + 1, deviceId };
}

/** Merge a timestamp received from another device so later local events sort after it. */
export function receiveHlc(last: Hlc | null, remote: Hlc, nowMillis: number, deviceId: string): Hlc {
  const lastMillis = last?.millis ?? 0;
  const millis = Math.max(lastMillis, remote.millis, nowMillis);
  let counter: number;
  if (millis === lastMillis && millis === remote.millis) counter = Math.max(last?.counter ?? 0, remote.counter) + 1;
  else if (millis === lastMillis) counter = (last?.counter ?? 0) + 1;
  else if (millis === remote.millis) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { millis: millis + 1, counter: 0, deviceId };
  return { millis, counter, deviceId };
}
