// One sheet: a grid of cells with values, formulas, notes, backgrounds, number formats and data
// validation, plus frozen rows and protections. Rows and columns are 1-based, as in Apps Script.
import type { CallLog } from './calls';
import { parseA1, type GridBox } from './a1';
import { FakeProtection, ProtectionType, type ProtectionKind } from './protection';
import { FakeRange } from './range';
import { FakeRangeList } from './range-list';
import type { FakeDataValidation } from './data-validation';
import { FakeEmbeddedChart, FakeEmbeddedChartBuilder } from './charts';
import { EMPTY, fromStored, type Stored } from './values';
import { displayValue } from './display';

export interface SheetHost {
  readonly log: CallLog;
  timeZone(): string;
  dateCtor(): DateConstructor;
}

export interface Cell extends Stored {
  note: string;
  background: string | null;
  numberFormat: string;
  fontWeight: 'normal' | 'bold';
  validation: FakeDataValidation | null;
}

export const blankCell = (): Cell => ({
  value: EMPTY.value,
  formula: EMPTY.formula,
  note: '',
  background: null,
  numberFormat: '',
  fontWeight: 'normal',
  validation: null,
});

export class FakeSheet {
  private rows: Array<Array<Cell | undefined> | undefined> = [];
  private frozenRows = 0;
  private protections: FakeProtection[] = [];
  private charts: FakeEmbeddedChart[] = [];
  private nextChartId = 1;
  /** Merged blocks (Range.merge, mergeVertically): each shows its top-left cell's value only. */
  private merges: GridBox[] = [];
  /** Column widths in pixels that a script set (Sheets' default is 100). */
  private readonly widths = new Map<number, number>();

  constructor(
    readonly host: SheetHost,
    private name: string,
    private readonly sheetId: number,
    private maxRows = 1000,
    private maxCols = 26,
  ) {}

  private rec(method: string): void {
    this.host.log.record(`Sheet.${method}`);
  }

