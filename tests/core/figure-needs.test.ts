// Which rows each figure may count (core/indicators/needs.ts): a row whose needed cell could not be
// read is left out of that figure, and of that figure only; a row that refers to a left-out row of
// another needed sheet is left out with it. `leftOut` says how many, per catalog entry.
//
// Hand counts of the clean fixture (tests/core/fixture.ts) in 令和6年度 are at the top of
// cell-level.test.ts; the two participation contacts added below are counted where they are added.
import { validateRegistry } from '../../core/validate';
import { readGridWorkbook } from '../../core/registry/workbook';
import { sheetDef, type SheetKey } from '../../core/registry/definition';
import { computeIndicators, INDICATORS, resolveKey } from '../../core/indicators';
import { fiscalYear } from './indicators/builders';
import { officeSheets } from '../fixtures/office';
import { TOWN, TOWN_EXPECTED } from '../fixtures/town';
import { brief, cleanRegistry, dateCellsAsIso, edit, grid, raw } from '../fixtures/registry';

const FY2024 = fiscalYear(2024);
const check = (doc: unknown) => validateRegistry(raw(doc));
const figures = (doc: unknown) => {
  const outcome = check(doc);
  return { issues: outcome.issues, ...computeIndicators(outcome.read.registry, FY2024, outcome.read) };
};
/** [key, figure, rows its catalog entry left out] for each key (a breakdown's entry is its prefix). */
const pairs = (doc: ReturnType<typeof figures>, ...keys: string[]) =>
  keys.map((k) => [k, doc.indicators[k], doc.leftOut[resolveKey(k)!.def.key]]);

test('every figure needs cells its sheets have', () => {
  for (const def of INDICATORS)
    for (const [sheet, columns] of Object.entries(def.needs) as Array<[SheetKey, string[]]>) {
      const keys = sheetDef(sheet).columns.map((c) => c.key);
      for (const c of columns)
        expect([def.key, sheet, keys.includes(c) ? c : `(unknown) ${c}`]).toEqual([def.key, sheet, c]);
    }
});

describe('受付日', () => {
  test('unreadable: the case is left out of 新規相談件数 and still counted in 終結件数 (終結日 in the year)', () => {
    // K-2024-0003 (closed 2024-09-01) with 受付日 「2024-05-32」.
    const doc = figures(edit(cleanRegistry(), 'cases', 2, { receivedOn: '2024-05-32' }));
    expect(doc.issues.map(brief)).toEqual([['cases', 4, 'receivedOn', 'value.date']]);
    expect(pairs(doc, 'cases.new', 'cases.closed', 'cases.closed.byReason.本人の希望')).toEqual([
      ['cases.new', 2, 1],
      ['cases.closed', 1, 0],
      ['cases.closed.byReason.本人の希望', 1, 0],
    ]);
    expect(doc.leftOut['cases.new.byDomain']).toBe(1);
    expect(doc.indicators['data.excludedRows']).toBe(1);
  });

  test('readable: the same case is new and closed', () => {
    const doc = figures(cleanRegistry());
    expect(pairs(doc, 'cases.new', 'cases.closed')).toEqual([
      ['cases.new', 3, 0],
      ['cases.closed', 1, 0],
    ]);
  });
});

describe('終結日', () => {
  test('unreadable: the case is left out of 支援中ケース数, not counted as open', () => {
    // K-2024-0003 (終結) with 終結日 「いつか」: read as empty it would be open on 2025-03-31 (3).
    const doc = figures(edit(cleanRegistry(), 'cases', 2, { closedOn: 'いつか' }));
    expect(doc.issues.map(brief)).toEqual([['cases', 4, 'closedOn', 'value.date']]);
    expect(pairs(doc, 'cases.active', 'cases.closed', 'cases.new')).toEqual([
      ['cases.active', 2, 1],
      ['cases.closed', 0, 1],
      ['cases.new', 3, 0],
    ]);
  });

  test('empty on a 終結 case: a closure issue, and the case is open (nothing unreadable)', () => {
    const doc = figures(edit(cleanRegistry(), 'cases', 2, { closedOn: undefined }));
    expect(doc.issues.map(brief)).toEqual([['cases', 4, 'closedOn', 'closure']]);
    expect(pairs(doc, 'cases.active', 'cases.closed')).toEqual([
      ['cases.active', 3, 0],
      ['cases.closed', 0, 0],
    ]);
  });
});

