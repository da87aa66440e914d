// Japanese messages for row rules: which cell, what is wrong, what to do. Values of PII columns
// are never repeated in a message (messages reach logs and the 検証結果 sheet).
import { parseDateText, weekdayOf, WEEKDAY_NAMES } from '../dates/calendar';
import { toWareki } from '../dates/era';
import type { CellDetail, CellFault } from './cells';
import { REGISTRY_DATES, SETTING_DEFS, type ColumnDef, type SheetDef } from './definition';

export function cellRef(sheet: SheetDef, row: number | null, col?: Pick<ColumnDef, 'label'>): string {
  const where = row === null ? '' : ` ${row}行目`;
  return `「${sheet.name}」シート${where}${col ? `「${col.label}」` : ''}`;
}

/**
 * Longer typed text is not quoted: a value or a date is short, and what runs longer is free text
 * typed in the wrong column (終結理由 「本人の希望（長男が…）」), which messages must not carry out
 * of the sheet.
 */
const QUOTE_MAX = 20;
const quotable = (col: ColumnDef, bad: string[] | undefined): string[] =>
  col.pii || !bad ? [] : bad.filter((b) => b.length <= QUOTE_MAX);

const shown = (col: ColumnDef, bad: string[] | undefined): string => {
  const q = quotable(col, bad);
  return q.length ? `（「${q.join('」「')}」）` : '';
};

/** The one typed value a message may quote, or undefined (none given, too long, or a PII column). */
const typedOf = (col: ColumnDef, bad: string[] | undefined): string | undefined =>
  col.pii || !bad?.length || bad[0]!.length > QUOTE_MAX ? undefined : bad[0];

const settingLabel = new Map<string, string>(SETTING_DEFS.map((d) => [d.key, d.label]));

const DATE_FORMS = '2024-04-01、2024/4/1、令和6年4月1日、R6.4.1 のように実在する日付を入力してください。';
const WEEKDAY_HINT = '日付を確かめて入力してください（曜日は書かなくても構いません）。';
const DATE_SPAN = `${REGISTRY_DATES.from.slice(0, 4)}年〜${REGISTRY_DATES.to.slice(0, 4)}年`;

/**
 * The number in what was typed, to show as the example to type instead: `alone` when the text is
 * that number and nothing else (2.5), not when it holds more (3人 → 3, 35.5kg → 35.5). Undefined
 * for no number, and for digits and separators that make no number (1,5): no example is better
 * than a wrong one.
 */
function numberIn(typed: string): { value: number; alone: boolean; unit: string } | undefined {
  const s = typed.normalize('NFKC').trim();
  const m = /-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/.exec(s);
  if (!m) return undefined;
  const alone = m[0] === s;
  if (!alone && /^[-\d,.]*$/.test(s)) return undefined;
  return {
    value: Number(m[0].replace(/,/g, '')),
    alone,
    unit: s
      .slice(m.index + m[0].length)
      .trim()
      .toLowerCase(),
  };
}

/** The unit a column's label names in brackets (重量(kg) → kg), as NFKC and lower case. */
const unitOf = (col: ColumnDef): string | undefined =>
  /[(（]([^)）]+)[)）]\s*$/.exec(col.label.normalize('NFKC'))?.[1]?.trim().toLowerCase();

/**
 * A cell's fault in Japanese: the cell, what was typed (quoted unless the column is PII) and what to
 * type instead. `detail` comes with the fault from parseCell; a date's wrong weekday is also found
 * from `bad` when no detail is passed, so callers that pass only the fault and `bad` say it too.
 */
