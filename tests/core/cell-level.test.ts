// Cell-level reading: a cell that cannot be read is one issue and marks that cell, not its row. The
// row still counts in every figure and every cross-sheet rule that does not need that cell, and a
// rule that does need it stays silent rather than reporting the same fault again in other words.
//
// The clean fixture (tests/core/fixture.ts) in 令和6年度 (2024-04-01 … 2025-03-31), by hand:
//   K-2024-0001 received 04-10, 同意あり since 04-15, plan 05-01, 支援中   (row 2)
//   K-2024-0002 received 04-20, 未確認, 受付                                (row 3)
//   K-2024-0003 received 05-01, 撤回 05-01 … 08-01, 終結 09-01 本人の希望   (row 4)
//   new 3; open on 2025-03-31: K-0001, K-0002 → 2; closed 1; with consent at the end: K-0001 → 1.
//   会議 M-2024-0001 06-01 支援会議 (row 2), M-2024-0002 06-10 重層的支援会議 (row 3);
//   検討ケース (M-0001, K-0002) row 2, (M-0002, K-0001) row 3, (M-0002, K-0003) row 4.
import { validateRegistry } from '../../core/validate';
import { computeIndicators, INDICATORS } from '../../core/indicators';
import { fiscalYear } from './indicators/builders';
import { brief, cleanRegistry, edit, raw } from '../fixtures/registry';

const FY2024 = fiscalYear(2024);
const check = (doc: unknown) => validateRegistry(raw(doc));
const figures = (outcome: ReturnType<typeof check>) => computeIndicators(outcome.read.registry, FY2024, outcome.read);

describe('a typo in a cell no figure needs', () => {
  test('世帯人数 「3人」: one value.integer issue, and the case still counts as new and as open', () => {
    const clean = check(edit(cleanRegistry(), 'cases', 1, { householdSize: 3 }));
    expect(clean.issues).toEqual([]);
    expect(clean.read.registry.cases[1]!.householdSize).toBe(3);

    const typo = check(edit(cleanRegistry(), 'cases', 1, { householdSize: '3人' }));
    expect(typo.issues.map(brief)).toEqual([['cases', 3, 'householdSize', 'value.integer']]);
    expect([...typo.read.faults.cases[1]!]).toEqual(['householdSize']);
    const doc = figures(typo);
    expect(doc.indicators['cases.new']).toBe(3);
    expect(doc.indicators['cases.active']).toBe(2);
    expect(doc.indicators['data.excludedRows']).toBe(0);
    expect(Object.values(doc.leftOut).every((n) => n === 0)).toBe(true);
    expect(doc.indicators).toEqual(figures(clean).indicators);
  });
});

describe('a number past what a cell can hold', () => {
  // A sidebar tester typed twenty 9s into 世帯人数: it was kept as 1e20, and 150 passed as well.
  test.each([
    [150, '「150」は 30 より大きい数です。30 以下の数を入力してください。'],
    ['99999999999999999999', '「99999999999999999999」は 30 より大きい数です。30 以下の数を入力してください。'],
  ])('世帯人数 %j: value.max, and the case still counts', (typed, said) => {
    const outcome = check(edit(cleanRegistry(), 'cases', 1, { householdSize: typed }));
    expect(outcome.issues.map(brief)).toEqual([['cases', 3, 'householdSize', 'value.max']]);
    expect(outcome.issues[0]!.message).toBe(`「ケース」シート 3行目「世帯人数」: ${said}`);
    expect(outcome.read.registry.cases[1]!.householdSize).toBeUndefined();
    expect(figures(outcome).indicators['cases.new']).toBe(3);
  });

  test('世帯人数 30 is a household', () => {
    expect(check(edit(cleanRegistry(), 'cases', 1, { householdSize: 30 })).issues).toEqual([]);
  });
});

