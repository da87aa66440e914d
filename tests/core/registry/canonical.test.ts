// The canonical form of the interchange (core/registry/canonical.ts): each kind of cell and
// setting, hand-checked; faults name sheet, row and column and never carry the value; what
// toInterchange writes from a read registry is canonical, and a canonical cell reads as itself.
import { canonicalFaults, canonicalSettings, cellCheck, type CellFaultCode } from '../../../core/registry/canonical';
import { defaultSettings, sheetDef, type ColumnDef, type SheetKey } from '../../../core/registry/definition';
import { parseCell } from '../../../core/registry/cells';
import { readRegistry } from '../../../core/registry/read';
import { fromInterchange, toInterchange, withoutPii } from '../../../core/registry/interchange';
import { generateSampleRegistry } from '../../../core/sample';

const col = (sheet: SheetKey, key: string): ColumnDef => sheetDef(sheet).columns.find((c) => c.key === key)!;
const lists = { areas: ['東', '西'], issueTags: ['ひきこもり', '8050'], windows: ['本庁'] };
const check = (sheet: SheetKey, key: string, value: unknown) => cellCheck(col(sheet, key), lists)(value);

describe('cellCheck: one column type at a time', () => {
  test.each<[SheetKey, string, unknown, CellFaultCode | undefined]>([
    // id / reference / text: a trimmed, non-empty string
    ['cases', 'caseId', 'K-2025-0001', undefined],
    ['cases', 'caseId', 7, 'cell.notText'],
    ['cases', 'caseId', '', 'cell.blank'],
    ['cases', 'caseId', '\u3000 ', 'cell.blank'],
    ['cases', 'caseId', ' K-1', 'cell.untrimmed'],
    ['activities', 'caseId', { id: 'K-1' }, 'cell.notText'],
    ['places', 'name', 'みんなの家', undefined],
    ['places', 'name', ['みんなの家'], 'cell.notText'],
    // date: YYYY-MM-DD of a real day, as a string
    ['cases', 'receivedOn', '2024-02-29', undefined],
    ['cases', 'receivedOn', '2025-02-29', 'cell.notDate'],
    ['cases', 'receivedOn', 'R7.5.1', 'cell.notDate'],
    ['cases', 'receivedOn', '令和7年5月1日', 'cell.notDate'],
    ['cases', 'receivedOn', '2025/5/1', 'cell.notDate'],
    ['cases', 'receivedOn', '2025-5-1', 'cell.notDate'],
    ['cases', 'receivedOn', 45778, 'cell.notDate'],
    ['cases', 'receivedOn', '2025-05-01T00:00:00Z', 'cell.notDate'],
    // integer (min 1 for 世帯人数) and number (min 0 for 重量)
    ['cases', 'householdSize', 3, undefined],
    ['cases', 'householdSize', '3人', 'cell.notInteger'],
    ['cases', 'householdSize', '3', 'cell.notInteger'],
    ['cases', 'householdSize', 2.5, 'cell.notInteger'],
    ['cases', 'householdSize', 0, 'cell.belowMin'],
    ['meetings', 'attendees', 0, undefined],
    ['donations', 'weightKg', 12.5, undefined],
    ['donations', 'weightKg', '12.5', 'cell.notNumber'],
    ['donations', 'weightKg', -1, 'cell.belowMin'],
    // boolean
    ['cases', 'multiAgency', false, undefined],
    ['cases', 'multiAgency', 'TRUE', 'cell.notBoolean'],
    ['cases', 'multiAgency', 1, 'cell.notBoolean'],
    // enum: exactly one of the values (no width or space forgiveness)
    ['cases', 'stage', '支援中', undefined],
    ['cases', 'stage', '支援中 ', 'cell.notInValues'],
    ['cases', 'stage', ['支援中'], 'cell.notInValues'],
    ['cases', 'referralSource', '通りがかり', 'cell.notInValues'],
    // list: one of the payload's settings list
    ['cases', 'area', '東', undefined],
    ['cases', 'area', '北', 'cell.notInList'],
    ['cases', 'window', '本庁', undefined],
    ['cases', 'window', '地域包括支援センター', 'cell.notInList'],
    // multiEnum / multiList: an array of distinct members
    ['cases', 'domains', ['高齢', '障がい'], undefined],
    ['cases', 'domains', '高齢', 'cell.notArray'],
    ['cases', 'domains', '高齢、障がい', 'cell.notArray'],
    ['cases', 'domains', [], 'cell.emptyArray'],
    ['cases', 'domains', ['高齢', '高齢'], 'cell.repeated'],
    ['cases', 'domains', ['高齢', ['障がい']], 'cell.notInValues'],
    ['cases', 'domains', [{ toString: 0 }], 'cell.notInValues'],
    ['cases', 'issues', ['8050'], undefined],
    ['cases', 'issues', [8050], 'cell.notInList'],
    ['cases', 'issues', ['不登校'], 'cell.notInList'],
    // null is an empty cell, in every column
    ['cases', 'caseId', null, undefined],
    ['cases', 'domains', null, undefined],
    ['cases', 'receivedOn', null, undefined],
  ])('%s.%s = %j → %s', (sheet, key, value, code) => {
    expect(check(sheet, key, value)).toBe(code);
  });
});

