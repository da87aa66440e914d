// The spreadsheet a bound script sees through SpreadsheetApp.getActiveSpreadsheet().
import { CallLog } from './calls';
import { FakeSheet, type SheetHost } from './sheet';
import { isValidZone } from './zone';

export interface Toast {
  message: string;
  title: string;
}

export class FakeSpreadsheet {
  private sheets: FakeSheet[] = [];
  private active: FakeSheet | null = null;
  private nextSheetId = 0;
  private zone: string;
  private name: string;
  private readonly id: string;
  private readonly realms: DateConstructor[] = [];
  readonly toasts: Toast[] = [];
  readonly host: SheetHost;

  constructor(
    readonly log: CallLog = new CallLog(),
    options: { name?: string; timeZone?: string; id?: string } = {},
  ) {
    this.zone = options.timeZone ?? 'Asia/Tokyo';
    this.name = options.name ?? '無題のスプレッドシート';
    this.id = options.id ?? '1kasanePreviewSpreadsheet';
    this.host = { log, timeZone: () => this.zone, dateCtor: () => this.realms[this.realms.length - 1] ?? Date };
    // A new spreadsheet has one empty sheet, 「シート1」 in a Japanese locale.
    this.addSheet('シート1');
  }

  /** Values read while a script runs are built with that script's Date (its vm realm). */
  enterRealm(D: DateConstructor): void {
    this.realms.push(D);
  }
  leaveRealm(): void {
    this.realms.pop();
  }

  private rec(method: string): void {
    this.log.record(`Spreadsheet.${method}`);
  }

  private addSheet(name: string, index?: number): FakeSheet {
    const sheet = new FakeSheet(
      this.host,
      name,
      this.nextSheetId === 0 ? 0 : 100000000 + this.nextSheetId * 7919,
      1000,
      26,
    );
    this.nextSheetId++;
    if (index === undefined) this.sheets.push(sheet);
    else this.sheets.splice(index, 0, sheet);
    this.active ??= sheet;
    return sheet;
  }

  getId(): string {
    this.rec('getId');
    return this.id;
  }
  getName(): string {
    this.rec('getName');
    return this.name;
  }
  rename(name: string): void {
    this.rec('rename');
    this.name = name;
  }
  getUrl(): string {
    this.rec('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    this.rec('getSpreadsheetTimeZone');
    return this.zone;
  }
  setSpreadsheetTimeZone(tz: string): void {
    this.rec('setSpreadsheetTimeZone');
    if (!isValidZone(tz)) throw new Error(`Invalid argument: timeZone`);
    this.zone = tz;
  }
  getSheets(): FakeSheet[] {
    this.rec('getSheets');
    return [...this.sheets];
  }
  getSheetByName(name: string): FakeSheet | null {
    this.rec('getSheetByName');
    return this.sheetForHost(name);
  }
  insertSheet(name?: string, index?: number): FakeSheet {
    this.rec('insertSheet');
    const n = name ?? `シート${this.sheets.length + 1}`;
    if (this.sheetForHost(n)) {
      throw new Error(`A sheet with the name "${n}" already exists. Please enter another name.`);
    }
    const sheet = this.addSheet(n, index);
    this.active = sheet;
    return sheet;
  }
  deleteSheet(sheet: FakeSheet): void {
    this.rec('deleteSheet');
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.sheets = this.sheets.filter((s) => s !== sheet);
    if (this.active === sheet) this.active = this.sheets[0] ?? null;
  }
  getActiveSheet(): FakeSheet | null {
    this.rec('getActiveSheet');
    return this.active;
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.rec('setActiveSheet');
    this.active = sheet;
    return sheet;
  }
  toast(message: string, title = '', _timeoutSeconds?: number): void {
    this.rec('toast');
    this.toasts.push({ message: String(message), title: String(title) });
  }

  /** For hosts (tests, preview): look up a sheet without counting a call. */
  sheetForHost(name: string): FakeSheet | null {
    return this.sheets.find((s) => s.nameForHost() === name) ?? null;
  }
  sheetNamesForHost(): string[] {
    return this.sheets.map((s) => s.nameForHost());
  }
  timeZoneForHost(): string {
    return this.zone;
  }
}
