// Small-cell suppression for public figures, done here and nowhere else, at publication time:
// internal summaries keep every count, a public one passes through suppressTable once.
//
// Primary: a count from 1 to threshold − 1 is shown as `*` (0 is shown: it identifies nobody).
// Secondary: within a breakdown whose total is shown, a single suppressed cell would be the total
// minus the others, so the next smallest non-zero cell of that breakdown is suppressed as well.
// 「未記入」 is a part like any other: with it the parts of 年代 or 性別 add up to 新規相談件数, so a
// small 未記入 alone would be as easy to work out as any small value.

export const SUPPRESSED = '*';
export type Cell = number | null | typeof SUPPRESSED;

export function isSmall(value: number | null, threshold: number): boolean {
  return value !== null && value >= 1 && value <= threshold - 1;
}

export function suppressPrimary(value: number | null, threshold: number): Cell {
  return isSmall(value, threshold) ? SUPPRESSED : value;
}

/**
 * One breakdown in one column: its total and its parts after primary and secondary suppression.
 * `total` is null when the table shows no total (nothing to recover a cell from).
 */
export function suppressBreakdown(
  total: number | null,
  parts: ReadonlyArray<number | null>,
  threshold: number,
): { total: Cell; parts: Cell[] } {
  const shownTotal = suppressPrimary(total, threshold);
  const out = parts.map((p) => suppressPrimary(p, threshold));
  secondary(shownTotal, parts, out);
  return { total: shownTotal, parts: out };
}

/** Suppresses in `out` the smallest remaining non-zero part where exactly one part is suppressed under a shown total. */
function secondary(shownTotal: Cell, parts: ReadonlyArray<number | null>, out: Cell[]): void {
  if (shownTotal === null || shownTotal === SUPPRESSED) return;
  if (out.filter((c) => c === SUPPRESSED).length !== 1) return;
  let next = -1;
  out.forEach((c, i) => {
    const v = parts[i];
    if (c === SUPPRESSED || v === null || v === undefined || v <= 0) return;
    if (next === -1 || v < (parts[next] as number)) next = i;
  });
  if (next !== -1) out[next] = SUPPRESSED;
}

export interface SuppressionTable {
  /** values[row][column] */
  values: ReadonlyArray<ReadonlyArray<number | null>>;
  /** Rows counting people, cases or donors; others (meetings held, kilograms) are left as they are. */
  sensitive: readonly boolean[];
  /** Breakdowns: the row of their total and the rows of their parts. */
  blocks: ReadonlyArray<{ total: number; parts: readonly number[] }>;
}

/** Every column of a table suppressed independently; returns cells[row][column]. */
export function suppressTable(table: SuppressionTable, threshold: number): Cell[][] {
  const cells: Cell[][] = table.values.map((row, r) =>
    row.map((v) => (table.sensitive[r] ? suppressPrimary(v, threshold) : v)),
  );
  const columns = table.values[0]?.length ?? 0;
  for (const block of table.blocks) {
    if (!table.sensitive[block.total]) continue;
    for (let c = 0; c < columns; c++) {
      const parts = block.parts.map((r) => table.values[r]?.[c] ?? null);
      const out = block.parts.map((r) => cells[r]![c]!);
      secondary(cells[block.total]![c]!, parts, out);
      block.parts.forEach((r, i) => (cells[r]![c] = out[i]!));
    }
  }
  return cells;
}

/** The footnote a public table carries. */
export function suppressionNote(threshold: number): string {
  if (threshold <= 1) return '公表用の集計です（秘匿しきい値が1のため、秘匿した値はありません）。';
  const range = threshold === 2 ? '1' : `1〜${threshold - 1}`;
  return (
    `「${SUPPRESSED}」は秘匿した値です。個人や世帯が特定されないよう、${range}件の値を「${SUPPRESSED}」で表示しています（一次秘匿）。` +
    `内訳のうち秘匿した値が1つだけで合計から逆算できてしまう場合は、次に小さい0でない値も「${SUPPRESSED}」にしています（二次秘匿）。` +
    '会議の開催回数と寄付の重量は個人に関する値ではないため秘匿していません。'
  );
}
