// The Google template against the emulated Sheets API: what the spreadsheet holds after the two calls.
import { auth } from 'googleapis/build/src/apis/sheets';
import {
  ENUMS,
  SHEETS,
  SETTINGS_SHEET,
  SETTING_DEFS,
  defaultSettings,
  type ColumnDef,
  type Settings,
} from '../../core/registry/definition';
import { readSettings } from '../../core/registry/read';
import { LISTS_SHEET } from '../../sheets-templates/layout';
import { PII_NOTE } from '../../core/registry/look';
import { createGoogleTemplate, describeFailure, GoogleTemplateError } from '../../sheets-templates/google/create';
import { sheetsAuth } from '../../sheets-templates/google/auth';
import {
  HEADER_PROTECTION,
  batchRequests,
  createBody,
  sheetPlans,
  widthPixels,
} from '../../sheets-templates/google/requests';
import { HEADER_PROTECTION as ADDON_HEADER_PROTECTION } from '../../addon/setup';
import {
  formatAt,
  startSheetsEmulator,
  validationAt,
  valueAt,
  type EmulatedSheet,
  type EmulatedSpreadsheet,
  type SheetsEmulator,
} from './google-emulator';

const TOKEN = 'ya29.test-token-for-the-emulator';
const LAST_ROW = 5000; // 0-based index of the template's last data row (TEMPLATE_ROWS)

function fakeAuth(token = TOKEN) {
  const client = new auth.OAuth2();
  client.setCredentials({ access_token: token });
  return client;
}

// 担当者 filled in, 関係機関 and 受け入れ先 left empty as the template's defaults are.
const settings: Settings = { ...defaultSettings(), municipality: 'かさね町', staff: ['相談員A', '相談員B'] };

let emu: SheetsEmulator;
let book: EmulatedSpreadsheet;
let made: { spreadsheetId: string; spreadsheetUrl: string; title: string };

beforeAll(async () => {
  emu = await startSheetsEmulator({ token: TOKEN });
  made = await createGoogleTemplate({ auth: fakeAuth(), settings, rootUrl: emu.rootUrl });
  book = emu.spreadsheets.get(made.spreadsheetId)!;
});
afterAll(() => emu.close());

const sheet = (title: string): EmulatedSheet => {
  const s = book.sheets.find((x) => x.properties.title === title);
  if (!s) throw new Error(`no sheet ${title}`);
  return s;
};
const headerOf = (s: EmulatedSheet) =>
  Array.from({ length: s.properties.gridProperties.columnCount }, (_, c) => valueAt(s, 0, c));
const hex = (c: { red?: number | null; green?: number | null; blue?: number | null } | undefined | null) =>
  [c?.red, c?.green, c?.blue]
    .map((v) =>
      Math.round((v ?? 0) * 255)
        .toString(16)
        .padStart(2, '0')
        .toUpperCase(),
    )
    .join('');

