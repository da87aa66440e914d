// A rectangle of cells. getValues/setValues and friends take and return 2-D arrays shaped like the
// range, and refuse data of another shape with Apps Script's own wording.
import { toA1, type GridBox } from './a1';
import type { FakeDataValidation } from './data-validation';
import { FakeProtection, ProtectionType } from './protection';
import type { Cell, FakeSheet } from './sheet';
import { EMPTY, fromStored, toStored } from './values';
import { displayValue } from './display';

type Grid<T> = T[][];

export class FakeRange {
  constructor(
    private readonly sheet: FakeSheet,
    private readonly row: number,
    private readonly col: number,
    private readonly numRows: number,
    private readonly numCols: number,
  ) {}

  private rec(method: string): void {
    this.sheet.host.log.record(`Range.${method}`);
  }

  private map<T>(f: (c: Cell | undefined) => T): Grid<T> {
    const out: Grid<T> = [];
    for (let r = 0; r < this.numRows; r++) {
      const line: T[] = [];
      for (let c = 0; c < this.numCols; c++) line.push(f(this.sheet.cell(this.row + r, this.col + c)));
      out.push(line);
    }
    return out;
  }

  private checkShape(data: unknown, method: string): unknown[][] {
    if (!Array.isArray(data) || !data.every((r) => Array.isArray(r))) {
      throw new Error(
        `The parameters (${typeof data}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    }
    if (data.length !== this.numRows) {
      throw new Error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this.numRows}.`,
      );
    }
    for (const line of data as unknown[][]) {
      if (line.length !== this.numCols) {
        throw new Error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this.numCols}.`,
        );
      }
    }
    return data as unknown[][];
  }

  private each(data: unknown[][], f: (c: Cell, v: unknown) => void): void {
    data.forEach((line, r) => line.forEach((v, c) => f(this.sheet.cellForWrite(this.row + r, this.col + c), v)));
  }

  /** Emulator internals (no call counted): the values, for Sheet.getSheetValues. */
  valuesForHost(): Grid<string | number | boolean | Date> {
    const D = this.sheet.host.dateCtor();
    return this.map((c) => (c ? fromStored(c, D) : ''));
  }
  /** Emulator internals for RangeList (no call counted): apply to every cell, clear the values. */
  applyForHost(f: (c: Cell) => void): void {
    this.fill(f);
  }
  clearForHost(): void {
    this.fill((c) => Object.assign(c, EMPTY));
    this.sheet.touch();
  }

  private fill(f: (c: Cell) => void): void {
    for (let r = 0; r < this.numRows; r++)
      for (let c = 0; c < this.numCols; c++) f(this.sheet.cellForWrite(this.row + r, this.col + c));
  }

  getSheet(): FakeSheet {
    this.rec('getSheet');
    return this.sheet;
  }
  getRow(): number {
    this.rec('getRow');
    return this.row;
  }
  getColumn(): number {
    this.rec('getColumn');
    return this.col;
  }
  getNumRows(): number {
    this.rec('getNumRows');
    return this.numRows;
  }
  getNumColumns(): number {
    this.rec('getNumColumns');
    return this.numCols;
  }
  getLastRow(): number {
    this.rec('getLastRow');
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    this.rec('getLastColumn');
    return this.col + this.numCols - 1;
  }
  getA1Notation(): string {
    this.rec('getA1Notation');
    return toA1({ row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols });
  }

  private box(): GridBox {
    return { row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols };
  }

  /**
   * Merges the range into one block, as Sheets does: only the top-left cell's value stays (the
   * others are cleared). A block that overlaps the range in part is refused with Sheets' message;
   * blocks inside it are replaced.
   */
  merge(): this {
    this.rec('merge');
    this.mergeBoxes([this.box()]);
    return this;
  }
  /** Merges each column of the range into its own block. */
  mergeVertically(): this {
    this.rec('mergeVertically');
    const boxes: GridBox[] = [];
    for (let c = 0; c < this.numCols; c++)
      boxes.push({ row: this.row, col: this.col + c, numRows: this.numRows, numCols: 1 });
    this.mergeBoxes(boxes);
    return this;
  }
  /** Unmerges every block within the range. */
  breakApart(): this {
    this.rec('breakApart');
    const mine = this.box();
    this.sheet.setMergesForHost(this.sheet.mergesForHost().filter((m) => !within(m, mine)));
    return this;
  }
  /** The merged blocks inside the range or holding one of its cells. */
  getMergedRanges(): FakeRange[] {
    this.rec('getMergedRanges');
    const mine = this.box();
    return this.sheet
      .mergesForHost()
      .filter((m) => overlaps(m, mine))
      .map((m) => new FakeRange(this.sheet, m.row, m.col, m.numRows, m.numCols));
  }

  private mergeBoxes(boxes: GridBox[]): void {
    const mine = this.box();
    const kept = this.sheet.mergesForHost().filter((m) => !within(m, mine));
    if (kept.some((m) => overlaps(m, mine)))
      throw new Error('You must select all cells in a merged range to merge or unmerge them.');
    for (const b of boxes) {
      if (b.numRows * b.numCols < 2) continue;
      for (let r = 0; r < b.numRows; r++)
        for (let c = 0; c < b.numCols; c++)
          if (r > 0 || c > 0) {
            const cell = this.sheet.cell(b.row + r, b.col + c);
            if (cell) Object.assign(cell, EMPTY);
          }
      kept.push(b);
    }
    this.sheet.setMergesForHost(kept);
    this.sheet.touch();
  }

  getValues(): Grid<string | number | boolean | Date> {
    this.rec('getValues');
    const D = this.sheet.host.dateCtor();
    return this.map((c) => (c ? fromStored(c, D) : ''));
  }
  getValue(): string | number | boolean | Date {
    this.rec('getValue');
    const c = this.sheet.cell(this.row, this.col);
    return c ? fromStored(c, this.sheet.host.dateCtor()) : '';
  }
  /** What the cell shows: dates in the cell's (or the default) date format. */
  getDisplayValues(): Grid<string> {
    this.rec('getDisplayValues');
    return this.map((c) => (c ? displayValue(c, this.sheet.host.timeZone()) : ''));
  }
  setValues(values: unknown[][]): this {
    this.rec('setValues');
    const data = this.checkShape(values, 'setValues');
    const tz = this.sheet.host.timeZone();
    this.each(data, (cell, v) => Object.assign(cell, toStored(v, cell.numberFormat, tz)));
    this.sheet.touch();
    return this;
  }
  setValue(value: unknown): this {
    this.rec('setValue');
    const tz = this.sheet.host.timeZone();
    this.fill((cell) => Object.assign(cell, toStored(value, cell.numberFormat, tz)));
    this.sheet.touch();
    return this;
  }
  getFormulas(): Grid<string> {
    this.rec('getFormulas');
    return this.map((c) => c?.formula ?? '');
  }
  clearContent(): this {
    this.rec('clearContent');
    this.fill((c) => Object.assign(c, EMPTY));
    this.sheet.touch();
    return this;
  }

  getNotes(): Grid<string> {
    this.rec('getNotes');
    return this.map((c) => c?.note ?? '');
  }
  setNotes(notes: unknown[][]): this {
    this.rec('setNotes');
    this.each(this.checkShape(notes, 'setNotes'), (c, v) => (c.note = v === null || v === undefined ? '' : String(v)));
    return this;
  }
  setNote(note: string | null): this {
    this.rec('setNote');
    this.fill((c) => (c.note = note ?? ''));
    return this;
  }
  getBackgrounds(): Grid<string> {
    this.rec('getBackgrounds');
    return this.map((c) => c?.background ?? '#ffffff');
  }
  setBackgrounds(colors: unknown[][]): this {
    this.rec('setBackgrounds');
    this.each(
      this.checkShape(colors, 'setBackgrounds'),
      (c, v) => (c.background = typeof v === 'string' && v !== '' ? v : null),
    );
    return this;
  }
  setBackground(color: string | null): this {
    this.rec('setBackground');
    this.fill((c) => (c.background = color));
    return this;
  }
  getNumberFormats(): Grid<string> {
    this.rec('getNumberFormats');
    return this.map((c) => c?.numberFormat || 'General');
  }
  setNumberFormat(format: string): this {
    this.rec('setNumberFormat');
    this.fill((c) => (c.numberFormat = format));
    return this;
  }
  setFontWeight(weight: 'normal' | 'bold' | null): this {
    this.rec('setFontWeight');
    this.fill((c) => (c.fontWeight = weight ?? 'normal'));
    return this;
  }
  /** Per cell: 'bold', 'normal', or null (normal), as Range.setFontWeights documents. */
  setFontWeights(weights: unknown[][]): this {
    this.rec('setFontWeights');
    this.each(this.checkShape(weights, 'setFontWeights'), (c, v) => (c.fontWeight = v === 'bold' ? 'bold' : 'normal'));
    return this;
  }
  getFontWeights(): Grid<string> {
    this.rec('getFontWeights');
    return this.map((c) => c?.fontWeight ?? 'normal');
  }
  setDataValidation(rule: FakeDataValidation | null): this {
    this.rec('setDataValidation');
    this.fill((c) => (c.validation = rule));
    return this;
  }
  getDataValidation(): FakeDataValidation | null {
    this.rec('getDataValidation');
    return this.sheet.cell(this.row, this.col)?.validation ?? null;
  }
  getDataValidations(): Grid<FakeDataValidation | null> {
    this.rec('getDataValidations');
    return this.map((c) => c?.validation ?? null);
  }
  protect(): FakeProtection {
    this.rec('protect');
    const p = new FakeProtection(this.sheet, ProtectionType.RANGE, this);
    this.sheet.addProtection(p);
    return p;
  }
}

const overlaps = (a: GridBox, b: GridBox): boolean =>
  a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols;
const within = (inner: GridBox, outer: GridBox): boolean =>
  inner.row >= outer.row &&
  inner.col >= outer.col &&
  inner.row + inner.numRows <= outer.row + outer.numRows &&
  inner.col + inner.numCols <= outer.col + outer.numCols;
