// Small-cell suppression for public figures, done here and nowhere else, at publication time:
// internal summaries keep every count, a public one passes through suppressTable and
// suppressYearToDate once.
//
// Primary: a count from 1 to threshold − 1 is shown as `*` (0 is shown: it identifies nobody).
// Secondary: within a breakdown whose total is shown, a single suppressed cell would be the total
// minus the others, so the next smallest non-zero cell of that breakdown is suppressed as well; so
// are hidden cells that add up to exactly as many as there are of them (two hidden cells making 2:
// a `*` is never 0, so each is 1). See suppressTable.
// 「未記入」 is a part like any other: with it the parts of 年代 or 性別 add up to 新規相談件数, so a
// small 未記入 alone would be as easy to work out as any small value.
//
// The public tables of one registry are read together: each month's table, its 前年同月 column
// (last year's 当月) and the twelve months of its chart. A 当月 column is suppressed on its own
// month's counts alone, so a month's 当月 is the same cell for cell wherever it is printed. The
// 年度累計 is open to differencing (年度累計 − 当月 is last month's 年度累計; this month's 年度累計 −
// last month's is this month's 当月), so it is protected as a table linked to the months' tables
// (consistent suppression of linked tables: Hundepool et al., Statistical Disclosure Control,
// Wiley 2012, doi:10.1002/9781118348239), across the releases of the fiscal year: a flow's
// 年度累計 is shown only while every 当月 of that row so far this fiscal year is shown — it is then
// the sum of published numbers and adds nothing an attacker could difference — and is `*` from
// the first month the row's 当月 was `*` to the end of the fiscal year. A stock (支援中ケース数) is
// counted on the month's last day in both columns: its 年度累計 is its 当月, cell for cell.
// See suppressYearToDate; tests/core/summary/disclosure.test.ts attacks all the tables of a registry.
//
// A stock is tied to the flows of its month: 支援中(m) − 支援中(m − 1) = 新規相談(m) − 終結(m)
// (うち本人同意あり likewise, with flows of its own). Published exactly, two months' stocks would give
// back a hidden 新規相談 or 終結; rounded to a base they still do (over a year the rounding bands of
// the months, each shifted by the published flows, pin the stock to one value: measured by the
// attacker in tests/core/summary/disclosure.test.ts). So a public table withholds the stocks altogether
// (`*` for any count but 0; the internal table has them): with no stock published, the identity has
// nothing to work with. See withholdStock.

export const SUPPRESSED = '*';
export type Cell = number | null | typeof SUPPRESSED;

export function isSmall(value: number | null, threshold: number): boolean {
  return value !== null && value >= 1 && value <= threshold - 1;
}

export function suppressPrimary(value: number | null, threshold: number): Cell {
  return isSmall(value, threshold) ? SUPPRESSED : value;
}

/**
 * One breakdown in one column: its total and its parts after primary and secondary suppression
 * (suppressTable with this one block). `total` is null when the table shows no total (nothing to
 * recover a cell from); `addsUp` says the parts sum to the total (every record under one value).
 */
export function suppressBreakdown(
  total: number | null,
  parts: ReadonlyArray<number | null>,
  threshold: number,
  addsUp = true,
): { total: Cell; parts: Cell[] } {
  const values = [[total], ...parts.map((p) => [p])];
  const cells = suppressTable(
    {
      values,
      sensitive: values.map(() => true),
      blocks: [{ total: 0, parts: parts.map((_, i) => i + 1), addsUp }],
    },
    threshold,
  );
  return { total: cells[0]![0]!, parts: cells.slice(1).map((r) => r[0]!) };
}

export interface SuppressionBlock {
  /** The row of the breakdown's total. */
  total: number;
  /** The rows of its parts. */
  parts: readonly number[];
  /**
   * Every record counts under exactly one part, so the parts sum to the total (年代, 性別, エリア…);
   * not so for 分野 and 課題, where a record may count under several.
   */
  addsUp: boolean;
}

export interface SuppressionTable {
  /** values[row][column] */
  values: ReadonlyArray<ReadonlyArray<number | null>>;
  /** Rows counting people, cases or donors; others (meetings held, kilograms) are left as they are. */
  sensitive: readonly boolean[];
  /** Breakdowns: the row of their total and the rows of their parts. */
  blocks: readonly SuppressionBlock[];
}

/**
 * Every column of a table suppressed independently; returns cells[row][column]. After primary
 * suppression, each breakdown under a sensitive total is made safe, block after block until none
 * changes (several breakdowns share one total):
 * - under a shown total, while the hidden parts could be worked out — a single one (the total minus
 *   the others), or, where the parts add up, hidden parts summing to their number (a `*` is never
 *   0, so each would be 1) — the smallest shown non-zero part is hidden too; where the parts add
 *   up and none is left to hide, the total is hidden instead;
 * - under a hidden total, parts all shown would give it back — their sum where they add up, and
 *   where a record counts under one value or more (分野, 課題) the total lies between the largest
 *   part and their sum: one non-zero part alone is the total — so the smallest non-zero one is
 *   hidden. (A total hidden as small has only small parts, hidden already.)
 */
