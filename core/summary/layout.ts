// The rows of the monthly summary (月次集計), grouped by theme, as data: a row is an indicator key,
// a breakdown expands to one row per known value under the total it belongs to, ending with
// 「未記入」 where its column may be empty (catalog.ts), so a single-valued breakdown adds up.

export type LayoutItem =
  | { readonly key: string }
  /** All values of a breakdown; `total` names the row its parts are compared with for suppression. */
  | { readonly breakdown: string; readonly total?: string };

export interface GroupLayout {
  readonly heading: string;
  readonly items: readonly LayoutItem[];
}

export const SUMMARY_LAYOUT: readonly GroupLayout[] = [
  {
    heading: '新規相談',
    items: [
      { key: 'cases.new' },
      { breakdown: 'cases.new.byDomain', total: 'cases.new' },
      { breakdown: 'cases.new.byReferralSource', total: 'cases.new' },
      { breakdown: 'cases.new.byWindow', total: 'cases.new' },
      { breakdown: 'cases.new.byArea', total: 'cases.new' },
      { breakdown: 'cases.new.byAgeGroup', total: 'cases.new' },
      { breakdown: 'cases.new.byGender', total: 'cases.new' },
      { breakdown: 'cases.new.byIssue', total: 'cases.new' },
    ],
  },
  {
    heading: '支援状況',
    items: [
      { key: 'cases.active' },
      { key: 'cases.active.withConsent' },
      { key: 'cases.closed' },
      { breakdown: 'cases.closed.byReason', total: 'cases.closed' },
      { key: 'plans.created' },
    ],
  },
  {
    heading: '会議',
    items: [
      { breakdown: 'meetings.held.byType' },
      { key: 'meetings.multiAgency' },
      { key: 'community.networkMeetings' },
      { breakdown: 'meetings.caseReviews.byType' },
    ],
  },
  {
    heading: 'アウトリーチ・参加支援',
    items: [
      { key: 'outreach.contacts' },
      { key: 'participation.workExperience.persons' },
      { key: 'participation.volunteer.contacts' },
      { key: 'participation.planBased' },
      { key: 'participation.prePlan' },
    ],
  },
  {
    heading: '寄付',
    items: [{ breakdown: 'donations.count.byDonorType' }, { key: 'donations.weightKg' }],
  },
];