  /** Emulator internals (no call is counted). */
  cell(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  cellForWrite(row: number, col: number): Cell {
    const r = (this.rows[row - 1] ??= []);
    return (r[col - 1] ??= blankCell());
  }

  get size(): { rows: number; cols: number } {
    return { rows: this.maxRows, cols: this.maxCols };
  }

  private bounds: { row: number; col: number } | null = null;

  /** Values changed: the last row/column with content must be found again. */
  touch(): void {
    this.bounds = null;
  }

  private lastContent(): { row: number; col: number } {
    if (this.bounds) return this.bounds;
    let row = 0;
    let col = 0;
    this.rows.forEach((r, i) => {
      r?.forEach((c, j) => {
        if (c && (c.value !== '' || c.formula !== '')) {
          row = Math.max(row, i + 1);
          col = Math.max(col, j + 1);
        }
      });
    });
    this.bounds = { row, col };
    return this.bounds;
  }

  getName(): string {
    this.rec('getName');
    return this.name;
  }
  setName(name: string): this {
    this.rec('setName');
    this.name = name;
    return this;
  }
  nameForHost(): string {
    return this.name;
  }
  getSheetId(): number {
    this.rec('getSheetId');
    return this.sheetId;
  }
  idForHost(): number {
    return this.sheetId;
  }
  getLastRow(): number {
    this.rec('getLastRow');
    return this.lastContent().row;
  }
  getLastColumn(): number {
    this.rec('getLastColumn');
    return this.lastContent().col;
  }
  getMaxRows(): number {
    this.rec('getMaxRows');
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.rec('getMaxColumns');
    return this.maxCols;
  }
  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.rec('insertRowsAfter');
    if (afterPosition < 1 || afterPosition > this.maxRows) throw new Error('Those rows are out of bounds.');
    // New rows take the formats of the row they follow (number format, validation, colour), as
    // inserting rows below a formatted row does in Sheets; values and notes start empty.
    const model = this.rows[afterPosition - 1];
    const fresh = Array.from({ length: howMany }, () =>
      model?.map((c) =>
        c
          ? {
              ...blankCell(),
              numberFormat: c.numberFormat,
              validation: c.validation,
              background: c.background,
              fontWeight: c.fontWeight,
            }
          : undefined,
      ),
    );
    this.rows.splice(afterPosition, 0, ...fresh);
    this.touch();
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.rec('insertColumnsAfter');
    if (afterPosition < 1 || afterPosition > this.maxCols) throw new Error('Those columns are out of bounds.');
    for (const r of this.rows) r?.splice(afterPosition, 0, ...new Array<undefined>(howMany).fill(undefined));
    this.touch();
    this.maxCols += howMany;
    return this;
  }
  setFrozenRows(rows: number): void {
    this.rec('setFrozenRows');
    this.frozenRows = rows;
  }
  getFrozenRows(): number {
    this.rec('getFrozenRows');
    return this.frozenRows;
  }
  setColumnWidth(col: number, width: number): this {
    this.rec('setColumnWidth');
    this.widths.set(col, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    this.rec('setColumnWidths');
    for (let c = startColumn; c < startColumn + numColumns; c++) this.widths.set(c, width);
    return this;
  }
  getColumnWidth(col: number): number {
    this.rec('getColumnWidth');
    return this.widths.get(col) ?? 100;
  }
  autoResizeColumns(_start: number, _num: number): this {
    this.rec('autoResizeColumns');
    return this;
  }
  clearContents(): this {
    this.rec('clearContents');
    for (const r of this.rows) r?.forEach((c) => c && Object.assign(c, EMPTY));
    this.touch();
    return this;
  }
  /**
   * Content and formats (or only one of them). Charts, protections, frozen rows and column widths
   * are not cell content: they stay, as in Sheets.
   */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    this.rec('clear');
    if (options?.contentsOnly && !options.formatOnly) {
      for (const r of this.rows) r?.forEach((c) => c && Object.assign(c, EMPTY));
    } else if (options?.formatOnly && !options.contentsOnly) {
      for (const r of this.rows)
        r?.forEach((c) => c && Object.assign(c, { background: null, numberFormat: '', fontWeight: 'normal' }));
    } else this.rows = [];
    this.touch();
    return this;
  }

  getRange(a: number | string, col?: number, numRows?: number, numCols?: number): FakeRange {
    this.rec('getRange');
    if (typeof a === 'string') {
      const box = parseA1(a, this.maxRows, this.maxCols);
      if (!box) throw new Error(`Range not found`);
      return this.rangeAt(box.row, box.col, box.numRows, box.numCols);
    }
    return this.rangeAt(a, col ?? NaN, numRows ?? 1, numCols ?? 1);
  }

