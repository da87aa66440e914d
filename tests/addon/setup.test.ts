// 「台帳を初期設定」 through the built bundle: a blank spreadsheet, a filled one, a repair, a refusal.
import { ENUMS, SHEETS, SETTING_DEFS } from '../../core/registry/definition';
import { newEnvironment, records, sheetValues, validIntake } from './harness';
import type { GasEnvironment } from '../../gas-emulator';
import { officeSheets, type OfficeSheets } from '../fixtures/office';
import { TOWN } from '../fixtures/town';

interface Report {
  ok: boolean;
  created: string[];
  repaired: Array<{ sheet: string; addedColumns: string[] }>;
  unchanged: string[];
  message: string;
}

const setup = (env: GasEnvironment) => env.run('setupRegistry') as Report;
const ALL = ['設定', ...SHEETS.map((s) => s.name)];

function state(env: GasEnvironment) {
  return env.spreadsheet.sheetNamesForHost().map((name) => {
    const sheet = env.spreadsheet.sheetForHost(name)!;
    return {
      name,
      values: sheet.getDataRange().getValues(),
      protections: sheet.protectionsForHost().length,
      frozen: sheet.getFrozenRowsForHost(),
    };
  });
}

test("on a blank spreadsheet it creates every sheet with the contract's headers, formats and lists", () => {
  const env = newEnvironment();
  const r = setup(env);
  expect(r.ok).toBe(true);
  expect(r.created).toEqual(ALL);
  expect(env.spreadsheet.sheetNamesForHost()).toEqual(['シート1', ...ALL]);
  for (const def of SHEETS) {
    expect(sheetValues(env, def.name)).toEqual([def.columns.map((c) => c.label)]);
    const sheet = env.spreadsheet.sheetForHost(def.name)!;
    expect(sheet.getFrozenRowsForHost()).toBe(1);
    const [p] = sheet.protectionsForHost();
    expect(p!.isWarningOnly()).toBe(true);
    expect(p!.getRange()!.getA1Notation()).toBe(`A1:${String.fromCharCode(64 + def.columns.length)}1`);
  }
  const cases = env.spreadsheet.sheetForHost('ケース')!;
  // 相談経路 (column D) offers the enum as a dropdown; エリア (J) the 設定 list; 受付日 (B) is a date column.
  const route = cases.getRange('D2').getDataValidation()!;
  expect(route.getCriteriaType()).toBe('VALUE_IN_LIST');
  expect(route.getCriteriaValues()[0]).toEqual([...ENUMS.referralSource]);
  // Strict, as in both templates: a value outside the enum is refused (a settings list only warns).
  expect(route.getAllowInvalid()).toBe(false);
  expect(route.getHelpText()).toBe('相談経路: 一覧から選んでください。');
  expect(cases.getRange('E2').getDataValidation()!.getAllowInvalid()).toBe(true); // 受付窓口
  expect(cases.getRange('J1000').getDataValidation()!.getCriteriaValues()[0]).toEqual(['東', '西']);
  expect(cases.getRange('B2').getNumberFormats()).toEqual([['yyyy-mm-dd']]);
  expect(cases.getRange('O2').getDataValidation()!.getCriteriaType()).toBe('CHECKBOX');
  // Text columns are plain text so 0120… keeps its zero; PII headers are marked.
  expect(cases.getRange('W2').getNumberFormats()).toEqual([['@']]);
  expect(cases.getRange('V1').getNotes()[0]![0]).toBe(
    '個人情報（PII）: この列はスプレッドシートの外に出しません（同期・書き出し・ログの対象外）。',
  );
  expect(cases.getRange('V1').getBackgrounds()[0]![0]).toBe('#f8d0d0');
  expect(cases.getRange('A1').getBackgrounds()[0]![0]).toBe('#dde7f3');
  expect(cases.getRange('A1').getNotes()[0]![0]).toBe('必須\nK-<年度>-<4桁>（アドオンが採番）');
  // Integers as integers; 世帯人数 at least 1; a sheet made here gets the templates' widths.
  expect(cases.getRange('K2').getNumberFormats()).toEqual([['0']]);
  expect(cases.getRange('K2').getDataValidation()!.getCriteriaValues()).toEqual([1]);
  expect(cases.getColumnWidth(1)).toBe(103);
  const settings = sheetValues(env, '設定');
  expect(settings[0]).toEqual(['項目', '値']);
  expect(settings.slice(1).map((r) => r[0])).toEqual(SETTING_DEFS.map((d) => d.label));
  expect(settings.find((r) => r[0] === 'エリア')).toEqual(['エリア', '東、西']);
  expect(settings.find((r) => r[0] === '年度開始月')).toEqual(['年度開始月', 4]);
  // Each setting's row says what it is for, and a number's cell takes the setting's bounds.
  const st = env.spreadsheet.sheetForHost('設定')!;
  expect(st.getRange('A3').getNotes()[0]![0]).toBe(
    '年度の最初の月（1〜12）。年度・ケースIDの年度はこの月から数えます。',
  );
  expect(st.getRange('B3').getDataValidation()!.getCriteriaType()).toBe('NUMBER_BETWEEN');
  expect(st.getRange('B3').getDataValidation()!.getCriteriaValues()).toEqual([1, 12]);
  expect(st.getRange('B4').getNumberFormats()).toEqual([['@']]); // エリア: 8050 stays text in a list
  expect(st.getRange('A1').getBackgrounds()[0]![0]).toBe('#e6efd9');
  expect(env.ui.alerts[0]!.title).toBe('台帳を初期設定しました');
});

