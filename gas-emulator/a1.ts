// A1 notation: column letters are bijective base 26 (A = 1, Z = 26, AA = 27).
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface GridBox {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** `B2`, `A1:C3`; whole columns/rows (`A:A`, `2:2`) are bounded by the sheet's size. */
export function parseA1(a1: string, maxRows: number, maxCols: number): GridBox | null {
  const m = /^\$?([A-Za-z]*)\$?(\d*)(?::\$?([A-Za-z]*)\$?(\d*))?$/.exec(a1.trim());
  if (!m) return null;
  const [, c1 = '', r1 = '', c2raw, r2raw] = m;
  if (!c1 && !r1) return null;
  const single = c2raw === undefined && r2raw === undefined;
  const c2 = single ? c1 : (c2raw ?? '');
  const r2 = single ? r1 : (r2raw ?? '');
  const col1 = c1 ? columnNumber(c1) : 1;
  const col2 = c2 ? columnNumber(c2) : maxCols;
  const row1 = r1 ? Number(r1) : 1;
  const row2 = r2 ? Number(r2) : maxRows;
  const top = Math.min(row1, row2);
  const left = Math.min(col1, col2);
  return { row: top, col: left, numRows: Math.abs(row2 - row1) + 1, numCols: Math.abs(col2 - col1) + 1 };
}

export function toA1(box: GridBox): string {
  const start = `${columnLetter(box.col)}${box.row}`;
  if (box.numRows === 1 && box.numCols === 1) return start;
  return `${start}:${columnLetter(box.col + box.numCols - 1)}${box.row + box.numRows - 1}`;
}