describe('canonicalSettings', () => {
  test('absent, null and [] take the default; given lists are the lists cells choose from', () => {
    const s = canonicalSettings({ areas: ['北', '南'], population: null, windows: [] });
    expect(s.faults).toEqual([]);
    expect(s.lists.areas).toEqual(['北', '南']);
    expect(s.lists.windows).toEqual(defaultSettings().windows);
    expect(s.settings.population).toBeNull();
    expect(s.settings.fiscalYearStartMonth).toBe(4);
  });

  test.each<[string, unknown, string]>([
    ['municipality', 5, 'setting.notText'],
    ['municipality', ' かさね町', 'setting.untrimmed'],
    ['areas', '東、西', 'setting.notList'],
    ['areas', ['東', '東'], 'setting.notList'],
    ['areas', ['東', ''], 'setting.notList'],
    ['areas', ['東', 1], 'setting.notList'],
    ['fiscalYearStartMonth', 13, 'setting.outOfRange'],
    ['fiscalYearStartMonth', '4月', 'setting.notInteger'],
    ['population', 1.5, 'setting.notInteger'],
    ['population', 0, 'setting.outOfRange'],
    ['suppressionThreshold', { n: 5 }, 'setting.notInteger'],
  ])('%s = %j → %s, named without the value', (key, value, code) => {
    const s = canonicalSettings({ [key]: value });
    expect(s.faults).toHaveLength(1);
    expect(s.faults[0]).toMatchObject({ sheet: 'settings', row: null, column: key, code });
    expect(s.faults[0]!.message).toContain(`（${key}）`);
    if (typeof value === 'string' && value.trim()) expect(s.faults[0]!.message).not.toContain(value.trim());
    // A faulty list is not used for the cells: they are checked against the default.
    if (key === 'areas') expect(s.lists.areas).toEqual(['東', '西']);
  });

  test('municipality "" is canonical (what toInterchange writes for the default)', () => {
    expect(canonicalSettings({ municipality: '' }).faults).toEqual([]);
  });
});

