// Batched I/O: the number of Sheets calls of an operation does not grow with the number of rows.
import { newEnvironment, validIntake } from './harness';
import { loadRegistry } from '../../addon/preview/workbook';
import type { GasEnvironment } from '../../gas-emulator';
import { CONSENTED_CASE } from '../fixtures/cases';

function withCases(n: number): GasEnvironment {
  const env = newEnvironment();
  env.run('setupRegistry');
  const cases = Array.from({ length: n }, (_, i) => ({
    ...CONSENTED_CASE,
    caseId: `K-2025-${String(i + 1).padStart(4, '0')}`,
    consentOn: '2025-04-02',
  }));
  const meetings = Array.from({ length: n }, (_, i) => ({
    meetingId: `M-2025-${String(i + 1).padStart(4, '0')}`,
    heldOn: '2025-05-01',
    type: '重層的支援会議',
  }));
  const meetingCases = meetings.map((m, i) => ({
    meetingId: m.meetingId,
    caseId: cases[i]!.caseId,
    purpose: '情報共有',
  }));
  loadRegistry(env, { settings: {}, sheets: { cases, meetings, meetingCases } });
  return env;
}

function callsOf(n: number, op: (env: GasEnvironment) => unknown): Record<string, number> {
  const env = withCases(n);
  env.log.reset();
  op(env);
  return env.log.snapshot();
}

const OPS: Array<[string, (env: GasEnvironment) => unknown]> = [
  ['submitIntake', (env) => env.run('submitIntake', [validIntake])],
  ['getMeetingContext', (env) => env.run('getMeetingContext')],
  [
    'submitMeeting',
    (env) =>
      env.run('submitMeeting', [
        {
          type: '重層的支援会議',
          heldOn: '2025-06-01',
          cases: [
            { caseId: 'K-2025-0003', purpose: 'プラン協議' },
            { caseId: 'K-2025-0004', purpose: 'プラン協議' },
          ],
        },
      ]),
  ],
  ['loadCase', (env) => env.run('loadCase', ['K-2025-0002'])],
  ['validateWorkbook', (env) => env.run('validateWorkbook')],
];

test.each(OPS)('%s makes the same Sheets calls with 5 rows and with 400', (_name, op) => {
  const small = callsOf(5, op);
  const large = callsOf(400, op);
  expect(large).toEqual(small);
  expect(small['Sheet.getSheetValues'] ?? 0).toBeLessThanOrEqual(10);
});

test('an intake reads 設定 and ケース once each and writes one row with one setValues', () => {
  const counts = callsOf(50, OPS[0]![1]);
  expect(counts['Sheet.getSheetValues']).toBe(2);
  expect(counts['Range.setValues']).toBe(1);
  expect(counts['Range.setValue'] ?? 0).toBe(0);
});
