/**
 * CSV for Excel. Excel opens a double-clicked CSV in the machine's regional
 * flavour: UTF-8 only when the file starts with a byte-order mark (otherwise
 * "Kovács" arrives as "KovÃ¡cs"), and split on `;` wherever the decimal mark is a
 * comma (Hungarian, German, French...), on `,` elsewhere. The writer follows both
 * rules, quotes what needs quoting, and guards cells that Excel would run as a
 * formula.
 */

export const BOM = '\uFEFF';

/** `;` where the locale writes decimals with a comma, `,` elsewhere. */
export function csvSeparatorFor(locale: string): ';' | ',' {
  try {
    const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
    return decimal === ',' ? ';' : ',';
  } catch {
    return ',';
  }
}

function csvCell(value: string, separator: string): string {
  // A leading =, +, - or @ would make Excel evaluate the cell; a quote-prefixed apostrophe keeps it text.
  const safe = /^[=+\-@]/.test(value) && !/^-?\d+([.,]\d+)?$/.test(value) ? `'${value}` : value;
  return safe.includes(separator) || /[\r\n"]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(matrix: readonly (readonly string[])[], separator: ';' | ','): string {
  return BOM + matrix.map((row) => row.map((cell) => csvCell(cell, separator)).join(separator)).join('\r\n') + '\r\n';
}