describe('createGoogleTemplate against the emulated Sheets API', () => {
  test('two API calls (create, batchUpdate), each with the bearer token; the URL the API answered', () => {
    expect(emu.calls.map((c) => c.method)).toEqual(['create', 'batchUpdate']);
    for (const c of emu.calls) expect(c.authorization).toBe(`Bearer ${TOKEN}`);
    expect(made.spreadsheetUrl).toBe(`https://docs.google.com/spreadsheets/d/${made.spreadsheetId}/edit`);
    expect(made.title).toBe('かさね台帳（かさね町）');
  });

  test('title, locale and time zone; the contract sheets, 「設定」 and the hidden lists sheet in order', () => {
    expect(book.properties).toMatchObject({ title: 'かさね台帳（かさね町）', locale: 'ja_JP', timeZone: 'Asia/Tokyo' });
    expect(book.sheets.map((s) => s.properties.title)).toEqual([
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
    expect(book.sheets.filter((s) => s.properties.hidden).map((s) => s.properties.title)).toEqual(['_lists']);
    // The header plus 5000 rows, as in the XLSX template.
    expect(sheet('ケース').properties.gridProperties.rowCount).toBe(5001);
  });

  test('every header in Japanese, bold and frozen', () => {
    expect(headerOf(sheet('検討ケース'))).toEqual(['会議ID', 'ケースID', '検討内容', '次回確認日']);
    expect(headerOf(sheet('寄付'))).toEqual(['寄付ID', '受領日', '寄付者種別', '寄付者名', '受入団体ID', '重量(kg)']);
    expect(headerOf(sheet('ケース')).slice(0, 5)).toEqual(['ケースID', '受付日', '受付方法', '相談経路', '受付窓口']);
    for (const def of SHEETS) {
      const s = sheet(def.name);
      expect(headerOf(s)).toEqual(def.columns.map((c) => c.label));
      expect(s.properties.gridProperties.frozenRowCount).toBe(1);
      def.columns.forEach((_, c) => expect(formatAt(s, 0, c).textFormat?.bold).toBe(true));
    }
    expect(headerOf(sheet('設定'))).toEqual(['項目', '値']);
    expect(headerOf(sheet('_lists'))).toEqual([
      'エリア',
      '受付窓口',
      '拠点種別',
      '課題',
      '担当者',
      '関係機関',
      '受け入れ先',
    ]);
  });

  test('enum columns: a strict dropdown of exactly the contract values, from row 2 to the last row', () => {
    const cases = sheet('ケース');
    const channel = validationAt(cases, 1, 2)!;
    expect(channel.condition?.type).toBe('ONE_OF_LIST');
    expect(channel.condition?.values?.map((v) => v.userEnteredValue)).toEqual([
      '来所',
      '電話',
      '訪問',
      'メール・SNS',
      '文書',
      'その他',
    ]);
    expect(channel).toMatchObject({ strict: true, showCustomUi: true });
    expect(validationAt(cases, LAST_ROW, 2)).toEqual(channel);
    expect(validationAt(cases, 0, 2)).toBeUndefined(); // not on the header
    expect(validationAt(sheet('寄付'), 1, 2)?.condition?.values?.map((v) => v.userEnteredValue)).toEqual([
      '企業',
      '団体',
      '個人',
      '行政',
      'その他',
    ]);
    for (const def of SHEETS)
      def.columns.forEach((col: ColumnDef, c) => {
        if (col.type !== 'enum') return;
        const rule = validationAt(sheet(def.name), 1, c);
        expect(rule?.condition?.type).toBe('ONE_OF_LIST');
        expect(rule?.condition?.values?.map((v) => v.userEnteredValue)).toEqual(col.values);
      });
  });

  test('settings-list columns: a warning dropdown on the lists sheet, whose cells hold the settings list', () => {
    const cases = sheet('ケース');
    const window = validationAt(cases, 1, 4)!;
    expect(window.condition).toEqual({ type: 'ONE_OF_RANGE', values: [{ userEnteredValue: "='_lists'!$B$2:$B$7" }] });
    expect(window).toMatchObject({ strict: false, showCustomUi: true });
    expect(validationAt(cases, 1, 9)!.condition?.values?.[0]?.userEnteredValue).toBe("='_lists'!$A$2:$A$3");
    const lists = sheet(LISTS_SHEET);
    expect([valueAt(lists, 1, 0), valueAt(lists, 2, 0), valueAt(lists, 3, 0)]).toEqual(['東', '西', undefined]);
    // Every list column's range, read back from the emulated lists sheet, is that settings list.
    for (const def of SHEETS)
      def.columns.forEach((col: ColumnDef, c) => {
        if (col.type !== 'list') return;
        // An empty list (主担当機関, 受け入れ先 here) has no dropdown: the Sheets API refuses one of nothing.
        if (!settings[col.list!].length) return expect(validationAt(sheet(def.name), 1, c)).toBeUndefined();
        const formula = String(validationAt(sheet(def.name), 1, c)?.condition?.values?.[0]?.userEnteredValue);
        const m = /^='_lists'!\$([A-Z])\$2:\$\1\$(\d+)$/.exec(formula);
        expect(m).not.toBeNull();
        const column = m![1]!.charCodeAt(0) - 65;
        const values = [];
        for (let r = 1; r < Number(m![2]); r++) values.push(valueAt(lists, r, column));
        expect(values).toEqual(settings[col.list!]);
      });
    // 担当者 (column S) offers the lists sheet's fifth column.
    expect(validationAt(cases, 1, 18)?.condition?.values?.[0]?.userEnteredValue).toBe("='_lists'!$E$2:$E$3");
    // 8050 is a tag, kept as text.
    expect(valueAt(lists, 2, 3)).toBe('8050');
  });

  test('boolean columns are checkboxes', () => {
    expect(validationAt(sheet('ケース'), 1, 14)?.condition?.type).toBe('BOOLEAN'); // 多機関協働
    expect(validationAt(sheet('会議'), 1, 6)?.condition?.type).toBe('BOOLEAN'); // 守秘義務確認
    for (const def of SHEETS)
      def.columns.forEach((col: ColumnDef, c) => {
        if (col.type === 'boolean')
          expect(validationAt(sheet(def.name), LAST_ROW, c)).toEqual({ condition: { type: 'BOOLEAN' }, strict: true });
      });
  });

  test('dates warn (令和 text is read), numbers refuse what is below their bound; each rule says so when selected', () => {
    expect(validationAt(sheet('ケース'), 1, 1)).toEqual({
      condition: { type: 'DATE_IS_VALID' },
      strict: false,
      inputMessage: '受付日: 日付（2024-04-01、2024/4/1、令和6年4月1日 など）',
    });
    expect(validationAt(sheet('ケース'), 1, 10)).toEqual({
      condition: { type: 'NUMBER_GREATER_THAN_EQ', values: [{ userEnteredValue: '1' }] },
      strict: true,
      inputMessage: '世帯人数: 1 以上の整数を入力してください。',
    });
    expect(validationAt(sheet('寄付'), 1, 5)?.condition).toEqual({
      type: 'NUMBER_GREATER_THAN_EQ',
      values: [{ userEnteredValue: '0' }],
    });
  });

  test('date columns: yyyy-mm-dd below the header', () => {
    const date = { type: 'DATE', pattern: 'yyyy-mm-dd' };
    expect(formatAt(sheet('ケース'), 1, 1).numberFormat).toEqual(date); // 受付日
    expect(formatAt(sheet('会議'), LAST_ROW, 1).numberFormat).toEqual(date); // 開催日
    expect(formatAt(sheet('ケース'), 0, 1).numberFormat).toBeUndefined();
    expect(formatAt(sheet('ケース'), 1, 0).numberFormat).toEqual({ type: 'TEXT', pattern: '@' }); // ケースID stays text
    for (const def of SHEETS)
      def.columns.forEach((col: ColumnDef, c) => {
        if (col.type === 'date') expect(formatAt(sheet(def.name), 1, c).numberFormat).toEqual(date);
        else expect(formatAt(sheet(def.name), 1, c).numberFormat?.type).not.toBe('DATE');
      });
  });

  test("header rows protected with a warning only, under the add-on's description", () => {
    expect(HEADER_PROTECTION).toBe(ADDON_HEADER_PROTECTION);
    for (const title of [...SHEETS.map((s) => s.name), '設定']) {
      const s = sheet(title);
      expect(s.protectedRanges).toHaveLength(1);
      expect(s.protectedRanges[0]).toMatchObject({
        warningOnly: true,
        description: HEADER_PROTECTION,
        range: {
          startRowIndex: 0,
          endRowIndex: 1,
          startColumnIndex: 0,
          endColumnIndex: s.properties.gridProperties.columnCount,
        },
      });
    }
  });

  test('PII headers: their own fill and the note that they never leave the sheet', () => {
    const cases = sheet('ケース');
    expect(valueAt(cases, 0, 21)).toBe('氏名');
    expect(hex(formatAt(cases, 0, 21).backgroundColorStyle?.rgbColor)).toBe('F8D0D0');
    expect(cases.cells.get('0,21')?.note).toBe(PII_NOTE);
    expect(cases.cells.get('0,23')?.note).toBe(PII_NOTE); // 住所: PII and nothing else to say
    expect(hex(formatAt(cases, 0, 0).backgroundColorStyle?.rgbColor)).toBe('DDE7F3');
    expect(cases.cells.get('0,0')?.note).toBe('必須\nK-<年度>-<4桁>（アドオンが採番）');
    for (const def of SHEETS)
      def.columns.forEach((col: ColumnDef, c) => {
        const note = sheet(def.name).cells.get(`0,${c}`)?.note ?? '';
        expect(note.includes(PII_NOTE)).toBe(col.pii === true);
        expect(hex(formatAt(sheet(def.name), 0, c).backgroundColorStyle?.rgbColor)).toBe(col.pii ? 'F8D0D0' : 'DDE7F3');
      });
  });

  test('header notes carry the contract help (守秘義務確認: 社会福祉法)', () => {
    expect(sheet('会議').cells.get('0,6')?.note).toBe(
      '支援会議では必須（社会福祉法第106条の6第6項）\nチェックあり（TRUE）は「はい」、なし（FALSE）は「いいえ」',
    );
  });

  test('column widths from the shared layout', () => {
    const cases = sheet('ケース');
    expect(cases.columnPixels.get(0)).toBe(103); // ケースID: 14 units
    expect(cases.columnPixels.get(21)).toBe(215); // 氏名 (PII text): 30 units
    expect(widthPixels(14)).toBe(103);
  });

  test('「設定」 holds every setting with its default, and reads back as the same settings', () => {
    const st = sheet(SETTINGS_SHEET.name);
    const rows: Array<[unknown, unknown]> = [];
    for (let r = 1; r <= SETTING_DEFS.length; r++) rows.push([valueAt(st, r, 0), valueAt(st, r, 1)]);
    expect(rows.slice(0, 3)).toEqual([
      ['自治体名', 'かさね町'],
      ['年度開始月', 4],
      ['エリア', '東、西'],
    ]);
    expect(rows.slice(6, 11)).toEqual([
      ['人口', undefined],
      ['公表時の秘匿しきい値', 5],
      ['担当者', '相談員A、相談員B'],
      ['関係機関', undefined],
      ['受け入れ先', undefined],
    ]);
    const issues: never[] = [];
    expect(readSettings({ settingsRows: rows, sheets: {} }, issues)).toEqual(settings);
    expect(issues).toEqual([]);
  });

  test('no request names a sheetId the create call did not answer with', () => {
    const ids = new Set(book.sheets.map((s) => s.properties.sheetId));
    const seen: unknown[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if (k === 'sheetId') seen.push(x);
          walk(x);
        }
    };
    walk(emu.calls[1]!.body);
    expect(seen.length).toBeGreaterThan(100);
    for (const id of seen) expect(ids.has(id as number)).toBe(true);
  });

  test('the ids the API answers with are used, not the ones asked for', async () => {
    const shifted = new Map(sheetPlans(settings).map((p) => [p.title, p.sheetId + 7000]));
    const requests = batchRequests(settings, shifted);
    const ids = new Set(
      JSON.stringify(requests)
        .match(/"sheetId":\d+/g)!
        .map((m) => Number(m.slice(10))),
    );
    expect([...ids].every((id) => id >= 7000)).toBe(true);
    expect(() => batchRequests(settings, new Map())).toThrow('missing from the create response');
  });

  test('an empty municipality: the title without a name', () => {
    expect(createBody(defaultSettings()).properties?.title).toBe('かさね台帳');
  });
});

describe('failures become Japanese errors with codes, without the token', () => {
  test("batchUpdate refused: status, Google's message, and the half-made file to delete", async () => {
    emu.refuse({
      method: 'batchUpdate',
      code: 403,
      status: 'PERMISSION_DENIED',
      message: 'The caller does not have permission',
    });
    const before = emu.calls.length;
    const e = await createGoogleTemplate({ auth: fakeAuth(), rootUrl: emu.rootUrl }).catch((x: unknown) => x);
    expect(emu.calls.length - before).toBe(2);
    expect(e).toBeInstanceOf(GoogleTemplateError);
    const err = e as GoogleTemplateError;
    expect(err.code).toBe('GOOGLE_API_REFUSED');
    expect(err.status).toBe(403);
    expect(err.message).toContain('HTTP 403 PERMISSION_DENIED');
    expect(err.message).toContain('The caller does not have permission');
    expect(err.message).toContain('見出し・入力規則の設定を拒否しました');
    expect(err.message).toMatch(
      /削除してからやり直してください: https:\/\/docs\.google\.com\/spreadsheets\/d\/emulated-/,
    );
    expect(err.message).not.toContain(TOKEN);
  });

  test('a wrong token: 401 UNAUTHENTICATED on create, one call only', async () => {
    const before = emu.calls.length;
    const e = (await createGoogleTemplate({ auth: fakeAuth('wrong'), rootUrl: emu.rootUrl }).catch(
      (x: unknown) => x,
    )) as GoogleTemplateError;
    expect(emu.calls.length - before).toBe(1);
    expect(e.code).toBe('GOOGLE_API_REFUSED');
    expect(e.message).toContain('スプレッドシートの作成を拒否しました（HTTP 401 UNAUTHENTICATED）');
    expect(e.message).toContain('認証情報が無効か期限切れです。');
  });

  test('no answer within the timeout: GOOGLE_UNREACHABLE, said as a timeout', async () => {
    const answered = emu.stall('create', 1_000);
    const before = emu.calls.length;
    const e = (await createGoogleTemplate({ auth: fakeAuth(), rootUrl: emu.rootUrl, timeoutMs: 100 }).catch(
      (x: unknown) => x,
    )) as GoogleTemplateError;
    expect(e).toBeInstanceOf(GoogleTemplateError);
    expect(e.code).toBe('GOOGLE_UNREACHABLE');
    expect(e.message).toContain('応答がありません（時間切れ）');
    await answered; // the stalled answer comes and goes: no call is made again
    expect(emu.calls.length).toBe(before);
  });

  test('nothing listening: GOOGLE_UNREACHABLE', async () => {
    const closed = await startSheetsEmulator({ token: TOKEN });
    const rootUrl = closed.rootUrl;
    await closed.close();
    const e = (await createGoogleTemplate({ auth: fakeAuth(), rootUrl }).catch(
      (x: unknown) => x,
    )) as GoogleTemplateError;
    expect(e.code).toBe('GOOGLE_UNREACHABLE');
    expect(e.message).toContain('Google Sheets API に接続できません（ECONNREFUSED）');
  });
});

describe('describeFailure: what each kind of failure says', () => {
  const answered = (status: number, data: unknown) => Object.assign(new Error('x'), { response: { status, data } });

  test('the token endpoint refuses (invalid_grant): GOOGLE_AUTH_FAILED', () => {
    const e = describeFailure(
      answered(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }),
      'create',
    );
    expect(e.code).toBe('GOOGLE_AUTH_FAILED');
    expect(e.message).toBe(
      'Google の認証に失敗しました（HTTP 400 invalid_grant）。認証情報が失効していないか、キーファイルが正しいか確認してください。',
    );
  });

  test('a service account without Drive storage: the hint to use a staff account', () => {
    const e = describeFailure(
      answered(403, {
        error: { code: 403, message: "The user's Drive storage quota has been exceeded.", status: 'PERMISSION_DENIED' },
      }),
      'create',
    );
    expect(e.code).toBe('GOOGLE_API_REFUSED');
    expect(e.message).toContain('サービスアカウント自身のドライブには保存できないことがあります');
  });

  test('a key file that is not there (GoogleAuth keyFile): GOOGLE_NO_CREDENTIALS, nothing sent', async () => {
    const before = emu.calls.length;
    const e = (await createGoogleTemplate({
      auth: sheetsAuth({ credentials: '/nonexistent/kasane-key.json' }),
      rootUrl: emu.rootUrl,
    }).catch((x: unknown) => x)) as GoogleTemplateError;
    expect(e.code).toBe('GOOGLE_NO_CREDENTIALS');
    expect(e.message).toBe('認証情報のキーファイルを読めません。パスと権限を確認してください。');
    expect(emu.calls.length).toBe(before);
  });
});

