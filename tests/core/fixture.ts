// A small clean registry in the JSON interchange, for rule tests to break one thing at a time.
import type { RawRegistry, RawRow } from '../../core/registry/records';
import { fromInterchange } from '../../core/registry/interchange';

export function cleanRegistry(): Record<string, RawRow[] | Record<string, unknown> | string> {
  return {
    format: 'kasane-registry/1',
    settings: { municipality: 'テスト町' },
    cases: [
      {
        caseId: 'K-2024-0001',
        receivedOn: '2024-04-10',
        referralSource: '本人',
        window: '地域包括支援センター',
        domains: ['高齢'],
        area: '東',
        consent: '同意あり',
        consentOn: '2024-04-15',
        planOn: '2024-05-01',
        stage: '支援中',
      },
      {
        caseId: 'K-2024-0002',
        receivedOn: '2024-04-20',
        referralSource: '民生委員・児童委員',
        window: '自立支援相談コーナー',
        domains: ['生活困窮'],
        area: '西',
        consent: '未確認',
        stage: '受付',
      },
      {
        caseId: 'K-2024-0003',
        receivedOn: '2024-05-01',
        referralSource: '家族・親族',
        window: 'こども家庭センター',
        domains: ['こども'],
        area: '東',
        consent: '撤回',
        consentOn: '2024-05-01',
        consentRevokedOn: '2024-08-01',
        stage: '終結',
        closedOn: '2024-09-01',
        closureReason: '本人の希望',
      },
    ],
    meetings: [
      { meetingId: 'M-2024-0001', heldOn: '2024-06-01', type: '支援会議', confidentialityConfirmed: true },
      { meetingId: 'M-2024-0002', heldOn: '2024-06-10', type: '重層的支援会議' },
    ],
    meetingCases: [
      { meetingId: 'M-2024-0001', caseId: 'K-2024-0002', purpose: '情報共有' },
      { meetingId: 'M-2024-0002', caseId: 'K-2024-0001', purpose: 'プラン協議' },
      { meetingId: 'M-2024-0002', caseId: 'K-2024-0003', purpose: '支援方針検討' },
    ],
    activities: [{ activityId: 'A-2024-00001', caseId: 'K-2024-0002', on: '2024-04-25', kind: 'アウトリーチ' }],
    places: [{ placeId: 'L1', name: 'サロン東', type: 'サロン', openedOn: '2020-04-01', closedOn: '2024-10-01' }],
    platformMembers: [
      { memberId: 'P1', name: '町内会', area: '東', orgType: '地縁組織', joinedOn: '2023-04-01', leftOn: '2024-04-01' },
    ],
    foodPartners: [{ partnerId: 'F1', name: '食堂', activities: ['食事の提供'], joinedOn: '2023-04-01' }],
    donations: [{ donationId: 'D1', receivedOn: '2024-07-01', donorType: '企業', partnerId: 'F1', weightKg: 10 }],
  };
}

export function raw(doc: unknown): RawRegistry {
  const r = fromInterchange(doc);
  if (!r.ok) throw new Error(r.message);
  return r.raw;
}

/** Sets fields of row `i` of a sheet (undefined deletes the field). */
export function edit(doc: ReturnType<typeof cleanRegistry>, sheet: string, i: number, fields: Record<string, unknown>) {
  const rows = doc[sheet] as RawRow[];
  const row = rows[i]!;
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) delete row[k];
    else row[k] = v;
  }
  return doc;
}