describe('プラン作成日 of the case a contact belongs to', () => {
  // K-2024-0001 (plan 2024-05-01) gets a 就労体験 on 06-01 (after the plan: plan-based) and a
  // ボランティア on 04-20 (before it: pre-plan).
  const withContacts = () => {
    const doc = cleanRegistry();
    (doc.activities as unknown[]).push(
      { activityId: 'A-2024-00002', caseId: 'K-2024-0001', on: '2024-06-01', kind: '参加支援（就労体験）' },
      { activityId: 'A-2024-00003', caseId: 'K-2024-0001', on: '2024-04-20', kind: '参加支援（ボランティア）' },
    );
    return doc;
  };

  test('readable: one plan-based contact, one pre-plan', () => {
    const doc = figures(withContacts());
    expect(doc.issues).toEqual([]);
    expect(pairs(doc, 'participation.planBased', 'participation.prePlan')).toEqual([
      ['participation.planBased', 1, 0],
      ['participation.prePlan', 1, 0],
    ]);
  });

  test('unreadable: its contacts are in neither, and left out of both (the case and its two contacts)', () => {
    const doc = figures(edit(withContacts(), 'cases', 0, { planOn: '令和6年5月' }));
    expect(doc.issues.map(brief)).toEqual([['cases', 2, 'planOn', 'value.date']]);
    expect(pairs(doc, 'participation.planBased', 'participation.prePlan', 'plans.created')).toEqual([
      ['participation.planBased', 0, 3],
      ['participation.prePlan', 0, 3],
      ['plans.created', 0, 1],
    ]);
    // Figures of the contacts that need no プラン作成日 still count them.
    expect(pairs(doc, 'participation.workExperience.persons', 'participation.volunteer.contacts')).toEqual([
      ['participation.workExperience.persons', 1, 0],
      ['participation.volunteer.contacts', 1, 0],
    ]);
    expect(doc.indicators['data.excludedRows']).toBe(3);
  });

  test('a case id nobody can find (typed with a note, an invisible character): its contact is in neither, and said', () => {
    const doc = figures(edit(withContacts(), 'activities', 1, { caseId: 'K-2024-0001（再）' }));
    expect(doc.issues.map(brief)).toEqual([['activities', 3, 'caseId', 'ref.missing']]);
    // Read as a case without a plan it was pre-plan: 1 plan-based, 2 pre-plan, nothing left out.
    expect(pairs(doc, 'participation.planBased', 'participation.prePlan')).toEqual([
      ['participation.planBased', 0, 1],
      ['participation.prePlan', 1, 1],
    ]);
    // A figure that does not read ケース still counts the contact.
    expect(pairs(doc, 'participation.workExperience.persons')).toEqual([
      ['participation.workExperience.persons', 1, 0],
    ]);
    expect(doc.indicators['data.excludedRows']).toBe(1);
  });

  test('empty: the case has no plan yet, so its contacts are pre-plan', () => {
    const doc = figures(edit(withContacts(), 'cases', 0, { planOn: undefined }));
    expect(doc.issues).toEqual([]);
    expect(pairs(doc, 'participation.planBased', 'participation.prePlan')).toEqual([
      ['participation.planBased', 0, 0],
      ['participation.prePlan', 2, 0],
    ]);
  });
});

describe('会議種別', () => {
  test('unreadable: the meeting is left out of the meeting figures, its 検討ケース rows out of case reviews', () => {
    // M-2024-0002 (重層的支援会議, 06-10, two cases discussed) with 会議種別 「重層会議」.
    const doc = figures(edit(cleanRegistry(), 'meetings', 1, { type: '重層会議' }));
    expect(doc.issues.map(brief)).toEqual([['meetings', 3, 'type', 'value.enum']]);
    expect(
      pairs(
        doc,
        'meetings.held.byType.支援会議',
        'meetings.held.byType.重層的支援会議',
        'meetings.multiAgency',
        'community.networkMeetings',
        'meetings.caseReviews.byType.支援会議',
        'meetings.caseReviews.byType.重層的支援会議',
      ),
    ).toEqual([
      ['meetings.held.byType.支援会議', 1, 1],
      ['meetings.held.byType.重層的支援会議', 0, 1],
      ['meetings.multiAgency', 1, 1],
      ['community.networkMeetings', 0, 1],
      // The meeting and its two 検討ケース rows.
      ['meetings.caseReviews.byType.支援会議', 1, 3],
      ['meetings.caseReviews.byType.重層的支援会議', 0, 3],
    ]);
    // Figures of other sheets do not move.
    expect(pairs(doc, 'cases.new', 'outreach.contacts')).toEqual([
      ['cases.new', 3, 0],
      ['outreach.contacts', 1, 0],
    ]);
    expect(doc.indicators['data.excludedRows']).toBe(3);
  });

  test('readable: two multi-agency meetings, three cases reviewed', () => {
    const doc = figures(cleanRegistry());
    expect(
      pairs(
        doc,
        'meetings.multiAgency',
        'meetings.caseReviews.byType.支援会議',
        'meetings.caseReviews.byType.重層的支援会議',
      ),
    ).toEqual([
      ['meetings.multiAgency', 2, 0],
      ['meetings.caseReviews.byType.支援会議', 1, 0],
      ['meetings.caseReviews.byType.重層的支援会議', 2, 0],
    ]);
  });
});

describe('ひなた町 as its office keeps it, read as the add-on reads its sheets', () => {
  test('the hand-counted figures of 令和7年度, and exactly the one 「3人」 issue', () => {
    const sheets = grid(officeSheets(TOWN));
    const outcome = validateRegistry(readGridWorkbook(sheets, dateCellsAsIso));
    // K-2025-0004 is the 8th case, under a title, a blank row and the header: sheet row 11.
    expect(outcome.issues.map(brief)).toEqual([['cases', 11, 'householdSize', 'value.integer']]);
    expect(outcome.read.notices.map(brief)).toEqual([
      ['cases', 3, null, 'column.office'],
      ['meetings', 1, null, 'column.office'],
    ]);
    expect(outcome.read.warnings).toEqual([]);
    const doc = computeIndicators(outcome.read.registry, fiscalYear(2025), outcome.read);
    for (const [key, value] of Object.entries(TOWN_EXPECTED.fiscalYear2025))
      expect([key, doc.indicators[key]]).toEqual([key, value]);
    expect(Object.values(doc.leftOut).every((n) => n === 0)).toBe(true);
    expect(doc.warnings).toEqual([]);
  });
});