describe('the emulator refuses what the real API refuses', () => {
  const post = (path: string, body: unknown, token = TOKEN) =>
    fetch(new URL(path, emu.rootUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  test.each([
    [
      'an unknown sheetId',
      { repeatCell: { range: { sheetId: 999 }, cell: {}, fields: 'userEnteredFormat' } },
      'No grid with id: 999',
    ],
    [
      'a range past the last row',
      {
        setDataValidation: {
          range: { sheetId: 0, startRowIndex: 1, endRowIndex: 6000 },
          rule: { condition: { type: 'BOOLEAN' } },
        },
      },
      'exceeds grid limits. Max rows: 5001',
    ],
    ['no field mask', { updateCells: { start: { sheetId: 0 }, rows: [] } }, 'At least one field must be specified.'],
    [
      'a list range on a missing sheet',
      {
        setDataValidation: {
          range: { sheetId: 0, startRowIndex: 1, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 1 },
          rule: { condition: { type: 'ONE_OF_RANGE', values: [{ userEnteredValue: "='nope'!$A$2:$A$3" }] } },
        },
      },
      'ONE_OF_RANGE',
    ],
  ])('%s: 400 INVALID_ARGUMENT, nothing applied', async (_, request, message) => {
    const before = sheet('ケース').validations.length;
    const res = await post(`v4/spreadsheets/${made.spreadsheetId}:batchUpdate`, {
      requests: [
        {
          setDataValidation: {
            range: { sheetId: 0, startRowIndex: 1, endRowIndex: 2 },
            rule: { condition: { type: 'BOOLEAN' } },
          },
        },
        request,
      ],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: number; message: string; status: string } };
    expect(body.error.code).toBe(400);
    expect(body.error.status).toBe('INVALID_ARGUMENT');
    expect(body.error.message).toContain('requests[1]');
    expect(body.error.message).toContain(message);
    expect(sheet('ケース').validations.length).toBe(before);
  });

  test('an unknown spreadsheet: 404 NOT_FOUND; no token: 401', async () => {
    expect((await post('v4/spreadsheets/nope:batchUpdate', { requests: [{}] })).status).toBe(404);
    const res = await post('v4/spreadsheets', {}, 'wrong');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { status: string } }).error.status).toBe('UNAUTHENTICATED');
  });

  test("the enums the template uses are the contract's (ENUMS.channel)", () => {
    expect(validationAt(sheet('ケース'), 1, 2)?.condition?.values?.map((v) => v.userEnteredValue)).toEqual([
      ...ENUMS.channel,
    ]);
  });
});
