import ExcelJS from 'exceljs';
import { ENUMS, SETTING_DEFS, SHEETS, defaultSettings, type ColumnDef } from '../../core/registry/definition';
import { buildTemplateXlsx } from '../../sheets-templates/xlsx/template';
import { LISTS_SHEET } from '../../sheets-templates/layout';
import { PII_NOTE, settingCell } from '../../core/registry/look';

const COLORS = { header: 'FFDDE7F3', pii: 'FFF8D0D0', settings: 'FFE6EFD9' };

type Validation = { type: string; formulae: unknown[]; errorStyle?: string; operator?: string; prompt?: string };
const validationsOf = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { model: Record<string, Validation | undefined> } }).dataValidations.model;
const letter = (i: number) => String.fromCharCode(64 + i); // the contract's sheets have ≤ 26 columns

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const noteText = (cell: ExcelJS.Cell): string => {
  const n = cell.note as unknown;
  if (typeof n === 'string') return n;
  const texts = (n as { texts?: Array<{ text: string }> } | undefined)?.texts ?? [];
  return texts.map((t) => t.text).join('');
};

describe('kasane-registry.xlsx template', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await load(await buildTemplateXlsx());
  });

  test('every sheet of the contract by its Japanese name, then 設定 and the hidden list sheet; no output sheets', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'ケース',
      '会議',
      '検討ケース',
      '支援記録',
      '居場所・拠点',
      'プラットフォーム参加団体',
      'フードドライブ参画団体',
      '寄付',
      '設定',
      '_lists',
    ]);
    expect(wb.getWorksheet('_lists')!.state).toBe('hidden');
    for (const name of ['指標', '月次集計', '検証結果']) expect(wb.getWorksheet(name)).toBeUndefined();
  });

  test('header rows hold the Japanese labels in contract order, frozen, and no data rows', () => {
    for (const sheet of SHEETS) {
      const ws = wb.getWorksheet(sheet.name)!;
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(sheet.columns.map((c) => c.label));
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.actualRowCount).toBe(1);
    }
    expect((wb.getWorksheet('ケース')!.getRow(1).values as unknown[]).slice(1, 6)).toEqual([
      'ケースID',
      '受付日',
      '受付方法',
      '相談経路',
      '受付窓口',
    ]);
  });

  test('enum columns get their values as a strict dropdown', () => {
    const ws = wb.getWorksheet('ケース')!;
    const dv = validationsOf(ws);
    expect(dv['C2']).toMatchObject({
      type: 'list',
      formulae: ['"来所,電話,訪問,メール・SNS,文書,その他"'],
      errorStyle: 'stop',
    });
    expect(dv['Q2']!.formulae).toEqual([`"${ENUMS.stage.join(',')}"`]);
    expect(dv['Q5000']).toEqual(dv['Q2']); // the dropdown reaches far down the sheet
    const meetings = validationsOf(wb.getWorksheet('会議')!);
    expect(meetings['C2']!.formulae).toEqual([`"${ENUMS.meetingType.join(',')}"`]);
  });

  test('every enum, list and boolean column has a dropdown, every date column a date rule; multi-value and text columns none', () => {
    for (const sheet of SHEETS) {
      const dv = validationsOf(wb.getWorksheet(sheet.name)!);
      (sheet.columns as readonly ColumnDef[]).forEach((c, i) => {
        const v = dv[`${letter(i + 1)}2`];
        // 担当者, 主担当機関 and 受け入れ先 start with empty lists: no dropdown of nothing (Sheets refuses one).
        if (c.type === 'list' && !defaultSettings()[c.list!].length) expect(v).toBeUndefined();
        else if (c.type === 'enum' || c.type === 'list' || c.type === 'boolean') expect(v?.type).toBe('list');
        else if (c.type === 'date') expect(v).toMatchObject({ type: 'date', errorStyle: 'warning' });
        else if (c.type === 'integer' || c.type === 'number') expect(v?.type ?? 'none').not.toBe('list');
        else expect(v).toBeUndefined();
      });
    }
  });

  test('a date rule warns but keeps 令和6年4月1日 typed as text; the help is the input message', () => {
    const v = validationsOf(wb.getWorksheet('ケース')!)['B2']!;
    expect(v).toMatchObject({
      type: 'date',
      operator: 'greaterThanOrEqual',
      errorStyle: 'warning',
      prompt: '受付日: 日付（2024-04-01、2024/4/1、令和6年4月1日 など）',
    });
    expect((v.formulae[0] as Date).toISOString()).toBe('1900-01-01T00:00:00.000Z');
  });

  test('settings-list columns refer to the hidden sheet, whose columns hold the 設定 lists', () => {
    const cases = validationsOf(wb.getWorksheet('ケース')!);
    expect(cases['E2']).toMatchObject({ type: 'list', formulae: ["'_lists'!$B$2:$B$7"], errorStyle: 'warning' }); // 受付窓口
    expect(cases['J2']!.formulae).toEqual(["'_lists'!$A$2:$A$3"]); // エリア
    expect(validationsOf(wb.getWorksheet('居場所・拠点')!)['C2']!.formulae).toEqual(["'_lists'!$C$2:$C$9"]);
    const lists = wb.getWorksheet(LISTS_SHEET)!;
    const column = (n: number) => (lists.getColumn(n).values as unknown[]).slice(2).filter((v) => v !== undefined);
    const d = defaultSettings();
    expect(column(1)).toEqual(['東', '西']);
    expect(column(2)).toEqual(d.windows);
    expect(column(3)).toEqual(d.placeTypes);
    expect(column(4)).toEqual(d.issueTags);
  });

  test('boolean columns: TRUE/FALSE dropdown; integers: whole-number rule', () => {
    expect(validationsOf(wb.getWorksheet('ケース')!)['O2']!.formulae).toEqual(['"TRUE,FALSE"']); // 多機関協働
    expect(validationsOf(wb.getWorksheet('会議')!)['G2']!.formulae).toEqual(['"TRUE,FALSE"']); // 守秘義務確認
    expect(validationsOf(wb.getWorksheet('ケース')!)['K2']).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [1],
    });
  });

  test('date columns are formatted yyyy-mm-dd, integers 0, text-like columns @ (8050 and 0120 stay as typed)', () => {
    const ws = wb.getWorksheet('ケース')!;
    expect(ws.getColumn(2).numFmt).toBe('yyyy-mm-dd'); // 受付日
    expect(ws.getColumn(13).numFmt).toBe('yyyy-mm-dd'); // 同意日
    expect(ws.getColumn(1).numFmt).toBe('@'); // ケースID
    expect(ws.getColumn(7).numFmt).toBe('@'); // 課題
    expect(ws.getColumn(11).numFmt).toBe('0'); // 世帯人数
    expect(ws.getColumn(15).numFmt).toBeUndefined(); // 多機関協働
    expect(wb.getWorksheet('寄付')!.getColumn(6).numFmt).toBeUndefined(); // 重量(kg) keeps its decimals
  });

  test('multi-value headers explain 、; help and required become header notes; widths are set', () => {
    const ws = wb.getWorksheet('ケース')!;
    expect(noteText(ws.getCell('F1'))).toContain('「、」で区切って');
    expect(noteText(ws.getCell('G1'))).toContain('「、」で区切って');
    expect(noteText(ws.getCell('A1'))).toContain('K-<年度>-<4桁>');
    expect(noteText(ws.getCell('A1'))).toContain('必須');
    expect(noteText(ws.getCell('L1'))).toContain('空欄は「未確認」');
    expect(noteText(wb.getWorksheet('会議')!.getCell('G1'))).toContain('社会福祉法第106条の6第6項');
    expect(noteText(wb.getWorksheet('フードドライブ参画団体')!.getCell('C1'))).toContain(
      '食品の配付＝フードパントリー',
    );
    for (let i = 1; i <= 25; i++) expect(ws.getColumn(i).width).toBeGreaterThanOrEqual(10);
    expect(ws.getColumn(6).width).toBeGreaterThan(ws.getColumn(2).width!); // 分野 wider than 受付日
  });

  test('PII columns are marked: own header colour and the note', () => {
    for (const sheet of SHEETS) {
      const ws = wb.getWorksheet(sheet.name)!;
      (sheet.columns as readonly ColumnDef[]).forEach((c, i) => {
        const cell = ws.getCell(`${letter(i + 1)}1`);
        const fill = cell.fill as ExcelJS.FillPattern;
        if (c.pii) {
          expect(fill.fgColor?.argb).toBe(COLORS.pii);
          expect(noteText(cell)).toContain(PII_NOTE);
        } else {
          expect(fill.fgColor?.argb).toBe(COLORS.header);
          expect(noteText(cell)).not.toContain(PII_NOTE);
        }
      });
    }
    expect(PII_NOTE).toBe(
      '個人情報（PII）: この列はスプレッドシートの外に出しません（同期・書き出し・ログの対象外）。',
    );
  });

  test('「設定」: 項目 / 値 headers and one row per setting with its default', () => {
    const ws = wb.getWorksheet('設定')!;
    const rows = (ws.getSheetValues() as unknown[][]).slice(1).map((r) => [r[1], r[2]]);
    // Every row is its SETTING_DEFS entry's, in order: a new setting needs no edit here.
    expect(rows.slice(1)).toEqual(SETTING_DEFS.map((d) => [d.label, settingCell(defaultSettings()[d.key])]));
    // The first eight, by hand.
    expect(rows.slice(0, 9)).toEqual([
      ['項目', '値'],
      ['自治体名', undefined],
      ['年度開始月', 4],
      ['エリア', '東、西'],
      [
        '受付窓口',
        '地域包括支援センター、障がい者生活支援センター、自立支援相談コーナー、こども家庭センター、地域共生推進課、その他',
      ],
      [
        '拠点種別',
        '通いの場、サロン、こども食堂・地域食堂、認知症カフェ、ささえあいの家、地域子育て支援拠点、地域活動支援センター、その他',
      ],
      ['課題', defaultSettings().issueTags.join('、')],
      ['人口', undefined],
      ['公表時の秘匿しきい値', 5],
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(SETTING_DEFS.map((d) => d.label));
  });

  test('given settings fill 設定 and the dropdown lists', async () => {
    const settings = {
      ...defaultSettings(),
      municipality: 'かさね町',
      areas: ['北', '中央', '南'],
      population: 12000,
      staff: ['相談員A', '相談員B'],
    };
    const custom = await load(await buildTemplateXlsx(settings));
    const st = custom.getWorksheet('設定')!;
    expect(st.getCell('B2').value).toBe('かさね町');
    expect(st.getCell('B4').value).toBe('北、中央、南');
    expect(st.getCell('B8').value).toBe(12000);
    expect([st.getCell('A10').value, st.getCell('B10').value]).toEqual(['担当者', '相談員A、相談員B']);
    expect([st.getCell('A11').value, st.getCell('B11').value]).toEqual(['関係機関', null]);
    const cases = validationsOf(custom.getWorksheet('ケース')!);
    expect(cases['J2']!.formulae).toEqual(["'_lists'!$A$2:$A$4"]);
    // 担当者 (S) offers its list from the lists sheet's fifth column; 主担当機関 (R), still empty, nothing.
    expect(cases['S2']).toMatchObject({ type: 'list', formulae: ["'_lists'!$E$2:$E$3"], errorStyle: 'warning' });
    expect(cases['R2']).toBeUndefined();
    expect((custom.getWorksheet('_lists')!.getColumn(1).values as unknown[]).slice(2)).toEqual(['北', '中央', '南']);
  });
});
