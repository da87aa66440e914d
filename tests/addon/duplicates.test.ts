// The duplicate warning of 「相談を受け付ける」 through THE BUILT add-on: before a new case is first
// saved, its 氏名, 連絡先 and 住所 are compared with the registered cases in the rows submitIntake
// reads anyway. A likely match writes nothing and lists the cases; { confirmNew: true } saves.
import { newEnvironment, records, validIntake } from './harness';
import { loadRegistry } from '../../addon/preview/workbook';
import type { GasEnvironment } from '../../gas-emulator';
import { CONSENTED_CASE, UNCONSENTED_CASE } from '../fixtures/cases';

type Result =
  | { ok: true; caseId: string; row: number; version: string }
  | {
      ok: false;
      code: string;
      message: string;
      errors: Record<string, string>;
      duplicates?: Array<Record<string, unknown>>;
      more?: number;
    };

const WARNING = '似ているケースがすでにあります。同じ人でないか確かめてください。まだ保存していません。';

/** K-2025-0001 山田太郎 (090-1234-5678, かさね町東1-2-3), K-2025-0002 佐藤花子 (09012345678 as typed elsewhere). */
function ready(): GasEnvironment {
  const env = newEnvironment();
  env.run('setupRegistry');
  loadRegistry(env, {
    settings: {},
    sheets: {
      cases: [
        { ...CONSENTED_CASE, name: '山田太郎', contact: '090-1234-5678', address: 'かさね町東1-2-3', staff: '佐藤' },
        { ...UNCONSENTED_CASE, name: '佐藤花子', contact: '0120-555-000' },
      ],
    },
  });
  env.log.reset();
  return env;
}
const intake = (env: GasEnvironment, p: unknown, options?: unknown) =>
  env.run('submitIntake', options === undefined ? [p] : [p, options]) as Result;
const person = { ...validIntake, name: '山田　太郎', contact: '', address: '' };

test('「山田　太郎」 (a full-width space) is the registered 「山田太郎」: a warning, and nothing written', () => {
  const env = ready();
  const before = records(env, 'ケース');
  expect(intake(env, person)).toEqual({
    ok: false,
    code: 'case.duplicate',
    message: WARNING,
    errors: {},
    duplicates: [
      {
        caseId: 'K-2025-0001',
        name: '山田太郎',
        staff: '佐藤',
        stage: '支援中',
        receivedOn: '2025-04-01',
        fields: ['name'],
      },
    ],
    more: 0,
  });
  expect(records(env, 'ケース')).toEqual(before);
  expect(env.log.count('Range.setValues')).toBe(0);
});

test('the same phone written 090-1234-5678 and 09012345678 warns, naming the field', () => {
  const env = ready();
  expect(intake(env, { ...validIntake, name: '別の人', contact: '09012345678' })).toMatchObject({
    code: 'case.duplicate',
    duplicates: [{ caseId: 'K-2025-0001', fields: ['contact'] }],
  });
  // The same in full width, and an address in another width: every matching field is named.
  expect(
    intake(env, {
      ...validIntake,
      name: '山田 太郎',
      contact: '０９０－１２３４－５６７８',
      address: 'かさね町東１－２－３',
    }),
  ).toMatchObject({ duplicates: [{ caseId: 'K-2025-0001', fields: ['name', 'contact', 'address'] }] });
  expect(records(env, 'ケース')).toHaveLength(2);
});

test('「別のケースとして登録」 (confirmNew) saves the case', () => {
  const env = ready();
  expect(intake(env, person)).toMatchObject({ code: 'case.duplicate' });
  expect(intake(env, person, { confirmNew: true })).toMatchObject({ ok: true, caseId: 'K-2025-0003', row: 4 });
  expect(records(env, 'ケース')[2]).toMatchObject({ ケースID: 'K-2025-0003', 氏名: '山田　太郎' });
  // confirmNew: false is the first save again; an options object of another shape is refused.
  expect(intake(env, person, { confirmNew: false })).toMatchObject({ code: 'case.duplicate' });
  expect(intake(env, person, { confirm: true })).toMatchObject({ code: 'payload.invalid' });
  expect(intake(env, person, 'yes')).toMatchObject({ code: 'payload.invalid' });
  expect(records(env, 'ケース')).toHaveLength(3);
});

test('a different person is saved at once; so is a case with no 氏名, 連絡先 or 住所', () => {
  const env = ready();
  expect(
    intake(env, { ...validIntake, name: '山田次郎', contact: '090-1234-5679', address: 'かさね町東1-2-4' }),
  ).toMatchObject({ ok: true, caseId: 'K-2025-0003' });
  const { name: _n, contact: _c, ...anonymous } = validIntake;
  expect(intake(env, anonymous)).toMatchObject({ ok: true, caseId: 'K-2025-0004' });
  // A short number (an extension) is not compared.
  expect(intake(env, { ...validIntake, name: '田中', contact: '内線1234' })).toMatchObject({ ok: true });
});

test('many matches: the first five are listed and the rest counted', () => {
  const env = newEnvironment();
  env.run('setupRegistry');
  const cases = Array.from({ length: 7 }, (_, i) => ({
    ...CONSENTED_CASE,
    caseId: `K-2025-${String(i + 1).padStart(4, '0')}`,
    name: '山田太郎',
  }));
  loadRegistry(env, { settings: {}, sheets: { cases } });
  const r = intake(env, person);
  expect(r).toMatchObject({ code: 'case.duplicate', more: 2 });
  expect(r.ok === false && r.duplicates?.map((d) => d.caseId)).toEqual([
    'K-2025-0001',
    'K-2025-0002',
    'K-2025-0003',
    'K-2025-0004',
    'K-2025-0005',
  ]);
});

test("the check adds no Sheets call: an intake's calls are the same with and without it, and at 50 and 900 cases", () => {
  const callsOf = (n: number, options?: unknown) => {
    const env = newEnvironment();
    env.run('setupRegistry');
    const cases = Array.from({ length: n }, (_, i) => ({
      ...CONSENTED_CASE,
      caseId: `K-2024-${String(i + 1).padStart(4, '0')}`,
      name: `架空 ${i}`,
      contact: `0120-${String(i).padStart(6, '0')}`,
      address: `かさね町東${i}`,
    }));
    loadRegistry(env, { settings: {}, sheets: { cases } });
    env.log.reset();
    expect(intake(env, { ...validIntake, name: '新しい 人', contact: '080-0000-0000' }, options)).toMatchObject({
      ok: true,
    });
    return env.log.snapshot();
  };
  const checked = callsOf(50);
  expect(checked).toEqual(callsOf(50, { confirmNew: true }));
  expect(checked).toEqual(callsOf(900));
  expect(checked['Sheet.getSheetValues']).toBe(2);
  expect(checked['Range.setValues']).toBe(1);
});

test('a warning answers from inside the lock and releases it', () => {
  const env = ready();
  intake(env, person);
  expect(env.log.count('Lock.tryLock')).toBe(1);
  expect(env.log.count('Lock.releaseLock')).toBe(1);
  expect(env.logs).toEqual([]);
});

test('an edit (updateCase) is never asked about duplicates', () => {
  const env = ready();
  const loaded = env.run('loadCase', ['K-2025-0002']) as { version: string };
  expect(
    env.run('updateCase', [{ caseId: 'K-2025-0002', version: loaded.version, changes: { name: '山田太郎' } }]),
  ).toMatchObject({ ok: true, written: ['name'] });
});
