// A small town whose figures are counted by hand in the tests (docs/registry.md / docs/indicators.md rules).
import { CONSENTED_CASE, UNCONSENTED_CASE } from '../../fixtures/cases';
export type Doc = Record<string, unknown> & { cases: Record<string, unknown>[] };

/**
 * FY2025 (2025-04-01 … 2026-03-31): cases.new 2 (0001, 0002; 0099 was received in FY2024),
 * cases.closed 1 (0099 on 2025-04-01), cases.active 2, 支援会議 1, outreach.contacts 1.
 * Month 2025-05: cases.new 1 (0002), cases.active 2, outreach.contacts 1.
 */
export function town(municipality = 'かさね町'): Doc {
  return {
    format: 'kasane-registry/1',
    settings: { municipality, fiscalYearStartMonth: 4, areas: ['東', '西'], population: 12000 },
    cases: [
      { ...CONSENTED_CASE },
      { ...UNCONSENTED_CASE, receivedOn: '2025-05-15', domains: ['生活困窮', '障がい'] },
      {
        caseId: 'K-2024-0099',
        receivedOn: '2025-03-31',
        referralSource: '本人',
        window: '地域包括支援センター',
        domains: ['高齢'],
        area: '東',
        consent: '未確認',
        stage: '終結',
        closedOn: '2025-04-01',
        closureReason: '他機関へ移行',
      },
    ],
    meetings: [
      {
        meetingId: 'M-2025-0001',
        heldOn: '2025-05-20',
        type: '支援会議',
        attendees: 8,
        confidentialityConfirmed: true,
      },
    ],
    meetingCases: [{ meetingId: 'M-2025-0001', caseId: 'K-2025-0002', purpose: '情報共有' }],
    activities: [{ activityId: 'A-2025-00001', caseId: 'K-2025-0002', on: '2025-05-20', kind: 'アウトリーチ' }],
  };
}

export const TOWN_COUNTS = {
  cases: 3,
  meetings: 1,
  meetingCases: 1,
  activities: 1,
  places: 0,
  platformMembers: 0,
  foodPartners: 0,
  donations: 0,
};
