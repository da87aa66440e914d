// Japanese messages for row rules: which cell, what is wrong, what to do. Values of PII columns
// are never repeated in a message (messages reach logs and the 検証結果 sheet).
import type { CellFault } from './cells';
import { SETTING_DEFS, type ColumnDef, type SheetDef } from './definition';

export function cellRef(sheet: SheetDef, row: number | null, col?: Pick<ColumnDef, 'label'>): string {
  const where = row === null ? '' : ` ${row}行目`;
  return `「${sheet.name}」シート${where}${col ? `「${col.label}」` : ''}`;
}

const shown = (col: ColumnDef, bad: string[] | undefined): string =>
  col.pii || !bad?.length ? '' : `（「${bad.join('」「')}」）`;

const settingLabel = new Map<string, string>(SETTING_DEFS.map((d) => [d.key, d.label]));

export function cellMessage(
  sheet: SheetDef,
  row: number,
  col: ColumnDef,
  fault: CellFault,
  bad: string[] | undefined,
  lists: Record<string, readonly string[]>,
): string {
  const at = cellRef(sheet, row, col);
  switch (fault) {
    case 'date':
      return `${at}: 日付として読めません。2024-04-01、2024/4/1、令和6年4月1日、R6.4.1 のように実在する日付を入力してください。`;
    case 'integer':
      return `${at}: 整数（小数点のない数）を入力してください。`;
    case 'number':
      return `${at}: 数値を入力してください。`;
    case 'min':
      return `${at}: ${col.min} 以上の数を入力してください。`;
    case 'boolean':
      return `${at}: チェックボックス（TRUE / FALSE）で入力してください。`;
    case 'enum':
      return `${at}: 選択肢にない値です${shown(col, bad)}。次のいずれかを選んでください: ${(col.values ?? []).join('、')}。`;
    case 'list': {
      const list = col.list ?? '';
      return `${at}: 「設定」シートの「${settingLabel.get(list) ?? list}」にない値です${shown(col, bad)}。一覧から選ぶか、「設定」シートに追加してください（現在: ${(lists[list] ?? []).join('、')}）。`;
    }
    case 'text':
      return `${at}: 文字で入力してください。`;
  }
}

export function requiredMessage(sheet: SheetDef, row: number, col: ColumnDef): string {
  return `${cellRef(sheet, row, col)}: 必須項目が空欄です。入力してください。`;
}

export function unknownColumnMessage(sheet: SheetDef, row: number, key: string): string {
  return `${cellRef(sheet, row)}: 台帳の項目にない「${key}」があります。項目名の誤りか、不要な項目です。`;
}

export function duplicateIdMessage(sheet: SheetDef, row: number, col: ColumnDef, id: string, firstRow: number): string {
  return `${cellRef(sheet, row, col)}: 「${id}」は ${firstRow}行目と重複しています。IDは1行ごとに別の値にしてください。`;
}

export function settingMessage(kind: string, label: string, row: number | null): string {
  const at = row === null ? `設定「${label}」` : `「設定」シート ${row}行目「${label}」`;
  switch (kind) {
    case 'unknown':
      return `${at}: 設定にない項目です。項目名を確認してください（${[...settingLabel.values()].join('、')}）。`;
    case 'month':
      return `${at}: 1〜12 の月を入力してください。`;
    case 'integer':
      return `${at}: 1 以上の整数を入力してください。`;
    case 'list':
      return `${at}: 値を「、」で区切って入力してください。`;
    default:
      return `${at}: 文字で入力してください。`;
  }
}
