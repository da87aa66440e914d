// Intake and edit through the global functions the intake sidebar calls (google.script.run targets).
import { builtAddon, newEnvironment, records, validIntake } from './harness';
import { CallLog, FakeSpreadsheet, GasEnvironment } from '../../gas-emulator';
import { loadRegistry } from '../../addon/preview/workbook';

type Result =
  | { ok: true; caseId: string; row: number; version: string }
  | { ok: false; code: string; message: string; errors: Record<string, string> };

function ready(): GasEnvironment {
  const env = newEnvironment();
  env.run('setupRegistry');
  return env;
}
const intake = (env: GasEnvironment, p: unknown) => env.run('submitIntake', [p]) as Result;
/** 「設定」's 担当者, as the office fills it in. */
const listStaff = (env: GasEnvironment, staff: string[]) => loadRegistry(env, { settings: { staff }, sheets: {} });
const JST_MIDNIGHT = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d) - 9 * 3600000);

test('a valid intake writes one row and returns a new ケースID of the fiscal year of 受付日', () => {
  const env = ready();
  expect(intake(env, validIntake)).toMatchObject({ ok: true, caseId: 'K-2025-0001', row: 2 });
  const [row] = records(env, 'ケース');
  expect(row).toMatchObject({
    ケースID: 'K-2025-0001',
    受付日: JST_MIDNIGHT(2025, 5, 12),
    受付方法: '電話',
    相談経路: '民生委員・児童委員',
    受付窓口: '地域包括支援センター',
    分野: '高齢、生活困窮',
    課題: '8050、ひきこもり',
    エリア: '東',
    本人同意: '未確認',
    同意日: '',
    支援状況: '受付',
    氏名: '架空 太郎',
    連絡先: '0120-000-000',
  });
  // Other people (the same 氏名 or 連絡先 would be asked about first: tests/addon/duplicates.test.ts).
  const other = (n: number) => ({ ...validIntake, name: `架空 ${n}郎`, contact: `0120-000-00${n}` });
  expect(intake(env, { ...other(2), receivedOn: '令和8年3月31日' })).toMatchObject({
    ok: true,
    caseId: 'K-2025-0002',
    row: 3,
  });
  expect(intake(env, { ...other(3), receivedOn: '2026/4/1' })).toMatchObject({
    ok: true,
    caseId: 'K-2026-0001',
    row: 4,
  });
  expect(records(env, 'ケース')).toHaveLength(3);
  // Nothing is logged (no name, no contact ever reaches Logger or console).
  expect(env.logs).toEqual([]);
});

test('the next number follows the highest id of that year, even when rows were typed out of order', () => {
  const env = ready();
  const sheet = env.spreadsheet.sheetForHost('ケース')!;
  sheet.getRange(2, 1, 2, 1).setValues([['K-2025-0041'], ['K-2025-0007']]);
  expect(intake(env, validIntake)).toMatchObject({ ok: true, caseId: 'K-2025-0042', row: 4 });
});

test('a fault is returned next to its field in Japanese and nothing is written', () => {
  const env = ready();
  const r = intake(env, {
    ...validIntake,
    referralSource: '',
    receivedOn: '2025-02-30',
    window: '市役所',
    consent: '同意あり',
    householdSize: '0',
  });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.code).toBe('form.invalid');
  // The advice of each message (the core may quote what was typed before it).
  expect(r.errors).toMatchObject({
    receivedOn: expect.stringContaining(
      '日付として読めません。2024-04-01、2024/4/1、令和6年4月1日、R6.4.1 のように実在する日付を入力してください。',
    ),
    referralSource: '必須項目が空欄です。入力してください。',
    window: expect.stringContaining('「設定」シートの「受付窓口」にない値です（「市役所」）'),
    householdSize: expect.stringContaining('1 以上の数を入力してください。'),
  });
  expect(records(env, 'ケース')).toEqual([]);
});