export function cellMessage(
  sheet: SheetDef,
  row: number,
  col: ColumnDef,
  fault: CellFault,
  bad: string[] | undefined,
  lists: Record<string, readonly string[]>,
  detail?: CellDetail,
): string {
  const at = cellRef(sheet, row, col);
  const typed = typedOf(col, bad);
  const quoted = typed === undefined ? '' : `「${typed}」は`;
  switch (fault) {
    case 'date': {
      // Re-reading the typed text is cheap here: messages are made for faults only.
      const parsed = typed === undefined ? undefined : parseDateText(typed);
      const day = parsed && !parsed.ok ? parsed.wrongWeekday : undefined;
      if (day !== undefined)
        return `${at}: 「${typed}」は曜日が日付と合いません。${day}（${toWareki(day)}）は${WEEKDAY_NAMES[weekdayOf(day)]}曜日です。${WEEKDAY_HINT}`;
      if (detail === 'weekday') return `${at}: 曜日が日付と合いません。${WEEKDAY_HINT}`;
      if (detail === 'range')
        return `${at}: ${quoted}台帳の日付（${DATE_SPAN}）になりません。数字が日付として読まれていないか、年を確かめて入力してください。`;
      return `${at}: ${quoted}日付として読めません。${DATE_FORMS}`;
    }
    case 'integer': {
      if (typed === undefined) return `${at}: 整数（小数点のない数）を入力してください。`;
      const n = numberIn(typed);
      if (n?.alone) return `${at}: ${quoted}整数ではありません。小数点のない数を入力してください。`;
      if (n && !Number.isInteger(n.value))
        return `${at}: ${quoted}整数として読めません。単位を付けずに、小数点のない数字だけを入力してください。`;
      return `${at}: ${quoted}整数として読めません。数字だけ（例: ${n?.value ?? 3}）を入力してください。`;
    }
    case 'number': {
      if (typed === undefined) return `${at}: 数値を入力してください。`;
      const n = numberIn(typed);
      // 160600g in a kg column: dropping the unit would make it 1,000 times too much.
      const unit = unitOf(col);
      if (n && unit && n.unit && !n.unit.startsWith(unit) && !(unit === 'kg' && n.unit.startsWith('キロ')))
        return `${at}: ${quoted}数値として読めません。${unit} に直して、数字だけを入力してください。`;
      return n && !n.alone
        ? `${at}: ${quoted}数値として読めません。単位を付けずに数字だけ（例: ${n.value}）を入力してください。`
        : `${at}: ${quoted}数値として読めません。数字だけ（例: 12.5）を入力してください。`;
    }
    case 'max':
      return `${at}: ${quoted} ${col.max} より大きい数です。${col.max} 以下の数を入力してください。`;
    case 'min':
      return typed === undefined
        ? `${at}: ${col.min} 以上の数を入力してください。`
        : `${at}: ${quoted} ${col.min} より小さい数です。${col.min} 以上の数を入力してください。`;
    case 'boolean':
      return typed === undefined
        ? `${at}: チェックボックス（TRUE / FALSE）で入力してください。`
        : `${at}: ${quoted}「はい」「いいえ」のどちらとも読めません。チェックボックス（TRUE / FALSE）か ○ / × で入力してください。`;
    case 'enum':
      return `${at}: 選択肢にない値です${shown(col, bad)}。次のいずれかを選んでください: ${(col.values ?? []).join('、')}。`;
    case 'list': {
      const list = col.list ?? '';
      const known = lists[list] ?? [];
      const label = settingLabel.get(list) ?? list;
      // An empty list (担当者 before the office fills it in): every value is outside it.
      if (!known.length)
        return `${at}: 「設定」シートの「${label}」が空欄です${shown(col, bad)}。「設定」シートの「${label}」に登録してください。`;
      // 東・西 (東 西, 東／西) written in 設定 is one value, of which 東 is no value: say how to write the list.
      const joined = typed === undefined ? undefined : known.find((k) => k.split(/[・･/／\s]+/).includes(typed));
      if (joined !== undefined)
        return `${at}: 「設定」シートの「${label}」では「${joined}」が1つの値です${shown(col, bad)}。別々の値にするなら、「設定」シートで「、」で区切って書いてください。`;
      return `${at}: 「設定」シートの「${label}」にない値です${shown(col, bad)}。一覧から選ぶか、「設定」シートに追加してください（現在: ${known.join('、')}）。`;
    }
    case 'error':
      return `${at}: ${quoted}数式のエラーです。数式を直すか、値を入力してください。`;
    case 'formula':
      return `${at}: ${typed === undefined ? '' : `数式「${typed}」は`}計算した結果がファイルに保存されていないため読めません。Excel で開いて上書き保存するか、値を入力してください。`;
    case 'text':
      return typed === undefined
        ? `${at}: 文字で入力してください。`
        : `${at}: ${quoted}文字として読めません。文字で入力してください。`;
  }
}

/** Rows as a clerk reads them: 3、5〜9行目; after `max` runs, the rest as など. */
export function rowRanges(rows: readonly number[], max = Infinity): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    parts.push(j === i ? `${rows[i]}` : `${rows[i]}〜${rows[j]}`);
    i = j + 1;
  }
  return `${parts.slice(0, max).join('、')}${parts.length > max ? 'など' : ''}行目`;
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

/**
 * `bounds`: the setting's own (SETTING_DEFS), so the message asks for what readSettings accepts.
 * `typed`: a number setting's cell as typed (never a list's, which may hold names), quoted with the
 * number in it: 「12,000人」 → 数字だけ（例: 12000）.
 */
export function settingMessage(
  kind: string,
  label: string,
  row: number | null,
  bounds: { min?: number; max?: number } = {},
  typed?: string,
): string {
  const at = row === null ? `設定「${label}」` : `「設定」シート ${row}行目「${label}」`;
  const n =
    typed === undefined || typed.length > QUOTE_MAX || (kind !== 'integer' && kind !== 'month')
      ? undefined
      : numberIn(typed);
  if (n && !n.alone)
    return `${at}: 「${typed}」は数として読めません。単位を付けずに数字だけ（例: ${n.unit.startsWith('万') ? Math.round(n.value * 10000) : n.value}）を入力してください。`;
  switch (kind) {
    case 'unknown':
      return `${at}: 設定にない項目です。項目名を確認してください（${[...settingLabel.values()].join('、')}）。`;
    case 'month':
      return `${at}: ${bounds.min ?? 1}〜${bounds.max ?? 12} の月を入力してください。`;
    case 'integer':
      return bounds.max === undefined
        ? `${at}: ${bounds.min ?? 0} 以上の整数を入力してください。`
        : `${at}: ${bounds.min ?? 0}〜${bounds.max} の整数を入力してください。`;
    case 'list':
      return `${at}: 値を「、」で区切って入力してください。`;
    default:
      return `${at}: 文字で入力してください。`;
  }
}
