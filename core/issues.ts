// Validation results are values: every problem is an Issue naming where it is and what to do.
import type { SheetKey } from './registry/definition';

export const VALIDATION_FORMAT = 'kasane-validation/1';

/** Row-rule codes (one per kind of cell fault) and the contract's cross-sheet codes. */
export type IssueCode =
  | 'value.required'
  | 'value.date'
  | 'value.integer'
  | 'value.number'
  | 'value.boolean'
  | 'value.enum'
  | 'value.list'
  | 'value.min'
  | 'value.max'
  | 'value.text'
  | 'value.error'
  | 'value.formula'
  | 'id.duplicate'
  | 'column.unknown'
  | 'column.missing'
  | 'column.duplicate'
  | 'column.office'
  | 'column.absent'
  | 'row.example'
  | 'row.header'
  | 'row.total'
  | 'row.blank'
  | 'cell.merged'
  | 'sheet.duplicate'
  | 'sheet.missing'
  | 'sheet.extra'
  | 'sheet.unknown'
  | 'setting.unknown'
  | 'setting.office'
  | 'setting.value'
  | 'setting.duplicate'
  | 'format.unknown'
  | 'ref.missing'
  | 'consent.date'
  | 'consent.required'
  | 'consent.plan'
  | 'confidentiality'
  | 'closure'
  | 'date.order'
  | 'duplicate.pair';

export interface Issue {
  /** A sheet key, or `settings` for 設定. */
  sheet: SheetKey | 'settings' | 'registry';
  /** Sheet row (row 1 holds the headers; JSON element i is row i + 2); null for the whole sheet. */
  row: number | null;
  /** Column key; null when the issue concerns a whole row or sheet. */
  column: string | null;
  code: IssueCode;
  message: string;
}

export interface ValidationReport {
  format: typeof VALIDATION_FORMAT;
  ok: boolean;
  issues: Issue[];
  /** Allowed, but said once per sheet (the office's own columns); they do not make `ok` false. */
  notices: Issue[];
}