describe('cross-sheet rules on rows that hold a typo', () => {
  // K-2024-0002 made 同意なし, and its (M-2024-0001, K-2024-0002) row moved to the 重層的支援会議.
  const unconsented = (fields: Record<string, unknown>, meetingId: string) =>
    edit(edit(cleanRegistry(), 'cases', 1, { consent: '同意なし', ...fields }), 'meetingCases', 0, { meetingId });

  test('a 同意なし case at a 重層的支援会議: consent.required, typos in 世帯人数 and 年代 or not', () => {
    expect(check(unconsented({}, 'M-2024-0002')).issues.map(brief)).toEqual([
      ['meetingCases', 2, 'caseId', 'consent.required'],
    ]);
    const typos = check(unconsented({ householdSize: '3人', ageGroup: '二十代' }, 'M-2024-0002'));
    expect(typos.issues.map(brief)).toEqual([
      ['cases', 3, 'ageGroup', 'value.enum'],
      ['cases', 3, 'householdSize', 'value.integer'],
      ['meetingCases', 2, 'caseId', 'consent.required'],
    ]);
    expect(typos.issues[2]!.message).toContain('ケース「K-2024-0002」は開催日 2024-06-10');
  });

  test('the same case with the same typos at a 支援会議: no consent.required', () => {
    const typos = check(unconsented({ householdSize: '3人', ageGroup: '二十代' }, 'M-2024-0001'));
    expect(typos.issues.map(brief)).toEqual([
      ['cases', 3, 'ageGroup', 'value.enum'],
      ['cases', 3, 'householdSize', 'value.integer'],
    ]);
  });

  test('an unreadable 同意日 is its value.date alone: no consent.date, consent.plan or consent.required', () => {
    // K-2024-0001 (同意あり, plan 05-01) is discussed at the 重層的支援会議 of 06-10.
    const unreadable = check(edit(cleanRegistry(), 'cases', 0, { consentOn: '2024-04-31' }));
    expect(unreadable.issues.map(brief)).toEqual([['cases', 2, 'consentOn', 'value.date']]);
    expect(unreadable.issues[0]!.message).toMatch(/^「ケース」シート 2行目「同意日」: /);
    // An empty 同意日 is read (as empty), so the rules do speak: the date is needed, the plan and the
    // meeting lack consent.
    const empty = check(edit(cleanRegistry(), 'cases', 0, { consentOn: undefined }));
    expect(empty.issues.map(brief)).toEqual([
      ['cases', 2, 'consentOn', 'consent.date'],
      ['cases', 2, 'planOn', 'consent.plan'],
      ['meetingCases', 3, 'caseId', 'consent.required'],
    ]);
  });

  test('an unreadable 同意日 leaves the case out of うち本人同意あり only', () => {
    const clean = figures(check(cleanRegistry()));
    expect([clean.indicators['cases.active.withConsent'], clean.leftOut['cases.active.withConsent']]).toEqual([1, 0]);
    const doc = figures(check(edit(cleanRegistry(), 'cases', 0, { consentOn: '2024-04-31' })));
    expect([doc.indicators['cases.active.withConsent'], doc.leftOut['cases.active.withConsent']]).toEqual([0, 1]);
    expect([doc.indicators['cases.active'], doc.leftOut['cases.active']]).toEqual([2, 0]);
    expect([doc.indicators['cases.new'], doc.leftOut['cases.new']]).toEqual([3, 0]);
    expect(doc.indicators['data.excludedRows']).toBe(1);
  });
});

describe('a repeated id', () => {
  const withFourth = (caseId: string) => {
    const doc = cleanRegistry();
    (doc.cases as unknown[]).push({
      ...(doc.cases as Array<Record<string, unknown>>)[1],
      caseId,
      receivedOn: '2024-06-01',
    });
    return doc;
  };
  const needsCases = INDICATORS.filter((d) => d.kind !== 'meta' && d.needs.cases !== undefined).map((d) => d.key);
  const others = INDICATORS.filter((d) => d.kind !== 'meta' && d.needs.cases === undefined).map((d) => d.key);

  test('a fourth case with an id of its own counts everywhere', () => {
    const outcome = check(withFourth('K-2024-0004'));
    expect(outcome.issues).toEqual([]);
    const doc = figures(outcome);
    expect([doc.indicators['cases.new'], doc.indicators['cases.active']]).toEqual([4, 3]);
    expect(Object.values(doc.leftOut).every((n) => n === 0)).toBe(true);
  });

  test('a row repeating K-2024-0002: id.duplicate, and the row is left out of every figure of its sheet', () => {
    const outcome = check(withFourth('K-2024-0002'));
    expect(outcome.issues.map(brief)).toEqual([['cases', 5, 'caseId', 'id.duplicate']]);
    expect(outcome.issues[0]!.message).toContain('3行目');
    // The row stays a record, without the id (which names row 3).
    expect(outcome.read.registry.cases).toHaveLength(4);
    expect(outcome.read.registry.cases[3]!.caseId).toBeUndefined();
    expect([...outcome.read.faults.cases[3]!]).toEqual(['caseId']);
    const doc = figures(outcome);
    expect([doc.indicators['cases.new'], doc.indicators['cases.active']]).toEqual([3, 2]);
    expect(needsCases.length).toBeGreaterThan(10);
    for (const key of needsCases) expect([key, doc.leftOut[key]]).toEqual([key, 1]);
    for (const key of others) expect([key, doc.leftOut[key]]).toEqual([key, 0]);
    expect(doc.indicators['data.excludedRows']).toBe(1);
    // The rows that refer to K-2024-0002 refer to its first row, which counts.
    expect(doc.indicators['outreach.contacts']).toBe(1);
    expect(doc.indicators['meetings.caseReviews.byType.支援会議']).toBe(1);
  });
});