test('run again on a filled spreadsheet it changes nothing: data rows, protections and all', () => {
  const env = newEnvironment();
  setup(env);
  env.run('submitIntake', [validIntake]);
  // Another person (another name and contact): the same one again would be asked about as a duplicate.
  env.run('submitIntake', [{ ...validIntake, receivedOn: '2025-06-01', name: '架空 花子', contact: '0120-000-001' }]);
  const before = state(env);
  const r = setup(env);
  expect(r.ok).toBe(true);
  expect(r.created).toEqual([]);
  expect(r.repaired).toEqual([]);
  expect(r.unchanged).toEqual(ALL);
  expect(state(env)).toEqual(before);
  expect(records(env, 'ケース').map((c) => c['ケースID'])).toEqual(['K-2025-0001', 'K-2025-0002']);
});

test('it repairs a sheet that lacks columns by adding them at the right end, leaving data rows where they are', () => {
  const env = newEnvironment();
  const sheet = env.spreadsheet.insertSheet('ケース');
  sheet.getRange(1, 1, 2, 3).setValues([
    ['ケースID', '受付日', '相談経路'],
    ['K-2024-0001', new Date(Date.UTC(2024, 4, 1) - 9 * 3600000), '本人'],
  ]);
  const r = setup(env);
  expect(r.ok).toBe(true);
  const added = SHEETS[0].columns.map((c) => c.label).filter((l) => !['ケースID', '受付日', '相談経路'].includes(l));
  expect(r.repaired).toEqual([{ sheet: 'ケース', addedColumns: added }]);
  const values = sheetValues(env, 'ケース');
  expect(values[0]).toEqual(['ケースID', '受付日', '相談経路', ...added]);
  expect(values[1]!.slice(0, 3)).toEqual(['K-2024-0001', new Date(Date.UTC(2024, 4, 1) - 9 * 3600000), '本人']);
  expect(values[1]!.slice(3).every((v) => v === '')).toBe(true);
  // Intake writes by header label, so the reordered sheet still lines up.
  const saved = env.run('submitIntake', [validIntake]) as { caseId: string; row: number };
  expect(saved).toMatchObject({ caseId: 'K-2025-0001', row: 3 });
  expect(records(env, 'ケース')[1]!['相談経路']).toBe('民生委員・児童委員');
});

test('it refuses politely, changing nothing, when a sheet of that name holds something else', () => {
  const env = newEnvironment();
  const other = env.spreadsheet.insertSheet('会議');
  other.getRange(1, 1, 2, 2).setValues([
    ['日時', '議題'],
    ['4月', '予算'],
  ]);
  const before = state(env);
  const r = setup(env);
  expect(r.ok).toBe(false);
  expect(r.message).toContain('台帳の初期設定を中止しました。何も変更していません。');
  expect(r.message).toContain('「会議」シート: 10行目までに台帳の見出しの行が見つからないのに、内容があります。');
  expect(state(env)).toEqual(before);
  expect(env.ui.alerts[0]!.title).toBe('台帳を初期設定できません');
});

test('settings a coordinator changed are kept, and the dropdowns follow them', () => {
  const env = newEnvironment();
  const s = env.spreadsheet.insertSheet('設定');
  s.getRange(1, 1, 2, 2).setValues([
    ['項目', '値'],
    ['エリア', '北、南、中央'],
  ]);
  setup(env);
  const settings = sheetValues(env, '設定');
  expect(settings[1]).toEqual(['エリア', '北、南、中央']);
  expect(settings).toHaveLength(1 + SETTING_DEFS.length);
  const area = env.spreadsheet.sheetForHost('ケース')!.getRange('J2').getDataValidation()!;
  expect(area.getCriteriaValues()[0]).toEqual(['北', '南', '中央']);
  // The coordinator's own row (row 2) gets its note; the rows added below it theirs.
  expect(s.getRange('A2').getNotes()[0]![0]).toBe('「エリア」列の選択肢（日常生活圏域など）。');
  expect(settings[2]![0]).toBe('自治体名');
  expect(s.getRange('A3').getNotes()[0]![0]).toBe('集計の表題と、Google スプレッドシートの名前に入ります。');
  // A sheet the office made keeps the widths it chose.
  expect(s.getColumnWidth(1)).toBe(100);
});

