// 「台帳を検証する」 through the bundle: 検証結果 with a link to each cell, and the cells marked.
import { newEnvironment, records, sheetValues } from './harness';
import { loadRegistry } from '../../addon/preview/workbook';
import type { GasEnvironment } from '../../gas-emulator';
import { CONSENTED_CASE } from '../fixtures/cases';

const GOOD = CONSENTED_CASE;
const UNCONSENTED = { ...GOOD, caseId: 'K-2025-0002', consent: '未確認', consentOn: undefined };

function ready(): GasEnvironment {
  const env = newEnvironment();
  env.run('setupRegistry');
  loadRegistry(env, {
    settings: {},
    sheets: {
      cases: [GOOD, { ...UNCONSENTED, caseId: 'K-2025-0003', area: '北' }, UNCONSENTED, GOOD],
      meetings: [{ meetingId: 'M-2025-0001', heldOn: '2025-05-20', type: '重層的支援会議' }],
      meetingCases: [{ meetingId: 'M-2025-0001', caseId: 'K-2025-0002', purpose: '情報共有' }],
    },
  });
  return env;
}

test('every issue goes to 検証結果 with a link to its cell; the cells get a note and a colour', () => {
  const env = ready();
  const cases = env.spreadsheet.sheetForHost('ケース')!;
  const gidCases = cases.idForHost();
  const gidMc = env.spreadsheet.sheetForHost('検討ケース')!.idForHost();
  const r = env.run('validateWorkbook') as { ok: boolean; issues: number; bySheet: Record<string, number> };
  expect(r).toMatchObject({ ok: true, issues: 3, bySheet: { ケース: 2, 検討ケース: 1 } });
  const rows = records(env, '検証結果');
  expect(rows.map((x) => [x['シート'], x['行'], x['項目'], x['コード']])).toEqual([
    ['ケース', 3, 'エリア', 'value.list'],
    ['ケース', 5, 'ケースID', 'id.duplicate'],
    ['検討ケース', 2, 'ケースID', 'consent.required'],
  ]);
  expect(rows.every((x) => /[ぁ-んァ-ン一-龥]/.test(String(x['内容'])))).toBe(true);
  const formulas = env.spreadsheet.sheetForHost('検証結果')!.getRange('F2:F4').getFormulas();
  expect(formulas).toEqual([
    [`=HYPERLINK("#gid=${gidCases}&range=J3","ケース!J3")`],
    [`=HYPERLINK("#gid=${gidCases}&range=A5","ケース!A5")`],
    [`=HYPERLINK("#gid=${gidMc}&range=B2","検討ケース!B2")`],
  ]);
  expect(rows[0]!['セル']).toBe('ケース!J3');
  expect(cases.getRange('J3').getNotes()[0]![0]).toMatch(/^【かさね検証】\n「ケース」シート 3行目「エリア」: /);
  expect(cases.getRange('J3').getBackgrounds()[0]![0]).toBe('#fce8b2');
  expect(cases.getRange('J2').getBackgrounds()[0]![0]).toBe('#ffffff');
  expect(env.spreadsheet.toasts.at(-1)!.message).toBe(
    '検証しました: 3 件の問題があります。「検証結果」シートで確認してください。',
  );
});

test("after the faults are fixed, validating again clears its marks and keeps the coordinator's own notes", () => {
  const env = ready();
  const cases = env.spreadsheet.sheetForHost('ケース')!;
  cases.getRange('J3').setNote('電話で確認中');
  env.run('validateWorkbook');
  expect(cases.getRange('J3').getNotes()[0]![0]).toMatch(/^電話で確認中\n【かさね検証】\n/);
  cases.getRange('J3').setValue('西');
  cases.getRange('A5').setValue('K-2025-0005');
  env.spreadsheet.sheetForHost('会議')!.getRange('C2').setValue('支援会議');
  env.spreadsheet.sheetForHost('会議')!.getRange('G2').setValue(true);
  const r = env.run('validateWorkbook') as { issues: number };
  expect(r.issues).toBe(0);
  expect(cases.getRange('J3').getNotes()[0]![0]).toBe('電話で確認中');
  expect(cases.getRange('J3').getBackgrounds()[0]![0]).toBe('#ffffff');
  expect(sheetValues(env, '検証結果')).toEqual([
    ['シート', '行', '項目', 'コード', '内容', 'セル'],
    ['', '', '', '', '問題は見つかりませんでした。', ''],
  ]);
});

test('validating before setup says what to do', () => {
  const env = newEnvironment();
  expect(env.run('validateWorkbook')).toMatchObject({ ok: false, message: expect.stringContaining('台帳を初期設定') });
  expect(env.ui.alerts[0]!.title).toBe('台帳を検証できません');
});