test('consent dates are required by the consent state', () => {
  const env = ready();
  const r = intake(env, { ...validIntake, consent: '撤回', consentOn: '2025-05-01' });
  expect(r).toMatchObject({
    ok: false,
    errors: { consentRevokedOn: '本人同意が「撤回」のときは同意撤回日が必要です。' },
  });
  const ok = intake(env, { ...validIntake, consent: '撤回', consentOn: '2025-05-01', consentRevokedOn: 'R7.5.20' });
  expect(ok).toMatchObject({ ok: true, caseId: 'K-2025-0001' });
  expect(records(env, 'ケース')[0]).toMatchObject({
    本人同意: '撤回',
    同意日: JST_MIDNIGHT(2025, 5, 1),
    同意撤回日: JST_MIDNIGHT(2025, 5, 20),
  });
});

test('a payload of the wrong shape is refused at the boundary', () => {
  const env = ready();
  expect(intake(env, { ...validIntake, caseId: 'K-2025-9999' })).toMatchObject({ ok: false, code: 'payload.invalid' });
  expect(intake(env, { ...validIntake, domains: '高齢' })).toMatchObject({ ok: false, code: 'payload.invalid' });
  expect(intake(env, null)).toMatchObject({ ok: false, code: 'payload.invalid' });
  expect(records(env, 'ケース')).toEqual([]);
});

test('before setup the sidebar is told to run 台帳を初期設定', () => {
  const env = newEnvironment();
  expect(intake(env, validIntake)).toMatchObject({
    ok: false,
    code: 'registry.notSetUp',
    message: expect.stringContaining('台帳を初期設定'),
  });
  expect(env.run('getIntakeContext')).toMatchObject({ ok: false, code: 'registry.notSetUp' });
});

test('the form context carries the 設定 lists', () => {
  const env = ready();
  expect(env.run('getIntakeContext')).toMatchObject({
    ok: true,
    lists: { areas: ['東', '西'], staff: [], agencies: [] },
    fiscalYearStartMonth: 4,
  });
  listStaff(env, ['佐藤', '田中']);
  expect(env.run('getIntakeContext')).toMatchObject({ lists: { staff: ['佐藤', '田中'], agencies: [] } });
});

test('a 担当者 or 主担当機関 not in 「設定」 is refused next to its field, and nothing is written', () => {
  const env = ready();
  // 担当者 empty in 「設定」: no name can be chosen yet.
  expect(intake(env, { ...validIntake, staff: '佐藤' })).toMatchObject({
    ok: false,
    code: 'form.invalid',
    errors: {
      staff: '「設定」シートの「担当者」が空欄です（「佐藤」）。「設定」シートの「担当者」に登録してください。',
    },
  });
  listStaff(env, ['佐藤', '田中']);
  expect(intake(env, { ...validIntake, staff: '山田', leadAgency: '包括東' })).toMatchObject({
    ok: false,
    errors: {
      staff:
        '「設定」シートの「担当者」にない値です（「山田」）。一覧から選ぶか、「設定」シートに追加してください（現在: 佐藤、田中）。',
      leadAgency:
        '「設定」シートの「関係機関」が空欄です（「包括東」）。「設定」シートの「関係機関」に登録してください。',
    },
  });
  expect(records(env, 'ケース')).toEqual([]);
  expect(intake(env, { ...validIntake, staff: '田中' })).toMatchObject({ ok: true, caseId: 'K-2025-0001' });
  const loaded = env.run('loadCase', ['K-2025-0001']) as { version: string };
  expect(
    env.run('updateCase', [{ caseId: 'K-2025-0001', version: loaded.version, changes: { staff: '山田' } }]),
  ).toMatchObject({ ok: false, errors: { staff: expect.stringContaining('にない値です（「山田」）') } });
  expect(records(env, 'ケース')[0]!['担当者']).toBe('田中');
});

