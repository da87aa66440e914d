// 「台帳を検証する」: the core rules over the whole workbook; every issue goes to 「検証結果」 with a
// link to its cell, and the cell gets a note and a colour. Earlier marks are cleared first; notes and
// colours a coordinator set are kept.
import { OUTPUT_SHEETS, SETTINGS_SHEET, SHEETS, sheetDef } from '../core/registry/definition';
import { validateRegistry } from '../core/validate';
import type { Issue } from '../core/issues';
import { readTable, type CellValue, type Table } from './sheet-adapter';
import { columnLetter } from '../core/registry/layout';
import { openWorkbook, readWorkbook, type SettingsRead, type Workbook } from './workbook';
import { notOurs } from './figures/output-sheet';

const MARK = '#fce8b2';
const NOTE_TAG = '【かさね検証】';
const RESULT_HEADERS = ['シート', '行', '項目', 'コード', '内容', 'セル'];

export interface ValidationSummary {
  ok: true;
  issues: number;
  bySheet: Record<string, number>;
  message: string;
}

/** The table's 0-based column of an issue's column key (settings: 項目 or 値). */
function columnOfIssue(table: Table, issue: Issue, settings?: SettingsRead): number {
  if (issue.sheet === 'settings')
    return (issue.column === 'value' ? settings?.header?.value : settings?.header?.item) ?? 0;
  if (issue.sheet === 'registry' || !issue.column) return 0;
  return table.columns.get(issue.column) ?? 0;
}

/** Notes and colours on the data cells (below the header row) that issues name. */
function markCells(table: Table, issues: Issue[], settings?: SettingsRead): void {
  const top = (settings ? settings.header?.headerRow : table.headerRow) ?? 0;
  const rows = table.values.length - top;
  const cols = table.values.reduce((n, r) => Math.max(n, r.length), 0);
  if (top < 1 || rows < 1 || cols < 1) return;
  const range = table.sheet.getRange(top + 1, 1, rows, cols);
  const notes = range.getNotes();
  const colors = range.getBackgrounds();
  const fresh = new Map<string, string[]>();
  for (const i of issues) {
    if (i.row === null || i.row <= top) continue;
    const col = columnOfIssue(table, i, settings);
    const k = `${i.row - top - 1}:${col}`;
    fresh.set(k, [...(fresh.get(k) ?? []), i.message]);
  }
  // Only the rows whose marks change are written back (one setNotes and one setBackgrounds over
  // that span): a clean workbook is read, not rewritten.
  let first = -1;
  let last = -1;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const was = String(notes[r]![c] ?? '');
      const own = was.split(NOTE_TAG)[0]!.trimEnd();
      const mine = fresh.get(`${r}:${c}`);
      const note = mine
        ? [own, `${NOTE_TAG}\n${mine.join('\n')}`].filter(Boolean).join('\n')
        : was.includes(NOTE_TAG)
          ? own
          : was;
      const color = mine ? MARK : colors[r]![c] === MARK ? '#ffffff' : colors[r]![c]!;
      if (note !== was || color !== colors[r]![c]) {
        notes[r]![c] = note;
        colors[r]![c] = color;
        if (first < 0) first = r;
        last = r;
      }
    }
  }
  if (first < 0) return;
  const span = table.sheet.getRange(first + top + 1, 1, last - first + 1, cols);
  span.setNotes(notes.slice(first, last + 1));
  span.setBackgrounds(colors.slice(first, last + 1));
}

interface Located {
  gid: number;
  table: Table;
  settings?: SettingsRead;
}

/**
 * The 「検証結果」 sheet and what it holds, before anything is marked: a sheet of that name the office
 * made (its first row is not the list's header) is never written over (figures/output-sheet.ts).
 */
function resultsSheet(wb: Workbook): Table {
  const name = OUTPUT_SHEETS.validation;
  const old = readTable(wb.ss.getSheetByName(name) ?? wb.ss.insertSheet(name), wb.timeZone);
  // The first five headers: a later kasane may add a column after them.
  if (old.values.length && old.headers.slice(0, 5).join() !== RESULT_HEADERS.slice(0, 5).join())
    throw new Error(notOurs(name));
  return old;
}

function writeResults(old: Table, issues: Issue[], notices: Issue[], where: Map<string, Located>): void {
  const sheet = old.sheet;
  if (old.values.length)
    sheet.getRange(1, 1, old.values.length, Math.max(old.headers.length, RESULT_HEADERS.length)).clearContent();
  const lines: CellValue[][] = [RESULT_HEADERS];
  const line = (i: Issue, prefix: string) => {
    const def = i.sheet === 'settings' || i.sheet === 'registry' ? null : sheetDef(i.sheet);
    const sheetName = i.sheet === 'settings' ? SETTINGS_SHEET.name : (def?.name ?? '');
    const label = def?.columns.find((c) => c.key === i.column)?.label ?? i.column ?? '';
    let link = '';
    const at = where.get(sheetName);
    if (at && i.row !== null) {
      const a1 = `${columnLetter(columnOfIssue(at.table, i, at.settings) + 1)}${i.row}`;
      link = `=HYPERLINK("#gid=${at.gid}&range=${a1}","${at.table.sheet.getName()}!${a1}")`;
    }
    lines.push([sheetName, i.row ?? '', label, i.code, prefix + i.message, link]);
  };
  for (const i of issues) line(i, '');
  // Allowed, said once per sheet: the office's own columns (「No.」「備考」…).
  for (const n of notices) line(n, 'お知らせ: ');
  if (issues.length === 0) lines.push(['', '', '', '', '問題は見つかりませんでした。', '']);
  const max = sheet.getMaxRows();
  if (lines.length > max) sheet.insertRowsAfter(max, lines.length - max);
  sheet.getRange(1, 1, lines.length, RESULT_HEADERS.length).setValues(lines);
  sheet.setFrozenRows(1);
}

export function validateWorkbookNow(wb: Workbook = openWorkbook()): ValidationSummary {
  const { raw, tables, settings } = readWorkbook(wb);
  const results = resultsSheet(wb);
  const { issues, read } = validateRegistry(raw);
  const where = new Map<string, Located>();
  const bySheet: Record<string, number> = {};
  for (const def of SHEETS) {
    const mine = issues.filter((i) => i.sheet === def.key);
    if (mine.length) bySheet[def.name] = mine.length;
    const table = tables[def.key];
    if (!table) continue;
    where.set(def.name, { gid: table.sheet.getSheetId(), table });
    markCells(table, mine);
  }
  const settingIssues = issues.filter((i) => i.sheet === 'settings');
  if (settingIssues.length) bySheet[SETTINGS_SHEET.name] = settingIssues.length;
  if (settings) {
    where.set(SETTINGS_SHEET.name, { gid: settings.table.sheet.getSheetId(), table: settings.table, settings });
    markCells(settings.table, settingIssues, settings);
  }
  writeResults(results, issues, read.notices, where);
  const message = issues.length
    ? `検証しました: ${issues.length} 件の問題があります。「${OUTPUT_SHEETS.validation}」シートで確認してください。`
    : '検証しました: 問題は見つかりませんでした。';
  return { ok: true, issues: issues.length, bySheet, message };
}
