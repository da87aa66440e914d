// One look, three makers: the XLSX template (written, then read back with exceljs), the Google
// template (through the emulated Sheets API) and the add-on's 「台帳を初期設定」 (the built add-on in
// the Apps Script emulator) make registries that look the same, sheet by sheet and column by column:
// header labels, notes and fills, validation (kind, list, strictness, bounds, help), number format,
// width; frozen header; 「設定」's rows. Hand-checked values first, then the three against each other.
import ExcelJS from 'exceljs';
import { auth } from 'googleapis/build/src/apis/sheets';
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets';
import { ENUMS, SETTING_DEFS, SHEETS, defaultSettings } from '../../core/registry/definition';
import { HEADER_PROTECTION, PII_NOTE, registryLook, settingCell, widthPixels } from '../../core/registry/look';
import { buildTemplateXlsx } from '../../sheets-templates/xlsx/template';
import { createGoogleTemplate } from '../../sheets-templates/google/create';
import { LISTS_SHEET } from '../../sheets-templates/layout';
import { formatAt, startSheetsEmulator, validationAt, valueAt, type EmulatedSheet } from './google-emulator';
import { newEnvironment } from '../addon/harness';
import type { GasEnvironment } from '../../gas-emulator';
import type { FakeSheet } from '../../gas-emulator/sheet';

/** A column as a coordinator meets it, whoever made the sheet. */
interface SeenColumn {
  label: unknown;
  note: string;
  fill: string;
  format: string | null;
  rule: SeenRule | null;
  width: number;
}
interface SeenRule {
  kind: 'list' | 'checkbox' | 'date' | 'number';
  values?: unknown[];
  min?: number;
  max?: number;
  strict: boolean;
  help: string;
}
interface SeenSheet {
  name: string;
  columns: SeenColumn[];
  frozen: number;
}
interface SeenSetting {
  label: unknown;
  value: unknown;
  note: string;
  format: string | null;
  rule: SeenRule | null;
}
interface Seen {
  sheets: SeenSheet[];
  settings: { header: unknown[]; headerNotes: string[]; fill: string; rows: SeenSetting[]; frozen: number };
}

const settings = defaultSettings();
const empty = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : v);

// ---------------------------------------------------------------------------------------------
// XLSX, read back with exceljs

type XlsxValidation = {
  type: string;
  operator?: string;
  formulae?: unknown[];
  errorStyle?: string;
  prompt?: string;
};

function noteText(cell: ExcelJS.Cell): string {
  const n = cell.note as unknown;
  if (typeof n === 'string') return n;
  return ((n as { texts?: Array<{ text: string }> } | undefined)?.texts ?? []).map((t) => t.text).join('');
}

const hexOfArgb = (argb: string | undefined) => `#${(argb ?? '').slice(2).toLowerCase()}`;

