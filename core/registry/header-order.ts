// The order of a sheet's contract headers, as a sync remembers it. Headers are matched by name
// wherever they stand, so an office may insert its own columns (「No.」, 「備考」) at will; but two
// contract headers that changed places since the last sync (受付日 and 終結日 swapped, 氏名 renamed
// 担当者 and 担当者 renamed 氏名) mean a column's contents no longer match its header, and the next
// sync would send one column's cells as another's. Inserted, removed or office columns keep the
// relative order of the contract's headers and are not a move.
import type { SheetKey } from './definition';
import type { SheetLayout } from './layout';

/** Each sheet's contract keys in column order (office columns left out). */
export type HeaderOrder = Partial<Record<SheetKey, string[]>>;

export function headerOrder(layouts: Partial<Record<SheetKey, Pick<SheetLayout, 'keys'>>>): HeaderOrder {
  const order: HeaderOrder = {};
  for (const key in layouts) {
    const layout = layouts[key as SheetKey];
    if (layout) order[key as SheetKey] = layout.keys.filter((k): k is string => k !== undefined);
  }
  return order;
}

/**
 * The headers that moved between two orders: of the keys both orders hold, those outside the longest
 * run that kept its relative order (a longest increasing subsequence of the earlier positions). A
 * swap of two headers names one of them; a header moved across others names that header.
 */
export function movedHeaders(before: HeaderOrder, now: HeaderOrder): Array<{ sheet: SheetKey; key: string }> {
  const moved: Array<{ sheet: SheetKey; key: string }> = [];
  for (const sheet in now) {
    const was = before[sheet as SheetKey];
    const is = now[sheet as SheetKey];
    if (!was || !is) continue;
    const at = new Map(was.map((k, i) => [k, i]));
    const common = is.filter((k) => at.has(k));
    const kept = longestIncreasing(common.map((k) => at.get(k)!));
    common.forEach((k, i) => {
      if (!kept.has(i)) moved.push({ sheet: sheet as SheetKey, key: k });
    });
  }
  return moved;
}

/** Indexes of one longest strictly increasing subsequence; sheets have tens of columns, so n² is fine. */
function longestIncreasing(xs: readonly number[]): Set<number> {
  const len: number[] = [];
  const prev: number[] = [];
  let end = -1;
  xs.forEach((x, i) => {
    len[i] = 1;
    prev[i] = -1;
    for (let j = 0; j < i; j++)
      if (xs[j]! < x && len[j]! + 1 > len[i]!) {
        len[i] = len[j]! + 1;
        prev[i] = j;
      }
    if (end < 0 || len[i]! > len[end]!) end = i;
  });
  const kept = new Set<number>();
  for (let i = end; i >= 0; i = prev[i]!) kept.add(i);
  return kept;
}