describe('on a registry in use, the office lists (担当者, 関係機関, 受け入れ先) take the values already typed', () => {
  /** ひなた町's office workbook as it was before the lists: 担当者 typed on three cases, 「設定」 without the new rows but 担当者. */
  function officeBefore(): OfficeSheets {
    const sheets = officeSheets({ ...TOWN, settings: { ...TOWN.settings, agencies: [], placements: [] } });
    const cases = sheets['ケース']!;
    const staff = cases[2]!.indexOf('担当者');
    // Row 4 「 相談員B」 (a space before), row 5 相談員A, row 6 相談員Ｂ (full width: 相談員B again), row 7 相談員C,
    // row 8 two names in one cell (相談員D is new).
    [' 相談員B', '相談員A', '相談員Ｂ', '相談員C', '相談員A、相談員D'].forEach((v, i) => (cases[3 + i]![staff] = v));
    // The office already lists 相談員C and 相談員A, in its own order; 関係機関 and 受け入れ先 have no row.
    sheets['設定'] = sheets['設定']!.filter((r) => r[0] !== '関係機関' && r[0] !== '受け入れ先').map((r) =>
      r[0] === '担当者' ? ['担当者', '相談員C、相談員A'] : r,
    );
    return sheets;
  }

  function load(env: GasEnvironment, sheets: OfficeSheets): void {
    for (const [name, rows] of Object.entries(sheets)) {
      const sheet = env.spreadsheet.insertSheet(name);
      const width = Math.max(...rows.map((r) => r.length));
      if (rows.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
      if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
      sheet
        .getRange(1, 1, rows.length, width)
        .setValues(rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')));
    }
  }

  const settingOf = (env: GasEnvironment, label: string) => sheetValues(env, '設定').find((r) => r[0] === label)?.[1];

  test('added after what the office has, once each, said in the result; a second run adds nothing; validation is clean', () => {
    const env = newEnvironment();
    load(env, officeBefore());
    // Before: 「3人」 and the three 担当者 outside the list are cell issues; the two 主担当機関 and six
    // 受け入れ先, whose lists are empty, one issue each naming their rows.
    expect((env.run('validateWorkbook') as { issues: number }).issues).toBe(1 + 3 + 1 + 1);
    const r = setup(env);
    expect(r.ok).toBe(true);
    expect(r.message).toContain('設定「担当者」に 2 件を追加しました（台帳にあった値）。');
    expect(r.message).toContain('設定「関係機関」に 1 件を追加しました（台帳にあった値）。');
    expect(r.message).toContain('設定「受け入れ先」に 2 件を追加しました（台帳にあった値）。');
    expect(r.repaired).toContainEqual({ sheet: '設定', addedColumns: ['関係機関', '受け入れ先'] });
    // The office's order kept, the new value after it; the missing rows added with the values found.
    expect(settingOf(env, '担当者')).toBe('相談員C、相談員A、相談員B、相談員D');
    expect(settingOf(env, '関係機関')).toBe('ひなた町地域包括支援センター');
    expect(settingOf(env, '受け入れ先')).toBe('ひなた農園、ひなたサロン東');
    // The 担当者 dropdown now offers the list (a warning only, as for every settings list).
    const cases = sheetValues(env, 'ケース');
    const column = cases[2]!.indexOf('担当者') + 1;
    const rule = env.spreadsheet.sheetForHost('ケース')!.getRange(4, column).getDataValidation()!;
    expect(rule.getCriteriaValues()[0]).toEqual(['相談員C', '相談員A', '相談員B', '相談員D']);

    const before = sheetValues(env, '設定');
    const again = setup(env);
    expect(again.message).not.toContain('件を追加しました');
    expect(again.unchanged).toContain('設定');
    expect(sheetValues(env, '設定')).toEqual(before);

    // Left: the office workbook's one typo, 「3人」 in 世帯人数, and the two names in one 担当者 cell (row 8).
    expect(env.run('validateWorkbook')).toMatchObject({ ok: true, issues: 2 });
    const [, ...lines] = sheetValues(env, '検証結果');
    expect(lines.filter((l) => !String(l[4]).startsWith('お知らせ')).map((l) => [l[0], l[1], l[2], l[3]])).toEqual([
      ['ケース', 8, '担当者', 'value.list'],
      ['ケース', 11, '世帯人数', 'value.integer'],
    ]);
  });
});
