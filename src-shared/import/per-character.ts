/**
 * A text transform applied a character at a time from a table, each UTF-16 unit's
 * result worked out once per process (an import transforms a name in every row).
 * Sound only for transforms whose every step looks at one character alone: NFKD
 * decomposes each character on its own (its only reordering is among combining
 * marks), marks and other characters are dropped or replaced one by one, and
 * lower-casing looks at no neighbour except for a capital sigma (final or not).
 * The table holds, per unit, the one unit it becomes, `dropped`, `unknown`, or
 * `whole` for what this way does not cover — a surrogate, a character that
 * becomes several, one that decomposes to a sigma — and a text holding one of
 * those answers null: the caller takes the whole-text way.
 */
const unknown = -3;
const whole = -2;
const dropped = -1;

export function perCharacter(transform: (text: string) => string): (text: string) => string | null {
  const table = new Int32Array(0x10000).fill(unknown);
  const units = new Uint16Array(256);
  const ofUnit = (code: number): number => {
    const char = String.fromCharCode(code);
    if ((code >= 0xd800 && code <= 0xdfff) || char.normalize('NFKD').includes('\u03a3')) return whole;
    const out = transform(char);
    return out.length === 0 ? dropped : out.length === 1 ? out.charCodeAt(0) : whole;
  };
  return (text) => {
    if (text.length > units.length) return null;
    let length = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let unit = table[code] as number;
      if (unit === unknown) unit = table[code] = ofUnit(code);
      if (unit === whole) return null;
      if (unit !== dropped) units[length++] = unit;
    }
    return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  };
}