async function seenInXlsx(): Promise<Seen> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildTemplateXlsx(settings)) as unknown as ArrayBuffer);
  const lists = wb.getWorksheet(LISTS_SHEET)!;
  /** `'_lists'!$B$2:$B$7` → the values in those cells. */
  const resolve = (formula: string): unknown[] => {
    const m = /^'_lists'!\$([A-Z])\$(\d+):\$\1\$(\d+)$/.exec(formula);
    if (!m) throw new Error(`not a lists range: ${formula}`);
    const col = m[1]!.charCodeAt(0) - 64;
    const out: unknown[] = [];
    for (let r = Number(m[2]); r <= Number(m[3]); r++) out.push(lists.getCell(r, col).value);
    return out;
  };
  const rule = (v: XlsxValidation | undefined): SeenRule | null => {
    if (!v) return null;
    const strict = v.errorStyle === undefined || v.errorStyle === 'stop';
    const help = v.prompt ?? '';
    const f = v.formulae ?? [];
    if (v.type === 'list') {
      const formula = String(f[0]);
      if (formula === '"TRUE,FALSE"') return { kind: 'checkbox', strict, help };
      const values = formula.startsWith('"') ? formula.slice(1, -1).split(',') : resolve(formula);
      return { kind: 'list', values, strict, help };
    }
    if (v.type === 'date') return { kind: 'date', strict, help };
    if (v.operator === 'between') return { kind: 'number', min: Number(f[0]), max: Number(f[1]), strict, help };
    return { kind: 'number', min: Number(f[0]), strict, help };
  };
  const sheets = SHEETS.map((def): SeenSheet => {
    const ws = wb.getWorksheet(def.name)!;
    const dv = (ws as unknown as { dataValidations: { model: Record<string, XlsxValidation | undefined> } })
      .dataValidations.model;
    return {
      name: ws.name,
      frozen: (ws.views[0] as { ySplit?: number }).ySplit ?? 0,
      columns: def.columns.map((_, i) => {
        const head = ws.getCell(1, i + 1);
        const letter = String.fromCharCode(65 + i);
        return {
          label: head.value,
          note: noteText(head),
          fill: hexOfArgb((head.fill as ExcelJS.FillPattern).fgColor?.argb),
          format: ws.getColumn(i + 1).numFmt ?? null,
          rule: rule(dv[`${letter}2`]),
          width: widthPixels(ws.getColumn(i + 1).width!),
        };
      }),
    };
  });
  const st = wb.getWorksheet('設定')!;
  const sdv = (st as unknown as { dataValidations: { model: Record<string, XlsxValidation | undefined> } })
    .dataValidations.model;
  return {
    sheets,
    settings: {
      header: [st.getCell('A1').value, st.getCell('B1').value],
      headerNotes: [noteText(st.getCell('A1')), noteText(st.getCell('B1'))],
      fill: hexOfArgb((st.getCell('A1').fill as ExcelJS.FillPattern).fgColor?.argb),
      frozen: (st.views[0] as { ySplit?: number }).ySplit ?? 0,
      rows: SETTING_DEFS.map((_, i) => ({
        label: st.getCell(i + 2, 1).value,
        value: empty(st.getCell(i + 2, 2).value),
        note: noteText(st.getCell(i + 2, 1)),
        format: st.getCell(i + 2, 2).numFmt ?? null,
        rule: rule(sdv[`B${i + 2}`]),
      })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Google template, through the emulated Sheets API

const TOKEN = 'ya29.same-look';

async function seenInGoogle(): Promise<Seen> {
  const emu = await startSheetsEmulator({ token: TOKEN });
  try {
    const client = new auth.OAuth2();
    client.setCredentials({ access_token: TOKEN });
    const made = await createGoogleTemplate({ auth: client, settings, rootUrl: emu.rootUrl });
    const book = emu.spreadsheets.get(made.spreadsheetId)!;
    const sheet = (title: string) => book.sheets.find((s) => s.properties.title === title)!;
    const lists = sheet(LISTS_SHEET);
    const hex = (c: sheets_v4.Schema$Color | undefined | null) =>
      `#${[c?.red, c?.green, c?.blue]
        .map((v) =>
          Math.round((v ?? 0) * 255)
            .toString(16)
            .padStart(2, '0'),
        )
        .join('')}`;
    const resolve = (formula: string): unknown[] => {
      const m = /^='_lists'!\$([A-Z])\$(\d+):\$\1\$(\d+)$/.exec(formula);
      if (!m) throw new Error(`not a lists range: ${formula}`);
      const out: unknown[] = [];
      for (let r = Number(m[2]); r <= Number(m[3]); r++) out.push(valueAt(lists, r - 1, m[1]!.charCodeAt(0) - 65));
      return out;
    };
    const rule = (v: sheets_v4.Schema$DataValidationRule | undefined): SeenRule | null => {
      if (!v) return null;
      const strict = v.strict === true;
      const help = v.inputMessage ?? '';
      const values = (v.condition?.values ?? []).map((x) => x.userEnteredValue);
      switch (v.condition?.type) {
        case 'ONE_OF_LIST':
          return { kind: 'list', values, strict, help };
        case 'ONE_OF_RANGE':
          return { kind: 'list', values: resolve(String(values[0])), strict, help };
        case 'BOOLEAN':
          return { kind: 'checkbox', strict, help };
        case 'DATE_IS_VALID':
          return { kind: 'date', strict, help };
        case 'NUMBER_BETWEEN':
          return { kind: 'number', min: Number(values[0]), max: Number(values[1]), strict, help };
        case 'NUMBER_GREATER_THAN_EQ':
          return { kind: 'number', min: Number(values[0]), strict, help };
        default:
          throw new Error(`unexpected rule ${v.condition?.type}`);
      }
    };
    const noteAt = (s: EmulatedSheet, r: number, c: number) => s.cells.get(`${r},${c}`)?.note ?? '';
    const sheets = SHEETS.map((def): SeenSheet => {
      const s = sheet(def.name);
      return {
        name: s.properties.title,
        frozen: s.properties.gridProperties.frozenRowCount ?? 0,
        columns: def.columns.map((_, c) => ({
          label: valueAt(s, 0, c),
          note: noteAt(s, 0, c),
          fill: hex(formatAt(s, 0, c).backgroundColorStyle?.rgbColor),
          format: formatAt(s, 1, c).numberFormat?.pattern ?? null,
          rule: rule(validationAt(s, 1, c)),
          width: s.columnPixels.get(c)!,
        })),
      };
    });
    const st = sheet('設定');
    return {
      sheets,
      settings: {
        header: [valueAt(st, 0, 0), valueAt(st, 0, 1)],
        headerNotes: [noteAt(st, 0, 0), noteAt(st, 0, 1)],
        fill: hex(formatAt(st, 0, 0).backgroundColorStyle?.rgbColor),
        frozen: st.properties.gridProperties.frozenRowCount ?? 0,
        rows: SETTING_DEFS.map((_, i) => ({
          label: valueAt(st, i + 1, 0),
          value: empty(valueAt(st, i + 1, 1)),
          note: noteAt(st, i + 1, 0),
          format: formatAt(st, i + 1, 1).numberFormat?.pattern ?? null,
          rule: rule(validationAt(st, i + 1, 1)),
        })),
      },
    };
  } finally {
    await emu.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The add-on's 「台帳を初期設定」 on a blank spreadsheet, in the Apps Script emulator

function seenInAddon(): { seen: Seen; env: GasEnvironment } {
  const env = newEnvironment();
  env.run('setupRegistry');
  const format = (f: string) => (f === 'General' ? null : f);
  const rule = (sheet: FakeSheet, row: number, col: number): SeenRule | null => {
    const v = sheet.getRange(row, col).getDataValidation();
    if (!v) return null;
    const strict = !v.getAllowInvalid();
    const help = v.getHelpText();
    const args = v.getCriteriaValues();
    switch (v.getCriteriaType()) {
      case 'VALUE_IN_LIST':
        return { kind: 'list', values: args[0] as unknown[], strict, help };
      case 'CHECKBOX':
        return { kind: 'checkbox', strict, help };
      case 'DATE_IS_VALID_DATE':
        return { kind: 'date', strict, help };
      case 'NUMBER_BETWEEN':
        return { kind: 'number', min: Number(args[0]), max: Number(args[1]), strict, help };
      case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
        return { kind: 'number', min: Number(args[0]), strict, help };
      default:
        throw new Error(`unexpected rule ${v.getCriteriaType()}`);
    }
  };
  const sheets = SHEETS.map((def): SeenSheet => {
    const sheet = env.spreadsheet.sheetForHost(def.name)!;
    const n = def.columns.length;
    const header = sheet.getRange(1, 1, 1, n);
    const [labels, notes, fills] = [header.getValues()[0]!, header.getNotes()[0]!, header.getBackgrounds()[0]!];
    return {
      name: sheet.getName(),
      frozen: sheet.getFrozenRowsForHost(),
      columns: def.columns.map((_, i) => ({
        label: labels[i],
        note: notes[i]!,
        fill: fills[i]!,
        format: format(sheet.getRange(2, i + 1).getNumberFormats()[0]![0]!),
        rule: rule(sheet, 2, i + 1),
        width: sheet.getColumnWidth(i + 1),
      })),
    };
  });
  const st = env.spreadsheet.sheetForHost('設定')!;
  const values = st.getDataRange().getValues();
  return {
    env,
    seen: {
      sheets,
      settings: {
        header: values[0]!.slice(0, 2),
        headerNotes: st.getRange(1, 1, 1, 2).getNotes()[0]!,
        fill: st.getRange(1, 1).getBackgrounds()[0]![0]!,
        frozen: st.getFrozenRowsForHost(),
        rows: SETTING_DEFS.map((_, i) => ({
          label: values[i + 1]![0],
          value: empty(values[i + 1]![1]),
          note: st.getRange(i + 2, 1).getNotes()[0]![0]!,
          format: format(st.getRange(i + 2, 2).getNumberFormats()[0]![0]!),
          rule: rule(st, i + 2, 2),
        })),
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------

let xlsx: Seen;
let google: Seen;
let addon: Seen;
let env: GasEnvironment;

beforeAll(async () => {
  xlsx = await seenInXlsx();
  google = await seenInGoogle();
  ({ seen: addon, env } = seenInAddon());
}, 60_000);

const makers = () =>
  [
    ['XLSX', xlsx],
    ['Google', google],
    ['add-on', addon],
  ] as const;

describe('hand-checked: what each maker puts in 「ケース」', () => {
  const column = (seen: Seen, label: string) => seen.sheets[0]!.columns.find((c) => c.label === label)!;

  test.each(['XLSX', 'Google', 'add-on'] as const)('%s', (maker) => {
    const seen = { XLSX: xlsx, Google: google, 'add-on': addon }[maker];
    expect(seen.sheets[0]!.name).toBe('ケース');
    expect(seen.sheets[0]!.frozen).toBe(1);
    expect(column(seen, 'ケースID')).toEqual({
      label: 'ケースID',
      note: '必須\nK-<年度>-<4桁>（アドオンが採番）',
      fill: '#dde7f3',
      format: '@',
      rule: null,
      width: 103,
    });
    expect(column(seen, '受付日')).toEqual({
      label: '受付日',
      note: '必須\n日付（2024-04-01、2024/4/1、令和6年4月1日、R6.4.1 のどれでも可）',
      fill: '#dde7f3',
      format: 'yyyy-mm-dd',
      rule: { kind: 'date', strict: false, help: '受付日: 日付（2024-04-01、2024/4/1、令和6年4月1日 など）' },
      width: 89,
    });
    expect(column(seen, '相談経路').rule).toEqual({
      kind: 'list',
      values: ['本人', '家族・親族', '民生委員・児童委員', '地域住民', '関係機関', '庁内関係課', '匿名', 'その他'],
      strict: true,
      help: '相談経路: 一覧から選んでください。',
    });
    expect(column(seen, '受付窓口').rule).toEqual({
      kind: 'list',
      values: [
        '地域包括支援センター',
        '障がい者生活支援センター',
        '自立支援相談コーナー',
        'こども家庭センター',
        '地域共生推進課',
        'その他',
      ],
      strict: false,
      help: '受付窓口: 「設定」シートの一覧から選びます。一覧にない値は警告になります（必要なら「設定」に追加）。',
    });
    expect(column(seen, '分野')).toMatchObject({
      note: '必須\n複数の値は「、」で区切って入力します（例: 高齢、障がい）。',
      format: '@',
      rule: null,
    });
    expect(column(seen, '世帯人数')).toMatchObject({
      format: '0',
      rule: { kind: 'number', min: 1, strict: true, help: '世帯人数: 1 以上の整数を入力してください。' },
    });
    expect(column(seen, '多機関協働')).toMatchObject({
      note: 'チェックあり（TRUE）は「はい」、なし（FALSE）は「いいえ」',
      format: null,
      rule: { kind: 'checkbox', strict: true, help: '' },
    });
    expect(column(seen, '氏名')).toEqual({
      label: '氏名',
      note: '個人情報（PII）: この列はスプレッドシートの外に出しません（同期・書き出し・ログの対象外）。',
      fill: '#f8d0d0',
      format: '@',
      rule: null,
      width: 215,
    });
  });

  test('the constants those values come from', () => {
    expect(PII_NOTE).toBe(
      '個人情報（PII）: この列はスプレッドシートの外に出しません（同期・書き出し・ログの対象外）。',
    );
    expect(widthPixels(14)).toBe(103);
    expect(widthPixels(12)).toBe(89);
    expect(ENUMS.referralSource).toHaveLength(8);
  });
});

describe('the three makers, sheet by sheet and column by column', () => {
  test('the same sheets in the same order, each column the same as the XLSX template’s', () => {
    for (const [maker, seen] of makers()) {
      expect([maker, seen.sheets.map((s) => s.name)]).toEqual([maker, SHEETS.map((s) => s.name)]);
      seen.sheets.forEach((sheet, k) => {
        expect([maker, sheet.name, 'frozen', sheet.frozen]).toEqual([maker, sheet.name, 'frozen', 1]);
        sheet.columns.forEach((c, i) => {
          // Named, so a difference says who, which sheet and which column.
          expect([maker, sheet.name, c.label, c]).toEqual([maker, sheet.name, c.label, xlsx.sheets[k]!.columns[i]]);
        });
      });
    }
  });

  test('and that look is the one core/registry/look.ts declares', () => {
    registryLook(settings).forEach((look, k) => {
      look.columns.forEach((c, i) => {
        const seen = xlsx.sheets[k]!.columns[i]!;
        expect([look.name, c.label, seen.label, seen.note, seen.fill, seen.format, seen.width]).toEqual([
          look.name,
          c.label,
          c.label,
          c.note,
          c.fill,
          c.numberFormat,
          widthPixels(c.width),
        ]);
        expect([look.name, c.label, seen.rule?.kind ?? null]).toEqual([
          look.name,
          c.label,
          c.rule === null ? null : ({ choice: 'list', settingsList: 'list' }[c.rule.kind as string] ?? c.rule.kind),
        ]);
      });
    });
  });

  test('every enum column offers exactly its values, strictly; every settings-list column its list, with a warning', () => {
    for (const [maker, seen] of makers())
      SHEETS.forEach((def, k) =>
        def.columns.forEach((col, i) => {
          const rule = seen.sheets[k]!.columns[i]!.rule;
          if (col.type === 'enum')
            expect([maker, col.label, rule]).toMatchObject([maker, col.label, { values: col.values, strict: true }]);
          // An empty list (担当者 until the office fills it in): no dropdown, the same in all three.
          if (col.type === 'list' && !settings[col.list].length)
            expect([maker, col.label, rule]).toEqual([maker, col.label, null]);
          else if (col.type === 'list')
            expect([maker, col.label, rule]).toMatchObject([
              maker,
              col.label,
              { values: settings[col.list], strict: false },
            ]);
        }),
      );
  });

  test('「設定」: the same headers, notes, rows, formats and bounds, one row per SETTING_DEFS entry with its default', () => {
    expect(xlsx.settings).toEqual({
      header: ['項目', '値'],
      headerNotes: ['設定の名前（変更しないでください）', '空欄は既定値になります。一覧は「、」で区切ります。'],
      fill: '#e6efd9',
      frozen: 1,
      rows: expect.any(Array),
    });
    // Every row is its SETTING_DEFS entry's, in order (a new setting needs no edit here) …
    expect(xlsx.settings.rows.map((r) => [r.label, r.value])).toEqual(
      SETTING_DEFS.map((d) => [d.label, settingCell(settings[d.key])]),
    );
    // … and the first eight, by hand.
    expect(xlsx.settings.rows.slice(0, 8).map((r) => [r.label, r.value, r.format])).toEqual([
      ['自治体名', undefined, '@'],
      ['年度開始月', 4, '0'],
      ['エリア', '東、西', '@'],
      ['受付窓口', settings.windows.join('、'), '@'],
      ['拠点種別', settings.placeTypes.join('、'), '@'],
      ['課題', settings.issueTags.join('、'), '@'],
      ['人口', undefined, '0'],
      ['公表時の秘匿しきい値', 5, '0'],
    ]);
    expect(xlsx.settings.rows[1]!.rule).toEqual({
      kind: 'number',
      min: 1,
      max: 12,
      strict: true,
      help: '年度開始月: 1〜12 の整数を入力してください。',
    });
    expect(xlsx.settings.rows[6]!.rule).toMatchObject({ kind: 'number', min: 1 });
    expect(xlsx.settings.rows.map((r) => r.note)).toEqual(SETTING_DEFS.map((d) => d.help));
    expect(google.settings).toEqual(xlsx.settings);
    expect(addon.settings).toEqual(xlsx.settings);
  });

  test('the header rows are protected with a warning only, under one description, in Sheets (not in the XLSX)', () => {
    for (const def of SHEETS) {
      const p = env.spreadsheet.sheetForHost(def.name)!.protectionsForHost();
      expect(p.map((x) => [x.getDescription(), x.isWarningOnly()])).toEqual([[HEADER_PROTECTION, true]]);
    }
  });
});