  /** Bounds checks with the messages Apps Script gives. */
  rangeAt(row: number, col: number, numRows: number, numCols: number): FakeRange {
    if (![row, col, numRows, numCols].every((n) => Number.isInteger(n))) {
      throw new Error(
        "The parameters (number,number,number,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
      );
    }
    if (row < 1) throw new Error('The starting row of the range is too small.');
    if (col < 1) throw new Error('The starting column of the range is too small.');
    if (numRows < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (numCols < 1) throw new Error('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.maxRows || col + numCols - 1 > this.maxCols) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, row, col, numRows, numCols);
  }

  getRangeList(a1Notations: string[]): FakeRangeList {
    this.rec('getRangeList');
    if (!Array.isArray(a1Notations)) throw new Error('Invalid argument: a1Notations');
    const ranges = a1Notations.map((a) => {
      const box = parseA1(String(a), this.maxRows, this.maxCols);
      if (!box) throw new Error('Range not found');
      return this.rangeAt(box.row, box.col, box.numRows, box.numCols);
    });
    return new FakeRangeList(this.host.log, ranges);
  }

  /**
   * The values of a rectangle in one call. A -1 for the number of rows or columns means "to the last
   * row or column with data" (Apps Script's documented shorthand): on an empty sheet that is zero
   * rows, which Apps Script refuses as it refuses any range of no rows.
   */
  getSheetValues(
    row: number,
    col: number,
    numRows: number,
    numCols: number,
  ): Array<Array<string | number | boolean | Date>> {
    this.rec('getSheetValues');
    const last = this.lastContent();
    const rows = numRows === -1 ? last.row - row + 1 : numRows;
    const cols = numCols === -1 ? last.col - col + 1 : numCols;
    return this.rangeAt(row, col, rows, cols).valuesForHost();
  }

  /** Emulator internals (no call counted): the merged blocks, and merging one (see FakeRange.merge). */
  mergesForHost(): readonly GridBox[] {
    return this.merges;
  }
  setMergesForHost(merges: GridBox[]): void {
    this.merges = merges;
  }

  getDataRange(): FakeRange {
    this.rec('getDataRange');
    const last = this.lastContent();
    return this.rangeAt(1, 1, Math.max(1, last.row), Math.max(1, last.col));
  }

  protect(): FakeProtection {
    this.rec('protect');
    const p = new FakeProtection(this, ProtectionType.SHEET, null);
    this.protections.push(p);
    return p;
  }
  addProtection(p: FakeProtection): void {
    this.protections.push(p);
  }
  dropProtection(p: FakeProtection): void {
    this.protections = this.protections.filter((x) => x !== p);
  }
  getProtections(type: ProtectionKind): FakeProtection[] {
    this.rec('getProtections');
    return this.protections.filter((p) => p.getProtectionType() === type);
  }
  newChart(): FakeEmbeddedChartBuilder {
    this.rec('newChart');
    return new FakeEmbeddedChartBuilder();
  }
  insertChart(chart: FakeEmbeddedChart): void {
    this.rec('insertChart');
    if (!(chart instanceof FakeEmbeddedChart)) throw new Error('Invalid argument: chart');
    this.charts.push(chart.withId(this.nextChartId++));
  }
  getCharts(): FakeEmbeddedChart[] {
    this.rec('getCharts');
    return [...this.charts];
  }
  removeChart(chart: FakeEmbeddedChart): void {
    this.rec('removeChart');
    this.charts = this.charts.filter((c) => c.getChartId() !== chart.getChartId());
  }
  updateChart(chart: FakeEmbeddedChart): void {
    this.rec('updateChart');
    const i = this.charts.findIndex((c) => c.getChartId() === chart.getChartId());
    if (i < 0) throw new Error('The chart does not exist on this sheet.');
    this.charts[i] = chart;
  }

  /** For hosts (tests, preview): what the sheet holds, without counting calls. */
  chartsForHost(): FakeEmbeddedChart[] {
    return [...this.charts];
  }
  columnWidthForHost(col: number): number {
    return this.widths.get(col) ?? 100;
  }
  /** Rows 1 … last row with content, as getValues of the data range would return them. */
  valuesForHost(): Array<Array<string | number | boolean | Date>> {
    return this.grid((c) => (c ? fromStored(c, Date) : ''));
  }
  /** The same cells as the sheet shows them (getDisplayValues). */
  displayValuesForHost(): string[][] {
    const tz = this.host.timeZone();
    return this.grid((c) => (c ? displayValue(c, tz) : ''));
  }
  fontWeightsForHost(): string[][] {
    return this.grid((c) => c?.fontWeight ?? 'normal');
  }
  private grid<T>(f: (c: Cell | undefined) => T): T[][] {
    const last = this.lastContent();
    const out: T[][] = [];
    for (let r = 1; r <= Math.max(1, last.row); r++) {
      const line: T[] = [];
      for (let c = 1; c <= Math.max(1, last.col); c++) line.push(f(this.cell(r, c)));
      out.push(line);
    }
    return out;
  }
  getFrozenRowsForHost(): number {
    return this.frozenRows;
  }
  protectionsForHost(): FakeProtection[] {
    return [...this.protections];
  }
}
