// Meeting logging through the global functions the meeting sidebar calls: the consent rule of
// 重層的支援会議 and the confidentiality duty of 支援会議, written in one locked batch.
import { newEnvironment, records } from './harness';
import { loadRegistry } from '../../addon/preview/workbook';
import type { GasEnvironment } from '../../gas-emulator';
import { CONSENTED_CASE, REVOKED_CASE, UNCONSENTED_CASE } from '../fixtures/cases';

type Result =
  | { ok: true; meetingId: string; cases: number }
  | { ok: false; code: string; message: string; errors: Record<string, string> };

const CASES = [CONSENTED_CASE, UNCONSENTED_CASE, REVOKED_CASE];

function ready(): GasEnvironment {
  const env = newEnvironment();
  env.run('setupRegistry');
  loadRegistry(env, { settings: {}, sheets: { cases: CASES } });
  return env;
}
const log = (env: GasEnvironment, p: unknown) => env.run('submitMeeting', [p]) as Result;
const multi = (heldOn: string, caseIds: string[]) => ({
  type: '重層的支援会議',
  heldOn,
  attendees: '10',
  cases: caseIds.map((caseId) => ({ caseId, purpose: 'プラン協議' })),
});

test('the context lists every case with its consent, for the sidebar to decide what can be chosen', () => {
  const env = ready();
  expect(env.run('getMeetingContext')).toMatchObject({
    ok: true,
    areas: ['東', '西'],
    cases: [
      { caseId: 'K-2025-0001', consent: '同意あり', consentOn: '2025-04-20', receivedOn: '2025-04-01' },
      { caseId: 'K-2025-0002', consent: '未確認', receivedOn: '2025-04-15' },
      { caseId: 'K-2025-0004', consent: '撤回', consentOn: '2025-07-01', consentRevokedOn: '2025-08-01' },
    ],
  });
});

test('a 重層的支援会議 with consented cases writes the meeting and its cases in one batch', () => {
  const env = ready();
  env.log.reset();
  const r = log(env, multi('2025-07-15', ['K-2025-0001', 'K-2025-0004']));
  expect(r).toEqual({ ok: true, meetingId: 'M-2025-0001', cases: 2 });
  expect(records(env, '会議')).toEqual([
    {
      会議ID: 'M-2025-0001',
      開催日: new Date(Date.UTC(2025, 6, 15) - 9 * 3600000),
      会議種別: '重層的支援会議',
      エリア: '',
      出席者数: 10,
      参加機関数: '',
      守秘義務確認: '',
      議事メモ: '',
    },
  ]);
  expect(records(env, '検討ケース')).toEqual([
    { 会議ID: 'M-2025-0001', ケースID: 'K-2025-0001', 検討内容: 'プラン協議', 次回確認日: '' },
    { 会議ID: 'M-2025-0001', ケースID: 'K-2025-0004', 検討内容: 'プラン協議', 次回確認日: '' },
  ]);
  // One setValues for 会議 and one for 検討ケース, inside the document lock.
  expect(env.log.count('Range.setValues')).toBe(2);
  expect(env.log.count('Lock.tryLock')).toBe(1);
  expect(env.log.count('Lock.releaseLock')).toBe(1);
});

test.each([
  ['K-2025-0002', '2025-07-15', '本人同意が「未確認」です'],
  ['K-2025-0001', '2025-04-19', '同意日（2025-04-20）が開催日より後です'],
  ['K-2025-0004', '2025-08-01', '同意は 2025-08-01 に撤回されています'],
])('a 重層的支援会議 refuses %s on %s (%s) and writes nothing', (caseId, heldOn, reason) => {
  const env = ready();
  const r = log(env, multi(heldOn, [caseId]));
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.errors).toEqual({
    'cases.0.caseId': `「${caseId}」は開催日に本人同意がありません（${reason}）。重層的支援会議では同意のあるケースだけを検討できます。同意のないケースは支援会議（社会福祉法第106条の6）で検討できます。`,
  });
  expect(records(env, '会議')).toEqual([]);
  expect(records(env, '検討ケース')).toEqual([]);
});

test('one refused case stops the whole meeting: the accepted one is not half-written', () => {
  const env = ready();
  const r = log(env, multi('2025-07-15', ['K-2025-0001', 'K-2025-0002']));
  expect(r).toMatchObject({
    ok: false,
    errors: { 'cases.1.caseId': expect.stringContaining('「K-2025-0002」は開催日に本人同意がありません') },
  });
  expect(records(env, '会議')).toEqual([]);
  expect(records(env, '検討ケース')).toEqual([]);
});