describe('two intakes racing for the lock never share an id', () => {
  // B runs while A is at each of its Sheets/Lock calls in turn: before A takes the lock B gets in
  // first; while A holds it B is refused (Apps Script would make B wait until A finished).
  const probe = ready();
  probe.log.reset();
  intake(probe, validIntake);
  const steps = probe.log.total();

  test.each(Array.from({ length: steps }, (_, k) => k + 1))('B starts at call %i of A', (k) => {
    const env = ready();
    let n = 0;
    let b: Result | null = null;
    const stop = env.log.listen(() => {
      if (++n === k && b === null) b = intake(env, { ...validIntake, name: 'B', contact: '0120-000-002' });
    });
    const a = intake(env, { ...validIntake, name: 'A' });
    stop();
    expect(b).not.toBeNull();
    const results = [a, b!];
    const ids = results.filter((r) => r.ok).map((r) => (r as { caseId: string }).caseId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of results)
      if (!r.ok)
        expect(r).toMatchObject({
          code: 'lock.busy',
          message: expect.stringContaining('他の人が台帳に書き込んでいる'),
        });
    expect(a.ok).toBe(true);
    const rows = records(env, 'ケース');
    expect(rows.map((r) => r['ケースID']).sort()).toEqual([...ids].sort());
    expect(rows.map((r) => r['氏名']).sort()).toEqual(
      results
        .filter((r) => r.ok)
        .map((r) => (r === a ? 'A' : 'B'))
        .sort(),
    );
  });
});

describe('edit mode', () => {
  test('load by ケースID, change, save: only the changed cells are written', () => {
    const env = ready();
    listStaff(env, ['山田']);
    intake(env, validIntake);
    const loaded = env.run('loadCase', ['K-2025-0001']) as {
      ok: true;
      version: string;
      values: Record<string, unknown>;
      unreadable: Record<string, unknown>;
      row: number;
    };
    expect(loaded).toEqual({
      ok: true,
      caseId: 'K-2025-0001',
      row: 2,
      version: expect.any(String),
      values: {
        receivedOn: '2025-05-12',
        channel: '電話',
        referralSource: '民生委員・児童委員',
        window: '地域包括支援センター',
        domains: ['高齢', '生活困窮'],
        issues: ['8050', 'ひきこもり'],
        area: '東',
        consent: '未確認',
        stage: '受付',
        name: '架空 太郎',
        contact: '0120-000-000',
      },
      unreadable: {},
    });
    const r = env.run('updateCase', [
      {
        caseId: 'K-2025-0001',
        version: loaded.version,
        changes: { stage: '支援中', consent: '同意あり', consentOn: '2025-05-20' },
      },
    ]) as Result;
    expect(r).toEqual({
      ok: true,
      caseId: 'K-2025-0001',
      row: 2,
      version: expect.any(String),
      written: ['consent', 'consentOn', 'stage'],
    });
    expect(records(env, 'ケース')).toHaveLength(1);
    expect(records(env, 'ケース')[0]).toMatchObject({
      ケースID: 'K-2025-0001',
      支援状況: '支援中',
      本人同意: '同意あり',
      同意日: JST_MIDNIGHT(2025, 5, 20),
      氏名: '架空 太郎',
    });
    // The version returned is the row's as written: a second save from the same form goes through.
    const again = env.run('updateCase', [
      { caseId: 'K-2025-0001', version: r.ok ? r.version : '', changes: { staff: '山田' } },
    ]);
    expect(again).toMatchObject({ ok: true, written: ['staff'] });
  });

  test('saving is refused if the row changed since it was loaded', () => {
    const env = ready();
    intake(env, validIntake);
    const loaded = env.run('loadCase', ['K-2025-0001']) as { version: string };
    // Someone edits the row in the sheet meanwhile.
    env.spreadsheet.sheetForHost('ケース')!.getRange('Q2').setValue('見守り');
    const r = env.run('updateCase', [
      { caseId: 'K-2025-0001', version: loaded.version, changes: { stage: '支援中' } },
    ]) as Result;
    expect(r).toMatchObject({
      ok: false,
      code: 'case.changed',
      message: expect.stringContaining('変更されています。保存していません。'),
    });
    expect(records(env, 'ケース')[0]!['支援状況']).toBe('見守り');
  });

  test('a ケースID is found whatever its case and width; the answer names it as the sheet does', () => {
    const env = ready();
    listStaff(env, ['山田']);
    intake(env, validIntake);
    for (const typed of [
      'k-2025-0001',
      'Ｋ－２０２５－０００１',
      'ｋ－２０２５－０００１',
      ' K‐2025‐0001 ',
      'Kー2025ー0001',
    ])
      expect(env.run('loadCase', [typed])).toMatchObject({ ok: true, caseId: 'K-2025-0001', row: 2 });
    const loaded = env.run('loadCase', ['ｋ－２０２５－０００１']) as { version: string };
    expect(
      env.run('updateCase', [{ caseId: 'K-2025-0001', version: loaded.version, changes: { staff: '山田' } }]),
    ).toMatchObject({ ok: true, caseId: 'K-2025-0001', written: ['staff'] });
  });

  test('an unknown ケースID is reported next to the id field', () => {
    const env = ready();
    expect(env.run('loadCase', ['K-2025-0404'])).toMatchObject({
      ok: false,
      code: 'case.notFound',
      errors: { caseId: '「K-2025-0404」は見つかりません。' },
    });
    expect(env.run('loadCase', [{ caseId: 'K-2025-0001' }])).toMatchObject({ ok: false, code: 'payload.invalid' });
  });

  test('a request of the old shape (the whole form as `fields`) or with unknown fields is refused', () => {
    const env = ready();
    intake(env, validIntake);
    const { version } = env.run('loadCase', ['K-2025-0001']) as { version: string };
    const before = records(env, 'ケース');
    for (const request of [
      { caseId: 'K-2025-0001', version, fields: { ...validIntake, stage: '支援中' } },
      { caseId: 'K-2025-0001', version, changes: { caseId: 'K-2025-0002' } },
      { caseId: 'K-2025-0001', version, changes: { stage: 3 } },
      { caseId: 'K-2025-0001', changes: { stage: '支援中' } },
    ])
      expect(env.run('updateCase', [request])).toMatchObject({ ok: false, code: 'payload.invalid' });
    expect(records(env, 'ケース')).toEqual(before);
  });
});

