// Which rows each figure may count. A figure names the cells it needs (its `needs`); a row whose
// needed cell could not be read is left out of that figure, and only of that figure: a case with
// 世帯人数 「3人」 is still a new case, and a case with an unreadable 終結日 is left out of 支援中ケース数
// rather than counted as open. Each figure reports how many rows it left out; `data.excludedRows`
// is the number of rows left out of at least one figure.
import { idColumn, sheetDef, SHEET_KEYS, type SheetKey } from '../registry/definition';
import type { Registry } from '../registry/records';
import type { RowFaults } from '../registry/read';
import type { ReadContext } from './compute';

/** Per sheet, the columns a figure reads (the sheet's id column is always read too). */
export type Needs = Partial<Record<SheetKey, readonly string[]>>;

export interface FigureInput {
  /** The registry with the rows this figure cannot read left out. */
  registry: Registry;
  /** Rows left out, per sheet, by record index. */
  dropped: ReadonlyMap<SheetKey, ReadonlySet<number>>;
  leftOut: number;
}

const signature = (needs: Needs): string =>
  (Object.keys(needs) as SheetKey[])
    .sort()
    .map((k) => `${k}:${[...(needs[k] ?? [])].sort().join(',')}`)
    .join(';');

/** The registry each figure may count, made once per distinct set of needs. */
export class FigureInputs {
  private memo = new Map<string, FigureInput>();
  private readonly anyFault: boolean;

  /** Per sheet and reference column: the rows whose reference names no row of its sheet. */
  private readonly unresolved = new Map<SheetKey, Map<string, Set<number>>>();

  private readonly faults: Partial<RowFaults>;

  constructor(
    private readonly registry: Registry,
    read: Pick<ReadContext, 'faults' | 'rows'> = {},
  ) {
    this.faults = read.faults ?? {};
    const faults = this.faults;
    // The read's ids where it has them, else one set per sheet referred to (two columns refer to
    // ケース: 100,000 adds each at scale).
    const idSets = new Map<SheetKey, ReadonlySet<unknown>>();
    const idsOf = (target: SheetKey, targetId: string): ReadonlySet<unknown> => {
      let ids = idSets.get(target) ?? read.rows?.[target]?.ids;
      if (!ids) {
        const made = new Set<unknown>();
        for (const r of registry[target] as ReadonlyArray<Record<string, unknown>>) made.add(r[targetId]);
        ids = made;
      }
      idSets.set(target, ids);
      return ids;
    };
    for (const sheet of SHEET_KEYS) {
      for (const col of sheetDef(sheet).columns) {
        const target = col.references;
        const targetId = target && idColumn(sheetDef(target))?.key;
        if (!targetId) continue;
        const ids = idsOf(target!, targetId);
        const out = new Set<number>();
        (registry[sheet] as ReadonlyArray<Record<string, unknown>>).forEach((r, i) => {
          if (r[col.key] !== undefined && !ids.has(r[col.key])) out.add(i);
        });
        if (out.size) this.unresolved.set(sheet, (this.unresolved.get(sheet) ?? new Map()).set(col.key, out));
      }
    }
    this.anyFault = this.unresolved.size > 0 || SHEET_KEYS.some((k) => (faults[k] ?? []).some((f) => f !== undefined));
  }

  for(needs: Needs): FigureInput {
    // Clean registries (the common case) share one input: nothing to leave out.
    const key = this.anyFault ? signature(needs) : '';
    let input = this.memo.get(key);
    if (!input) {
      input = this.anyFault ? this.select(needs) : { registry: this.registry, dropped: new Map(), leftOut: 0 };
      this.memo.set(key, input);
    }
    return input;
  }

  /** Rows left out of at least one of these figures: `data.excludedRows`. */
  leftOutOfAny(all: readonly Needs[]): number {
    const union = new Map<SheetKey, Set<number>>();
    for (const needs of all)
      for (const [sheet, rows] of this.for(needs).dropped) {
        const u = union.get(sheet) ?? new Set<number>();
        rows.forEach((r) => u.add(r));
        union.set(sheet, u);
      }
    let n = 0;
    union.forEach((rows) => (n += rows.size));
    return n;
  }

  private select(needs: Needs): FigureInput {
    const dropped = new Map<SheetKey, Set<number>>();
    const sheets = Object.keys(needs) as SheetKey[];
    for (const sheet of sheets) {
      const id = idColumn(sheetDef(sheet))?.key;
      const need = new Set<string>(needs[sheet]);
      if (id) need.add(id);
      const faults = this.faults[sheet] ?? [];
      const out = new Set<number>();
      faults.forEach((f, i) => {
        if (f && [...f].some((c) => need.has(c))) out.add(i);
      });
      // A row whose case (or meeting) is not in its sheet, where the figure reads that sheet too: a
      // contact of a case nobody can find is neither plan-based nor pre-plan, it is unknown.
      for (const [key, rows] of this.unresolved.get(sheet) ?? []) {
        const target = sheetDef(sheet).columns.find((c) => c.key === key)?.references;
        if (need.has(key) && target && needs[target]) rows.forEach((i) => out.add(i));
      }
      if (out.size) dropped.set(sheet, out);
    }
    // A row that refers to a left-out row of another needed sheet is left out too: a contact whose
    // case has an unreadable プラン作成日 is neither plan-based nor pre-plan, it is unknown.
    for (const sheet of sheets) {
      for (const col of sheetDef(sheet).columns) {
        const target = col.references;
        if (!target || !needs[sheet]?.includes(col.key) || !dropped.has(target)) continue;
        const targetId = idColumn(sheetDef(target))?.key;
        if (!targetId) continue;
        const targetRows = this.registry[target] as ReadonlyArray<Record<string, unknown>>;
        const gone = new Set<unknown>();
        dropped.get(target)!.forEach((i) => {
          const v = targetRows[i]?.[targetId];
          if (v !== undefined) gone.add(v);
        });
        const rows = this.registry[sheet] as ReadonlyArray<Record<string, unknown>>;
        const out = dropped.get(sheet) ?? new Set<number>();
        rows.forEach((r, i) => {
          if (gone.has(r[col.key])) out.add(i);
        });
        if (out.size) dropped.set(sheet, out);
      }
    }
    if (!dropped.size) return { registry: this.registry, dropped, leftOut: 0 };
    const registry = { ...this.registry } as Record<string, unknown>;
    let leftOut = 0;
    for (const [sheet, rows] of dropped) {
      leftOut += rows.size;
      registry[sheet] = (this.registry[sheet] as readonly unknown[]).filter((_, i) => !rows.has(i));
    }
    return { registry: registry as unknown as Registry, dropped, leftOut };
  }
}
