// The HTTP API against both engines: POST /api/v1/sync and /validate refuse any cell or setting
// that is not canonical (core/registry/canonical.ts) with 422, naming sheet, row and column and
// never the value, and store nothing (no revision, no audit row, the value nowhere in the
// database); a canonical payload is stored and its remaining issues answered without free text.
import request from 'supertest';
import { describeApi, japanese } from './app';
import { town } from '../../fixtures/server-town';

type Doc = ReturnType<typeof town>;
type Row = Record<string, unknown>;
const rows = (doc: Doc, sheet: string) => doc[sheet] as Row[];

/** [what, change, sheet, row, column, detail code, the value that must not come back] */
const KINDS: Array<[string, (d: Doc) => void, string, number, string, string, string]> = [
  ['a 和暦 date', (d) => (d.cases[0]!.receivedOn = 'R7.5.1'), 'cases', 2, 'receivedOn', 'cell.notDate', 'R7.5.1'],
  [
    'a date that does not exist',
    (d) => (d.cases[1]!.receivedOn = '2025-02-30'),
    'cases',
    3,
    'receivedOn',
    'cell.notDate',
    '2025-02-30',
  ],
  [
    'a number in a date column',
    (d) => (rows(d, 'activities')[0]!.on = 45797),
    'activities',
    2,
    'on',
    'cell.notDate',
    '45797',
  ],
  [
    '"3人" as an integer',
    (d) => (d.cases[2]!.householdSize = '3人'),
    'cases',
    4,
    'householdSize',
    'cell.notInteger',
    '3人',
  ],
  [
    'an integer below its minimum',
    (d) => (rows(d, 'meetings')[0]!.attendees = -4),
    'meetings',
    2,
    'attendees',
    'cell.belowMin',
    '-4',
  ],
  [
    'a number as text',
    (d) => (d.donations = [{ donationId: 'D-1', receivedOn: '2025-06-01', donorType: '企業', weightKg: '12.5kg' }]),
    'donations',
    2,
    'weightKg',
    'cell.notNumber',
    '12.5kg',
  ],
  [
    '"はい" as a boolean',
    (d) => (rows(d, 'meetings')[0]!.confidentialityConfirmed = 'はい'),
    'meetings',
    2,
    'confidentialityConfirmed',
    'cell.notBoolean',
    'はい',
  ],
  [
    'a value outside an enum',
    (d) => (d.cases[2]!.referralSource = '通りがかり'),
    'cases',
    4,
    'referralSource',
    'cell.notInValues',
    '通りがかり',
  ],
  [
    'a value outside the settings list',
    (d) => (d.cases[0]!.area = '北エリア'),
    'cases',
    2,
    'area',
    'cell.notInList',
    '北エリア',
  ],
  [
    'a multi-value cell as text',
    (d) => (d.cases[1]!.domains = '生活困窮、障がい'),
    'cases',
    3,
    'domains',
    'cell.notArray',
    '生活困窮、障がい',
  ],
  [
    'a nested array',
    (d) => (d.cases[1]!.domains = [['独自の分野'], '障がい']),
    'cases',
    3,
    'domains',
    'cell.notInValues',
    '独自の分野',
  ],
  [
    'a text cell with spaces around it',
    (d) => (d.cases[0]!.caseId = ' K-2025-0001 '),
    'cases',
    2,
    'caseId',
    'cell.untrimmed',
    ' K-2025-0001 ',
  ],
  [
    'an empty string',
    (d) => (rows(d, 'meetingCases')[0]!.caseId = ''),
    'meetingCases',
    2,
    'caseId',
    'cell.blank',
    '""',
  ],
];

