/**
 * Tab-separated text, the way spreadsheets put cells on the clipboard. Excel and
 * LibreOffice quote a cell that holds a tab, a line break or a quote, and end the
 * copied block with a line break; both directions here follow that, so a block
 * copied from the grid pastes into a sheet cell for cell, and a block copied from
 * a sheet (with a multi-line note in it) comes back as the same rows.
 */

function quoteCell(value: string): string {
  return /[\t\r\n"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toTsv(matrix: readonly (readonly string[])[]): string {
  return matrix.map((row) => row.map(quoteCell).join('\t')).join('\r\n');
}

/** Splits clipboard text into rows of cells; a trailing line break and wholly empty trailing rows are dropped. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  while (i < text.length) {
    const ch = text[i] as string;
    if (atCellStart && ch === '"') {
      // A quoted cell runs to the next lone quote; doubled quotes are one quote.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j += 1;
          break;
        }
        value += text[j];
        j += 1;
      }
      if (closed && (j >= text.length || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) {
        cell = value;
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell: keep the quote as text.
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else cell += ch;
    i += 1;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  while (rows.length > 0 && (rows[rows.length - 1] as string[]).every((c) => c.trim() === '')) rows.pop();
  return rows;
}