describe('canonicalFaults', () => {
  test('faults name sheet, row and column in Japanese, never the value; totals and counts by code', () => {
    const r = canonicalFaults({
      settings: { areas: ['東'] },
      cases: [
        { caseId: 'K-2025-0001', receivedOn: 'R7.5.1', area: '西', householdSize: '3人' },
        {},
        { caseId: 'K-2025-0003', staff: { name: '山田花子', address: '東1-1' } },
      ],
      meetings: [{ meetingId: 'M-1', heldOn: '2025-05-20', type: '支援会議', attendees: 8 }],
    });
    expect(r.total).toBe(4);
    expect(r.counts['cell.notDate']).toBe(1);
    expect(r.counts['cell.notInteger']).toBe(1);
    expect((r.counts['cell.notInList'] ?? 0) + (r.counts['cell.notText'] ?? 0)).toBe(2);
    expect(r.faults.map((f) => [f.sheet, f.row, f.column, f.code])).toEqual([
      ['cases', 2, 'receivedOn', 'cell.notDate'],
      ['cases', 2, 'area', 'cell.notInList'],
      ['cases', 2, 'householdSize', 'cell.notInteger'],
      // staff is a text column today and a list column after brief A: either way, not an object
      ['cases', 4, 'staff', expect.stringMatching(/^cell\.not(Text|InList)$/)],
    ]);
    expect(r.faults[0]!.message).toBe(
      '「ケース」（cases）の 2行目「受付日」（receivedOn）の値は正しい形ではありません。実在する日付を YYYY-MM-DD の文字列（例: 2025-04-01）で送ってください。',
    );
    expect(r.faults[1]!.message).toContain('設定「エリア」（areas）の一覧');
    const text = JSON.stringify(r);
    for (const value of ['R7.5.1', '3人', '山田花子', '東1-1']) expect(text).not.toContain(value);
  });

  test('at most `limit` faults are kept; all are counted', () => {
    const cases = Array.from({ length: 150 }, (_, i) => ({ caseId: `K-${i}`, receivedOn: '2025/4/1' }));
    const r = canonicalFaults({ cases });
    expect(r.faults).toHaveLength(100);
    expect(r.total).toBe(150);
    expect(r.counts).toEqual({ 'cell.notDate': 150 });
    expect(r.faults[99]!.row).toBe(101);
  });

  test('what toInterchange writes from a read registry is canonical, and each cell reads as itself', () => {
    // An office's typing: 和暦, full-width digits, ○, spaces, a comma-separated multi-value cell.
    const raw = fromInterchange({
      format: 'kasane-registry/1',
      settings: { areas: '東、西', population: '12,000' },
      cases: [
        {
          caseId: ' K-2025-0001 ',
          receivedOn: 'R7.5.1',
          referralSource: '本人',
          window: '地域包括支援センター',
          domains: '高齢、障がい',
          area: ' 東',
          householdSize: '３',
          multiAgency: '○',
          consent: '未確認',
          stage: '受付',
        },
      ],
      donations: [{ donationId: 'D-1', receivedOn: '2025/6/1', donorType: '企業', weightKg: '12.5' }],
    });
    if (!raw.ok) throw new Error(raw.message);
    expect(canonicalFaults(raw.raw.sheets).total).toBeGreaterThan(0);
    const read = readRegistry(raw.raw);
    expect(read.issues).toEqual([]);
    const doc = toInterchange(withoutPii(read.registry)) as Record<string, unknown>;
    expect(canonicalFaults(doc)).toEqual({ faults: [], total: 0, counts: {} });
    expect((doc.cases as unknown[])[0]).toEqual({
      caseId: 'K-2025-0001',
      receivedOn: '2025-05-01',
      referralSource: '本人',
      window: '地域包括支援センター',
      domains: ['高齢', '障がい'],
      area: '東',
      householdSize: 3,
      multiAgency: true,
      consent: '未確認',
      stage: '受付',
    });
    // Reading the canonical form again changes nothing.
    const again = fromInterchange(doc);
    if (!again.ok) throw new Error(again.message);
    expect(toInterchange(withoutPii(readRegistry(again.raw).registry))).toEqual(doc);
  });

  test('the sample town (kasane serve --demo, kasane sample --format json) is canonical', () => {
    const doc = toInterchange(withoutPii(generateSampleRegistry({ cases: 300, seed: 7 })));
    expect(canonicalFaults(doc as Record<string, unknown>).total).toBe(0);
  });

  test('a canonical cell parses as itself (the reader would write it back unchanged)', () => {
    const samples: Array<[SheetKey, string, unknown]> = [
      ['cases', 'receivedOn', '2025-04-01'],
      ['cases', 'householdSize', 4],
      ['donations', 'weightKg', 0.5],
      ['cases', 'multiAgency', true],
      ['cases', 'stage', '見守り'],
      ['cases', 'area', '西'],
      ['cases', 'domains', ['こども', '高齢']],
      ['cases', 'issues', ['8050']],
      ['places', 'name', 'ひだまり'],
    ];
    for (const [sheet, key, value] of samples) {
      expect(check(sheet, key, value)).toBeUndefined();
      expect(parseCell(col(sheet, key), value, lists)).toEqual({ ok: true, value });
    }
  });
});
