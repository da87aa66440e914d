// What the two templates (XLSX and Google) add to the look every registry shares
// (core/registry/look.ts, also used by the add-on's 「台帳を初期設定」): the hidden sheet the
// settings-list dropdowns read their values from, and how a rule and a colour are said to a
// spreadsheet file rather than to Apps Script.
import { LIST_SETTING_DEFS, type Settings, type SettingsListKey } from '../core/registry/definition';
import { columnLetter } from '../core/registry/layout';

export const LISTS_SHEET = '_lists';
/** Rows (after the header) that carry the dropdowns in an empty template. */
export const TEMPLATE_ROWS = 5000;
export const LISTS_NOTE = '「設定」シートの一覧から作られる入力規則の元データです。';
export const LISTS_WIDTH = 24;

/**
 * The hidden helper sheet's columns: one settings list per column, values from row 2. Excel caps an
 * inline list at 255 characters, so a settings list (which a town may make long) is read from here.
 */
export function listColumns(
  settings: Settings,
): Array<{ key: SettingsListKey; label: string; values: readonly string[] }> {
  return LIST_SETTING_DEFS.map(({ key, label }) => ({ key, label, values: settings[key] }));
}

/** The lists sheet below its header: row r holds each list's r-th value (undefined past a list's end). */
export function listRows(lists: ReadonlyArray<{ values: readonly string[] }>): Array<Array<string | undefined>> {
  const depth = Math.max(0, ...lists.map((l) => l.values.length));
  return Array.from({ length: depth }, (_, r) => lists.map((l) => l.values[r]));
}

/** A settings list's cells on the hidden sheet, `'_lists'!$B$2:$B$7`: what its dropdown offers. */
export function listRange(list: SettingsListKey, settings: Settings): string {
  const lists = listColumns(settings);
  const i = lists.findIndex((l) => l.key === list);
  const letter = columnLetter(i + 1);
  const last = Math.max(2, lists[i]!.values.length + 1);
  return `'${LISTS_SHEET}'!$${letter}$2:$${letter}$${last}`;
}

/** `#dde7f3` (core/registry/look.ts LOOK_COLORS) → `FFDDE7F3`, the ARGB an XLSX fill takes. */
export function argb(hex: string): string {
  return `FF${hex.slice(1).toUpperCase()}`;
}

/** Excel caps an inline list (`"a,b"`) at 255 characters. */
export const INLINE_LIST_LIMIT = 255;