test('only rows whose marks change are written back; a clean workbook is read, not rewritten', () => {
  const env = ready();
  env.run('validateWorkbook');
  env.log.reset();
  env.run('validateWorkbook');
  // Same faults as before: nothing to re-mark.
  expect(env.log.count('Range.setNotes')).toBe(0);
  expect(env.log.count('Range.setBackgrounds')).toBe(0);
  env.spreadsheet.sheetForHost('ケース')!.getRange('J3').setValue('西');
  env.log.reset();
  env.run('validateWorkbook');
  expect(env.log.count('Range.setNotes')).toBe(1);
  expect(env.spreadsheet.sheetForHost('ケース')!.getRange('J3').getBackgrounds()).toEqual([['#ffffff']]);
});

test('a contract sheet wiped to nothing reads as an empty sheet, not as a failure', () => {
  const env = ready();
  // getSheetValues(1, 1, -1, -1) has no rectangle to answer on an empty sheet: the adapter reads it
  // the long way (getDataRange: A1), which is no rows — the same as an empty sheet in an .xlsx.
  env.spreadsheet.sheetForHost('寄付')!.clear();
  const r = env.run('validateWorkbook') as { ok: boolean; issues: number; bySheet: Record<string, number> };
  expect(r.ok).toBe(true);
  const rows = records(env, '検証結果');
  expect(r.issues).toBe(3);
  expect(rows.filter((x) => x['シート'] === '寄付')).toEqual([]);
});

test('a 会議ID merged down over its cases is read in every row, as the sheet shows it; asked of Sheets only then', () => {
  const env = newEnvironment();
  env.run('setupRegistry');
  const cases = ['K-2025-0001', 'K-2025-0002', 'K-2025-0003'].map((caseId) => ({ ...GOOD, caseId }));
  loadRegistry(env, {
    settings: {},
    sheets: {
      cases,
      meetings: [{ meetingId: 'M-2025-0001', heldOn: '2025-05-20', type: '重層的支援会議' }],
      meetingCases: cases.map(({ caseId }) => ({ meetingId: 'M-2025-0001', caseId, purpose: '情報共有' })),
    },
  });
  // Unmerged: no merged range is asked for.
  env.log.reset();
  expect(env.run('validateWorkbook')).toMatchObject({ ok: true, issues: 0 });
  expect(env.log.count('Range.getMergedRanges')).toBe(0);
  // Merged as Sheets merges: the lower cells lose their values.
  env.spreadsheet.sheetForHost('検討ケース')!.getRange('A2:A4').merge();
  expect(sheetValues(env, '検討ケース').map((r) => r[0])).toEqual(['会議ID', 'M-2025-0001', '', '']);
  env.log.reset();
  expect(env.run('validateWorkbook')).toMatchObject({ ok: true, issues: 0 });
  expect(env.log.count('Range.getMergedRanges')).toBe(1);
  const notices = records(env, '検証結果').filter((x) => x['コード'] === 'cell.merged');
  expect(notices.map((x) => [x['シート'], x['行'], x['項目'], x['セル']])).toEqual([
    ['検討ケース', 2, '会議ID', '検討ケース!A2'],
  ]);
  expect(String(notices[0]!['内容'])).toContain('結合されたセル（A2:A4）は、上のセルの値を範囲の各行に読みました');
});

// An office's own 「検証結果」 (a prefecture's audit table) is its data: refused, as 指標 and 月次集計 refuse.
test("an office's own 「検証結果」 sheet is never written over, and the alert says why", () => {
  const env = ready();
  const own = env.spreadsheet.insertSheet('検証結果');
  const audit = [
    ['県の監査 検証結果（令和6年度）', ''],
    ['項目', '結果'],
    ['個人情報の管理', '要改善'],
  ];
  own.getRange(1, 1, 3, 2).setValues(audit);
  const cases = sheetValues(env, 'ケース');
  expect(env.run('validateWorkbook')).toMatchObject({ ok: false });
  expect(env.ui.alerts.at(-1)!.prompt).toBe(
    '検証できませんでした。（「検証結果」シートは、かさねが作ったシートではないため書き換えませんでした。そのシートの名前を変えてから、もう一度実行してください。）',
  );
  expect(sheetValues(env, '検証結果')).toEqual(audit);
  expect(sheetValues(env, 'ケース')).toEqual(cases);
  // kasane's own list is rewritten as before.
  own.setName('県の監査');
  expect(env.run('validateWorkbook')).toMatchObject({ ok: true });
  expect(sheetValues(env, '検証結果')[0]).toEqual(['シート', '行', '項目', 'コード', '内容', 'セル']);
  expect(env.run('validateWorkbook')).toMatchObject({ ok: true });
});