test('a 支援会議 may discuss an unconsented case, once the duty of confidentiality is confirmed', () => {
  const env = ready();
  const p = { type: '支援会議', heldOn: '2025-05-01', cases: [{ caseId: 'K-2025-0002', purpose: '情報共有' }] };
  const refused = log(env, p);
  expect(refused).toMatchObject({
    ok: false,
    errors: { confidentialityConfirmed: expect.stringContaining('守秘義務（社会福祉法第106条の6第6項）') },
  });
  expect(records(env, '会議')).toEqual([]);
  expect(log(env, { ...p, confidentialityConfirmed: true })).toEqual({ ok: true, meetingId: 'M-2025-0001', cases: 1 });
  expect(records(env, '会議')[0]).toMatchObject({ 会議種別: '支援会議', 守秘義務確認: true });
});

test('unknown, repeated and not-yet-received cases are refused next to the case', () => {
  const env = ready();
  const r = log(env, {
    type: '支援会議',
    heldOn: '2025-04-10',
    confidentialityConfirmed: true,
    cases: [
      { caseId: 'K-2099-0001', purpose: '情報共有' },
      { caseId: 'K-2025-0001', purpose: '情報共有' },
      { caseId: 'K-2025-0001', purpose: '役割分担' },
      { caseId: 'K-2025-0002', purpose: '情報共有' },
    ],
  });
  expect(r).toMatchObject({
    ok: false,
    errors: {
      'cases.0.caseId': '「K-2099-0001」は「ケース」シートにありません。一覧から選んでください。',
      'cases.2.caseId': '「K-2025-0001」は同じ会議に2回選ばれています。',
      'cases.3.caseId':
        '「K-2025-0002」の受付日（2025-04-15）より前の会議では検討できません。開催日を確認してください。',
    },
  });
  expect(records(env, '会議')).toEqual([]);
});

test('meeting ids continue per fiscal year', () => {
  const env = ready();
  // A meeting of no case (a 地域ケア会議) is recorded; two of one day differ in 出席者数.
  const p = { type: '地域ケア会議', heldOn: '2026-03-31', cases: [] };
  expect(log(env, p)).toMatchObject({ meetingId: 'M-2025-0001' });
  expect(log(env, { ...p, attendees: '8' })).toMatchObject({ meetingId: 'M-2025-0002' });
  expect(log(env, { ...p, heldOn: '2026-04-01' })).toMatchObject({ meetingId: 'M-2026-0001' });
  expect(records(env, '検討ケース')).toEqual([]);
});

test('a case whose consent cells cannot be read is not offered for a 重層的支援会議', () => {
  const env = ready();
  env.spreadsheet.sheetForHost('ケース')!.getRange('M2').setValue('四月ごろ');
  expect(env.run('getMeetingContext')).toMatchObject({ cases: [{ caseId: 'K-2025-0001', faulty: true }, {}, {}] });
  expect(log(env, multi('2025-07-15', ['K-2025-0001']))).toMatchObject({
    ok: false,
    errors: { 'cases.0.caseId': expect.stringContaining('台帳の行に誤りがあるため同意を確認できません') },
  });
});

// A save whose answer was lost is sent again by a clerk told to retry: the meeting it wrote is found.
test('the same meeting with the same cases, sent again, is refused and writes nothing; other cases are another meeting', () => {
  const env = ready();
  expect(log(env, multi('2025-07-15', ['K-2025-0001', 'K-2025-0004']))).toMatchObject({ meetingId: 'M-2025-0001' });
  const again = log(env, multi('2025-07-15', ['K-2025-0004', 'K-2025-0001']));
  expect(again).toMatchObject({ ok: false, code: 'record.duplicate' });
  expect(again.ok === false && again.message).toBe(
    '同じ内容の会議（「会議」シート 2行目）がすでにあります。二重に記録しないよう、保存しませんでした。別の記録なら、内容の違いを書き加えてください。',
  );
  expect(records(env, '会議')).toHaveLength(1);
  expect(records(env, '検討ケース')).toHaveLength(2);
  // The same day and type with one case fewer, or a different 出席者数, is a meeting of its own.
  expect(log(env, multi('2025-07-15', ['K-2025-0001']))).toMatchObject({ meetingId: 'M-2025-0002' });
  expect(log(env, { ...multi('2025-07-15', ['K-2025-0001', 'K-2025-0004']), attendees: '9' })).toMatchObject({
    meetingId: 'M-2025-0003',
  });
  expect(records(env, '会議')).toHaveLength(3);
});

test.each(['重層的支援会議', '支援会議'])('a %s with no case chosen is refused next to the cases', (type) => {
  const env = ready();
  const r = log(env, { type, heldOn: '2025-07-15', confidentialityConfirmed: true, cases: [] });
  expect(r).toMatchObject({
    ok: false,
    code: 'form.invalid',
    errors: { cases: `${type}で検討したケースを1件以上選んでください。` },
  });
  expect(records(env, '会議')).toEqual([]);
});
