import { createHash } from 'node:crypto';
// The sync payload's key checks, canonical form and content hash, without a database.
import { readSnapshot, rowCounts, serializeSnapshot, CHUNK_ROWS } from '../../server/snapshot';
import { hashToken, hashesMatch, newToken, tokenId } from '../../server/tokens';
import { rateLimit } from '../../server/app/rate-limit';
import { ApiError } from '../../server/app/errors';
import { town } from '../fixtures/server-town';

const ok = (body: unknown) => {
  const r = readSnapshot(body);
  if (!r.ok) throw new Error(`refused: ${r.code}`);
  return r;
};

describe('readSnapshot', () => {
  test('nulls are empty cells and key order does not change the hash', () => {
    const a = ok(town());
    const doc = town();
    doc.cases[0] = { ...Object.fromEntries(Object.entries(doc.cases[0]!).reverse()), gender: null };
    const b = ok(doc);
    expect(b.snapshot.sheets.cases[0]).toEqual(a.snapshot.sheets.cases[0]);
    expect(Object.keys(b.snapshot.sheets.cases[0]!)).toEqual(Object.keys(a.snapshot.sheets.cases[0]!));
    expect(serializeSnapshot(b.snapshot).contentHash).toBe(serializeSnapshot(a.snapshot).contentHash);
  });

  test('a changed value, row order or setting changes the hash', () => {
    const base = serializeSnapshot(ok(town()).snapshot).contentHash;
    const value = town();
    value.cases[0]!.stage = '見守り';
    const order = town();
    order.cases.reverse();
    const setting = town('別の町');
    for (const d of [value, order, setting]) expect(serializeSnapshot(ok(d).snapshot).contentHash).not.toBe(base);
  });

  test('missing sheets are empty; settings keep only what was given', () => {
    const r = ok({ format: 'kasane-registry/1', cases: [], settings: { municipality: 'かさね町', population: null } });
    expect(rowCounts(r.snapshot)).toEqual({
      cases: 0,
      meetings: 0,
      meetingCases: 0,
      activities: 0,
      places: 0,
      platformMembers: 0,
      foodPartners: 0,
      donations: 0,
    });
    expect(r.snapshot.settings).toEqual({ municipality: 'かさね町' });
    expect(r.baseRevision).toBeNull();
  });

  test('a PII key written in definition order is still refused', () => {
    const doc = town();
    const { caseId, receivedOn, ...rest } = doc.cases[0]!;
    doc.cases[0] = { caseId, receivedOn, name: '山田', ...rest };
    const r = readSnapshot(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.details).toEqual([{ sheet: 'cases', row: 2, key: 'name', kind: 'pii' }]);
  });

  test('details stop at 100 but the message counts them all', () => {
    const doc = town();
    doc.cases = Array.from({ length: 150 }, (_, i) => ({ ...town().cases[0], caseId: `K-2025-${i}`, note: 'x' }));
    const r = readSnapshot(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.details).toHaveLength(100);
      expect(r.message).toContain('ほか 149 件');
    }
  });

  test('a non-canonical cell: 422 cell.invalid naming sheet, row and column, with totals by code, never the value', () => {
    const doc = town();
    doc.cases[0]!.receivedOn = 'R7.5.1';
    doc.cases[2]!.householdSize = '3人';
    doc.cases[2]!.area = '北';
    const r = readSnapshot(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.status, r.code]).toEqual([422, 'cell.invalid']);
    expect(r.message).toContain('「ケース」（cases）の 2行目「受付日」（receivedOn）');
    expect(r.message).toContain('ほかにも 2 件');
    expect(r.details).toEqual([
      expect.objectContaining({ sheet: 'cases', row: 2, column: 'receivedOn', code: 'cell.notDate' }),
      expect.objectContaining({ sheet: 'cases', row: 4, column: 'area', code: 'cell.notInList' }),
      expect.objectContaining({ sheet: 'cases', row: 4, column: 'householdSize', code: 'cell.notInteger' }),
    ]);
    expect(r.total).toBe(3);
    expect(r.counts).toEqual({ 'cell.notDate': 1, 'cell.notInList': 1, 'cell.notInteger': 1 });
    expect(JSON.stringify(r)).not.toMatch(/R7\.5\.1|3人|北/);
  });

  test('a list cell is checked against the settings list of the same payload', () => {
    const doc = town();
    doc.settings = { ...(doc.settings as object), areas: ['北', '南'] };
    const r = readSnapshot(doc);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.details?.map((d) => 'code' in d && [d.row, d.code])).toEqual([
        [2, 'cell.notInList'],
        [3, 'cell.notInList'],
        [4, 'cell.notInList'],
      ]);
    for (const c of doc.cases) c.area = '南';
    expect(ok(doc).snapshot.sheets.cases[0]!.area).toBe('南');
  });

  test('a non-canonical setting: 422 setting.invalid naming it; its list is not used for the cells', () => {
    const doc = town();
    doc.settings = { ...(doc.settings as object), areas: '東、西', fiscalYearStartMonth: '4月' };
    const r = readSnapshot(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.status, r.code, r.total]).toEqual([422, 'setting.invalid', 2]);
    expect(r.message).toContain('設定「年度開始月」（fiscalYearStartMonth）');
    expect(r.details?.map((d) => 'code' in d && d.code)).toEqual(['setting.notInteger', 'setting.notList']);
  });

  test('a PII or unknown key is refused before any value is looked at', () => {
    const doc = town();
    doc.cases[0]!.receivedOn = 'R7.5.1';
    doc.cases[1]!.name = '山田';
    const r = readSnapshot(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.code, r.total]).toEqual(['pii.rejected', 1]);
  });

  test('an object in a cell is refused and its content is nowhere in the answer', () => {
    const doc = town();
    doc.cases[1]!.staff = { name: '山田花子', address: '東町1-2-3' };
    const r = readSnapshot(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('cell.invalid');
    expect(r.details).toEqual([expect.objectContaining({ sheet: 'cases', row: 3, column: 'staff' })]);
    expect(JSON.stringify(r)).not.toMatch(/山田花子|東町/);
  });

  test.each([
    [null, 'format.invalid'],
    [[], 'format.invalid'],
    ['kasane', 'format.invalid'],
    [{ cases: [] }, 'format.invalid'],
    [{ format: 'kasane-registry/1', cases: [1] }, 'format.invalid'],
    [{ format: 'kasane-registry/1', cases: [[]] }, 'format.invalid'],
    [{ format: 'kasane-registry/1', cases: 'x' }, 'format.invalid'],
  ])('%j is refused with %s', (body, code) => {
    const r = readSnapshot(body);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.status).toBe(422);
      expect(r.code).toBe(code);
      expect(r.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  test('a non-object row is named by its sheet row', () => {
    const r = readSnapshot({ format: 'kasane-registry/1', meetings: [{}, 'x'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('「会議」（meetings）の 3行目（要素 1）');
  });

  test('baseRevision: a whole number ≥ 0, ignored by /validate', () => {
    expect(ok({ ...town(), baseRevision: 0 }).baseRevision).toBe(0);
    for (const bad of [-1, 1.5, '2', true]) {
      const r = readSnapshot({ ...town(), baseRevision: bad });
      expect(r.ok).toBe(false);
      if (!r.ok) expect([r.status, r.code]).toEqual([400, 'baseRevision.invalid']);
    }
    expect(readSnapshot({ ...town(), baseRevision: 'x' }, false).ok).toBe(true);
  });

  test('rows are stored in chunks whose text is exactly what was hashed', () => {
    const doc = town();
    doc.activities = Array.from({ length: CHUNK_ROWS + 1 }, (_, i) => ({
      activityId: `A-${i}`,
      caseId: 'K-2025-0001',
      on: '2025-05-01',
      kind: 'アウトリーチ',
    }));
    const s = serializeSnapshot(ok(doc).snapshot);
    expect(s.chunks.activities).toHaveLength(2);
    const last = s.chunks.activities[1]!;
    expect(JSON.parse(last.text)).toEqual([
      { activityId: `A-${CHUNK_ROWS}`, caseId: 'K-2025-0001', on: '2025-05-01', kind: 'アウトリーチ' },
    ]);
    expect(last.hash).toBe(createHash('sha256').update(last.text).digest('hex'));
    expect(s.chunks.places).toEqual([]);
    // Appending a row changes the last chunk only.
    (doc.activities as object[]).push({
      activityId: 'A-new',
      caseId: 'K-2025-0001',
      on: '2025-05-02',
      kind: '家庭訪問',
    });
    const t = serializeSnapshot(ok(doc).snapshot);
    expect(t.chunks.activities[0]!.hash).toBe(s.chunks.activities[0]!.hash);
    expect(t.chunks.activities[1]!.hash).not.toBe(last.hash);
    expect(t.contentHash).not.toBe(s.contentHash);
  });
});

describe('tokens', () => {
  test('ks1.<16 hex id>.<43 base64url chars of 32 random bytes>; a SHA-256 hash is what is kept', () => {
    const t = newToken();
    expect(t.token).toMatch(/^ks1\.[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(t.token.split('.')[2]!, 'base64url')).toHaveLength(32);
    expect(tokenId(t.token)).toBe(t.id);
    expect(t.hash).toBe(hashToken(t.token));
    expect(t.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashesMatch(t.token, t.hash)).toBe(true);
    expect(hashesMatch(t.token + 'x', t.hash)).toBe(false);
    expect(hashesMatch(t.token, 'abc')).toBe(false);
    expect(tokenId('Bearer nonsense')).toBeNull();
    expect(newToken().token).not.toBe(t.token);
  });
});

describe('rate limit', () => {
  test('a burst, then one request per refill; Retry-After says how long to wait', () => {
    let now = 0;
    const limit = rateLimit({ burst: 2, perSecond: 0.5 }, () => now);
    const call = (tokenId: string) => {
      let error: unknown = null;
      try {
        limit({} as never, { locals: { principal: { tokenId } } } as never, () => undefined);
      } catch (e) {
        error = e;
      }
      return error;
    };
    expect(call('a')).toBeNull();
    expect(call('a')).toBeNull();
    const e = call('a');
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(429);
    expect((e as ApiError).headers['Retry-After']).toBe('2');
    expect(call('b')).toBeNull();
    now = 2000;
    expect(call('a')).toBeNull();
    expect(call('a')).toBeInstanceOf(ApiError);
  });
});