describeApi((api) => {
  const { tenant, sync } = api;

  /** Everything the database holds for the workbook, as text: revisions, chunks and audit rows. */
  async function stored(workbook: string): Promise<string> {
    const id = (await api.store.db.query<{ id: number }>('SELECT id FROM workbooks WHERE name = $1', [workbook]))[0]
      ?.id;
    if (id === undefined) return '';
    const parts = await Promise.all(
      ['revisions', 'chunks', 'revision_chunks', 'audit'].map((table) =>
        api.store.db.query<{ t: string }>(`SELECT t::text AS t FROM ${table} t WHERE workbook_id = $1`, [id]),
      ),
    );
    return parts
      .flat()
      .map((r) => r.t)
      .join('\n');
  }

  async function revisionsOf(auth: Record<string, string>) {
    return (await request(api.server).get('/api/v1/revisions').set(auth)).body as {
      currentRevision: number;
      revisions: unknown[];
    };
  }

  describe('only canonical cells are accepted', () => {
    test.each(KINDS)('%s: 422 naming sheet, row and column, never the value; nothing stored', async (...k) => {
      const [, change, sheet, row, column, code, value] = k;
      const a = await tenant();
      await sync(a.auth, town());
      const auditBefore = (await api.store.auditLog(a.workbook))!.length;
      const dbBefore = await stored(a.workbook);
      const doc = town();
      change(doc);
      for (const path of ['/api/v1/sync', '/api/v1/validate']) {
        const r = await request(api.server).post(path).set(a.auth).send(doc);
        expect(r.status).toBe(422);
        expect(r.body.error.code).toBe('cell.invalid');
        expect(japanese(r.body.error.message)).toBe(true);
        const def = {
          cases: 'ケース',
          meetings: '会議',
          meetingCases: '検討ケース',
          activities: '支援記録',
          donations: '寄付',
        }[sheet];
        expect(r.body.error.message).toContain(`「${def}」（${sheet}）の ${row}行目`);
        expect(r.body.error.message).toContain(`（${column}）`);
        expect(r.body.error.details).toEqual([
          { sheet, row, column, code, message: expect.stringContaining(`${row}行目`) },
        ]);
        expect(r.body.error.total).toBe(1);
        expect(r.body.error.counts).toEqual({ [code]: 1 });
        expect(r.text).not.toContain(value === '""' ? '"caseId":""' : JSON.stringify(value).slice(1, -1));
      }
      expect((await revisionsOf(a.auth)).currentRevision).toBe(1);
      expect((await api.store.auditLog(a.workbook))!.length).toBe(auditBefore);
      expect(await stored(a.workbook)).toBe(dbBefore);
    });

    test('a person in an object cell is refused, and the name is neither answered nor stored', async () => {
      const a = await tenant();
      const doc = town();
      doc.cases[1]!.staff = { name: '山田花子', address: '東町1-2-3' };
      const r = await sync(a.auth, doc);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('cell.invalid');
      expect(r.body.error.details).toEqual([expect.objectContaining({ sheet: 'cases', row: 3, column: 'staff' })]);
      expect(r.body.error.message).toContain('「担当者」（staff）');
      expect(r.text).not.toMatch(/山田花子|東町/);
      expect(await revisionsOf(a.auth)).toMatchObject({ currentRevision: 0, revisions: [] });
      expect(await stored(a.workbook)).not.toMatch(/山田花子|東町/);
      expect((await api.store.auditLog(a.workbook))!.map((e) => e.action)).toEqual(['token.create']);
    });

    test('a non-canonical setting: 422 setting.invalid naming the setting, never the value', async () => {
      const a = await tenant();
      const doc = town();
      doc.settings = { ...(doc.settings as object), population: '12,000人', areas: '東、西' };
      const r = await sync(a.auth, doc);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('setting.invalid');
      expect(r.body.error.details.map((d: { column: string; code: string }) => [d.column, d.code])).toEqual([
        ['areas', 'setting.notList'],
        ['population', 'setting.notInteger'],
      ]);
      expect(r.body.error.message).toContain('設定「エリア」（areas）');
      expect(r.text).not.toMatch(/12,000人|東、西/);
      expect((await revisionsOf(a.auth)).currentRevision).toBe(0);
    });

    test('details stop at 100, with the total and the counts by code', async () => {
      const a = await tenant();
      const doc = town();
      doc.activities = Array.from({ length: 130 }, (_, i) => ({
        activityId: `A-2025-${String(i).padStart(5, '0')}`,
        caseId: 'K-2025-0002',
        on: i % 2 ? '令和7年5月20日' : '2025/5/20',
        kind: i < 10 ? '訪問' : 'アウトリーチ',
      }));
      const r = await sync(a.auth, doc);
      expect(r.status).toBe(422);
      expect(r.body.error.details).toHaveLength(100);
      expect(r.body.error.total).toBe(140);
      expect(r.body.error.counts).toEqual({ 'cell.notDate': 130, 'cell.notInValues': 10 });
      expect(r.body.error.message).toContain('ほかにも 139 件');
      expect((await revisionsOf(a.auth)).currentRevision).toBe(0);
    });

    test('a canonical payload is stored; its issues are the hand-counted ones, quoting no free text', async () => {
      const a = await tenant();
      const doc = town();
      doc.places = [
        // 閉鎖日 before 開設日: date.order; the name is free text and must not be quoted.
        { placeId: 'P-1', name: 'ひだまりの家', type: 'サロン', openedOn: '2025-06-01', closedOn: '2025-05-01' },
        // The same id again: id.duplicate (an id may be quoted).
        { placeId: 'P-1', name: '第二ひだまり', type: 'サロン', openedOn: '2025-06-01' },
      ];
      // A required cell left empty (null is an empty cell): value.required.
      doc.cases[0]!.stage = null;
      const r = await sync(a.auth, doc);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ revision: 1, created: true, issueTotal: 3 });
      expect(r.body.issues.map((i: Row) => [i.sheet, i.row, i.column, i.code])).toEqual([
        ['cases', 2, 'stage', 'value.required'],
        ['places', 3, 'placeId', 'id.duplicate'],
        ['places', 2, 'closedOn', 'date.order'],
      ]);
      expect(r.body.issueCounts).toEqual({ 'value.required': 1, 'id.duplicate': 1, 'date.order': 1 });
      expect(r.text).not.toMatch(/ひだまり/);
      const v = await request(api.server).post('/api/v1/validate').set(a.auth).send(doc);
      expect(v.body).toMatchObject({ ok: false, issueTotal: 3 });
      expect(v.body.issues).toEqual(r.body.issues);
      expect(v.text).not.toMatch(/ひだまり/);
    });
  });
});