export function suppressTable(table: SuppressionTable, threshold: number): Cell[][] {
  const cells: Cell[][] = table.values.map((row, r) =>
    row.map((v) => (table.sensitive[r] ? suppressPrimary(v, threshold) : v)),
  );
  const columns = table.values[0]?.length ?? 0;
  for (let c = 0; c < columns; c++) {
    const value = (r: number) => table.values[r]?.[c] ?? null;
    const hidden = (r: number) => cells[r]![c] === SUPPRESSED;
    /** The smallest shown non-zero part (the first of equals), or -1. */
    const nextPart = (parts: readonly number[]) => {
      let next = -1;
      for (const r of parts) {
        const v = value(r);
        if (hidden(r) || v === null || v <= 0) continue;
        if (next === -1 || v < value(next)!) next = r;
      }
      return next;
    };
    const recoverable = (block: SuppressionBlock) => {
      const shut = block.parts.filter(hidden);
      if (shut.length === 1) return true;
      const sum = shut.reduce((n, r) => n + (value(r) ?? 0), 0);
      return block.addsUp && shut.length > 1 && sum === shut.length;
    };
    /** Hides what `block` needs hidden; true when a cell changed. */
    const protect = (block: SuppressionBlock): boolean => {
      const total = cells[block.total]![c]!;
      if (total === null) return false;
      if (total === SUPPRESSED) {
        if (block.parts.some(hidden)) return false;
        const next = nextPart(block.parts);
        if (next === -1) return false;
        cells[next]![c] = SUPPRESSED;
        return true;
      }
      let changed = false;
      while (recoverable(block)) {
        const next = nextPart(block.parts);
        if (next !== -1) {
          cells[next]![c] = SUPPRESSED;
          changed = true;
          continue;
        }
        if (block.addsUp) {
          cells[block.total]![c] = SUPPRESSED;
          return true;
        }
        break;
      }
      return changed;
    };
    const blocks = table.blocks.filter((b) => table.sensitive[b.total]);
    for (let changed = true; changed;) {
      changed = false;
      for (const block of blocks) if (protect(block)) changed = true;
    }
  }
  return cells;
}

/** A stock (支援中ケース数) as a public table shows it: `*` for any count but 0; 0 and null as they are. */
export function withholdStock(value: Cell): Cell {
  return value === null || value === 0 ? value : SUPPRESSED;
}

/** What suppressYearToDate needs to know of a row. */
export interface YearToDateRow {
  /** Counts people or cases (suppressed when small); other rows are shown as they are. */
  sensitive: boolean;
  /** Counted on the period's last day: its 年度累計 is its 当月. */
  stock: boolean;
}

/**
 * The public 年度累計 column, from the public 当月 columns of the fiscal year's months so far
 * (`months[0]` its first month, the last one this month: cells[month][row]). A flow's cell is
 * shown only when none of the row's 当月 cells of these months is `*`: it is then the sum of shown
 * 当月 counts — none of them small, so neither is the sum — and no difference of published numbers
 * (年度累計 − 当月, this month's 年度累計 − last month's, a total − its parts) can give back a hidden
 * one; otherwise `*`, whatever its size, for the rest of the fiscal year. Depends on no month
 * after this one, so a month's table is the same whichever months are published.
 */
export function suppressYearToDate(
  values: ReadonlyArray<number | null>,
  months: ReadonlyArray<ReadonlyArray<Cell>>,
  rows: readonly YearToDateRow[],
): Cell[] {
  const thisMonth = months[months.length - 1];
  if (!thisMonth) throw new Error('suppressYearToDate needs this month’s 当月 column');
  return values.map((v, r) => {
    const row = rows[r]!;
    if (!row.sensitive || v === null) return v;
    if (row.stock) return thisMonth[r]!;
    return months.some((m) => m[r] === SUPPRESSED) ? SUPPRESSED : v;
  });
}

/** The footnote a public table carries. */
export function suppressionNote(threshold: number): string {
  if (threshold <= 1) return '公表用の集計です（秘匿しきい値が1のため、秘匿した値はありません）。';
  const range = threshold === 2 ? '1' : `1〜${threshold - 1}`;
  return (
    `「${SUPPRESSED}」は秘匿した値です。個人や世帯が特定されないよう、${range}件の値を「${SUPPRESSED}」で表示しています（一次秘匿）。` +
    `内訳のうち秘匿した値が1つだけで合計から逆算できてしまう場合や、秘匿した値がすべて1だと分かってしまう場合は、次に小さい0でない値も「${SUPPRESSED}」にしています（二次秘匿）。` +
    `年度累計は、その年度に当月を一度でも「${SUPPRESSED}」にした行では、年度末まで「${SUPPRESSED}」にしています（前の月の表や当月との差から逆算されないため）。` +
    `支援中ケース数とうち本人同意ありは、前の月との差から新規相談件数や終結件数が逆算されないよう、公表用では「${SUPPRESSED}」にしています（0件のときは0。内部用には実数があります）。` +
    '会議の開催回数と寄付の重量は個人に関する値ではないため秘匿していません。'
  );
}