test("in a spreadsheet kept in another time zone, dates are written and read at that zone's midnight", () => {
  const { code, files } = builtAddon();
  const spreadsheet = new FakeSpreadsheet(new CallLog(), { timeZone: 'America/Los_Angeles' });
  const env = new GasEnvironment({ code, files, spreadsheet });
  env.run('setupRegistry');
  expect(intake(env, validIntake)).toMatchObject({ ok: true, caseId: 'K-2025-0001' });
  // 2025-05-12 00:00 in Los Angeles (PDT, UTC-7).
  expect(records(env, 'ケース')[0]!['受付日']).toEqual(new Date('2025-05-12T07:00:00Z'));
  expect(env.run('loadCase', ['K-2025-0001'])).toMatchObject({ values: { receivedOn: '2025-05-12' } });
});

test('when ケース is full, the sheet grows and the new row keeps the plain-text format of the rows above', () => {
  const env = ready();
  const cases = Array.from({ length: 999 }, (_, i) => ({
    caseId: `K-2024-${String(i + 1).padStart(4, '0')}`,
    receivedOn: '2024-05-01',
    referralSource: '本人',
    window: 'その他',
    domains: ['高齢'],
    area: '東',
    consent: '未確認',
    stage: '受付',
  }));
  loadRegistry(env, { settings: {}, sheets: { cases } });
  const sheet = env.spreadsheet.sheetForHost('ケース')!;
  expect(sheet.getMaxRows()).toBe(1000);
  expect(intake(env, { ...validIntake, contact: '0312345678' })).toMatchObject({
    ok: true,
    caseId: 'K-2025-0001',
    row: 1001,
  });
  expect(sheet.getMaxRows()).toBe(1500);
  expect(records(env, 'ケース')[999]).toMatchObject({ ケースID: 'K-2025-0001', 連絡先: '0312345678' });
  expect(sheet.getRange('J1001').getDataValidation()!.getCriteriaValues()[0]).toEqual(['東', '西']);
});
