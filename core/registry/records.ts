// Record types derived from the definition: what a parsed, normalised row of each sheet holds.
// `SharedRecord` drops the PII columns: it is the only shape that may leave the spreadsheet.
import type { Settings, SheetDefOf, SheetKey } from './definition';
import type { Issue } from '../issues';
import type { AbsentColumn } from './layout';
import type { UncountedSheet } from './other-sheets';

type ColumnsOf<K extends SheetKey> = SheetDefOf<K>['columns'][number];

type ValueOf<C> = C extends { type: 'enum'; values: readonly (infer V)[] }
  ? V
  : C extends { type: 'multiEnum'; values: readonly (infer V)[] }
    ? V[]
    : C extends { type: 'multiList' }
      ? string[]
      : C extends { type: 'boolean' }
        ? boolean
        : C extends { type: 'integer' | 'number' }
          ? number
          : string;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type RecordFrom<C> = Simplify<
  { [X in C as X extends { required: true; key: infer N extends string } ? N : never]: ValueOf<X> } & {
    [
      X in C as X extends { required: true } ? never : X extends { key: infer N extends string } ? N : never
    ]?: ValueOf<X>;
  }
>;

export type RecordOf<K extends SheetKey> = RecordFrom<ColumnsOf<K>>;
export type SharedRecordOf<K extends SheetKey> = RecordFrom<Exclude<ColumnsOf<K>, { pii: true }>>;

export type Case = RecordOf<'cases'>;
export type Meeting = RecordOf<'meetings'>;
export type MeetingCase = RecordOf<'meetingCases'>;
export type Activity = RecordOf<'activities'>;
export type Place = RecordOf<'places'>;
export type PlatformMember = RecordOf<'platformMembers'>;
export type FoodPartner = RecordOf<'foodPartners'>;
export type Donation = RecordOf<'donations'>;

/**
 * Rows as read: a cell that cannot be read (a typo, a required cell left empty) is absent from its
 * record and marked in the read's faults, so even required columns may be missing here. The row
 * still counts for every figure and rule that does not need that cell.
 */
export type SheetRecords = { [K in SheetKey]: ReadRecordOf<K>[] };
export type ReadRecordOf<K extends SheetKey> = Partial<RecordOf<K>>;
export type ReadCase = ReadRecordOf<'cases'>;
export type ReadMeeting = ReadRecordOf<'meetings'>;
export type ReadMeetingCase = ReadRecordOf<'meetingCases'>;
export type ReadActivity = ReadRecordOf<'activities'>;
export type SharedSheetRecords = { [K in SheetKey]: SharedRecordOf<K>[] };

/** A registry of parsed rows: the input of validation's cross-sheet rules and of the indicators. */
export interface Registry extends SheetRecords {
  settings: Settings;
}

/** A registry whose every record is whole (every required cell present): what the sample generator makes. */
export interface WholeRegistry extends WholeSheetRecords {
  settings: Settings;
}
export type WholeSheetRecords = { [K in SheetKey]: RecordOf<K>[] };

/** A registry that carries no PII: what a sync payload, the server and exports hold. */
export interface SharedRegistry extends SharedSheetRecords {
  settings: Settings;
}

/** A raw row as it arrives: JSON object keys, or column keys mapped from sheet headers. */
export type RawRow = Record<string, unknown>;

/** Input before parsing: any source (JSON, XLSX, Sheets) is first brought to this shape. */
export interface RawRegistry {
  /** Settings as keyed values (JSON interchange) … */
  settings?: Record<string, unknown>;
  /** … or as 設定 sheet rows [項目, 値], row 2 first. */
  settingsRows?: Array<[unknown, unknown]>;
  sheets: Partial<Record<SheetKey, RawRow[]>>;
  /** Top-level keys or sheet names the contract does not know (an error, not ignored). */
  unknownSheets?: string[];
  /** What reading a workbook's layout found (sheet sources only; JSON has no layout). */
  layout?: WorkbookLayout;
}

/** A workbook's layout as core/registry/layout.ts read it, carried to the row rules. */
export interface WorkbookLayout {
  /** Missing or renamed sheets, missing or repeated headers: one issue each. */
  issues: Issue[];
  /** The office's own columns, once per sheet: allowed, never read. */
  notices: Issue[];
  /** Per sheet: required contract columns the sheet lacks; their cells are unreadable in every row. */
  missingColumns: Partial<Record<SheetKey, string[]>>;
  /** Per sheet: optional coded columns the sheet lacks (read as empty), each with a near office header. */
  absentColumns: Partial<Record<SheetKey, AbsentColumn[]>>;
  /** Contract sheets the workbook lacks (or whose header row was not found), with a near name. */
  missingSheets: Array<{ key: SheetKey; near: string | undefined; unreadable?: true }>;
  /** Other sheets holding a contract sheet's rows, which are not read: the figures say so. */
  uncounted?: UncountedSheet[];
}
