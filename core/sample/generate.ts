// A synthetic registry for the fictional town かさね町, fiscal years 2023–2025 (令和5–7年度): the
// demo, screenshots and benchmarks use it. It is deterministic for a seed and valid under every rule
// of docs/registry.md, so a benchmark measures work on clean rows and a demo shows no false alarms.
// Its shape follows the plan of the city it is modelled on (春日井市 第二期重層的支援体制整備事業実施計画):
// 支援会議 as the main case meeting and 重層的支援会議 held as needed, the platforms of 東 and 西,
// the フードドライブ partners, their activities and the 企業 donations of each year.
import { defaultSettings, ENUMS, idFormatOf, type IdFormat, type Settings } from '../registry/definition';
import { formatId } from '../registry/ids';
import type {
  Activity,
  Case,
  Donation,
  FoodPartner,
  Meeting,
  MeetingCase,
  Place,
  PlatformMember,
  WholeRegistry,
} from '../registry/records';
import { fiscalYearOf } from '../dates/fiscal';
import { consentInForce } from '../registry/consent';
import { mulberry32, type Random } from './random';
import { ACTIVITY_NOTES, BLOCKS, CASE_NOTES, LEAD_AGENCIES, ORG_WORDS, PERSON_NAMES, PLACEMENTS, STAFF } from './names';

export interface SampleOptions {
  cases: number;
  seed?: number;
  municipality?: string;
}

// Days are handled as indexes into a table of ISO strings: fast, and no time zone can touch them.
const TABLE_FROM = Date.UTC(2010, 0, 1);
const DAY_MS = 86_400_000;
let table: string[] | undefined;
function days(): string[] {
  if (!table) {
    table = [];
    for (let t = TABLE_FROM; t <= Date.UTC(2027, 11, 31); t += DAY_MS)
      table.push(new Date(t).toISOString().slice(0, 10));
  }
  return table;
}
const dayOf = (y: number, m: number, d: number): number => Math.round((Date.UTC(y, m - 1, d) - TABLE_FROM) / DAY_MS);

const FIRST = dayOf(2023, 4, 1);
const LAST = dayOf(2026, 3, 31);

interface Drafted<T> {
  day: number;
  record: T;
}

/** Numbers ids per fiscal year in date order, in the format the contract declares for the sheet. */
function numberByFiscalYear<T>(items: Drafted<T>[], format: IdFormat, set: (r: T, id: string) => void): void {
  items.sort((a, b) => a.day - b.day);
  const d = days();
  const next = new Map<number, number>();
  for (const it of items) {
    const fy = fiscalYearOf(d[it.day]!);
    const n = (next.get(fy) ?? 0) + 1;
    next.set(fy, n);
    set(it.record, formatId(format, fy, n));
  }
}

interface CaseDraft {
  day: number;
  closed?: number;
  consentFrom?: number;
  /** First day consent is no longer in force. */
  consentUntil?: number;
  record: Case;
}

function makeCase(r: Random, s: Settings, day: number): CaseDraft {
  const d = days();
  const c: Case = {
    caseId: '',
    receivedOn: d[day]!,
    referralSource: r.weighted(ENUMS.referralSource, [25, 25, 8, 8, 18, 10, 2, 4]),
    window: r.pick(s.windows),
    domains: r.some(ENUMS.domain, r.weighted([1, 2, 3], [60, 32, 8])),
    area: r.pick(s.areas),
    consent: '未確認',
    stage: '受付',
  };
  const draft: CaseDraft = { day, record: c };
  if (r.chance(0.9)) c.channel = r.weighted(ENUMS.channel, [35, 35, 15, 5, 5, 5]);
  if (r.chance(0.8)) c.issues = r.some(s.issueTags, r.weighted([1, 2, 3], [50, 35, 15]));
  if (r.chance(0.85)) c.ageGroup = r.pick(ENUMS.ageGroup);
  if (r.chance(0.9)) c.gender = r.weighted(ENUMS.gender, [45, 45, 2, 8]);
  if (r.chance(0.7)) c.householdSize = r.weighted([1, 2, 3, 4, 5, 6], [30, 30, 18, 12, 6, 4]);

  // Consent: 同意あり ⇒ 同意日; 撤回 ⇒ both dates in order; otherwise no 同意日 (consent.date).
  const consent = r.weighted(ENUMS.consent, [30, 50, 12, 8]);
  c.consent = consent;
  if (consent === '同意あり' || consent === '撤回') {
    const from = Math.min(day + r.int(0, 30), LAST);
    c.consentOn = d[from]!;
    draft.consentFrom = from;
    if (consent === '撤回') {
      const until = Math.min(from + r.int(1, 150), LAST);
      c.consentRevokedOn = d[until]!;
      draft.consentUntil = until;
    }
  }
  // A plan needs consent in force on its day (consent.plan).
  if (draft.consentFrom !== undefined && r.chance(0.45)) {
    c.multiAgency = true;
    const until = draft.consentUntil ?? LAST + 1;
    const planDay = Math.min(draft.consentFrom + r.int(0, 60), until - 1, LAST);
    if (planDay >= draft.consentFrom && r.chance(0.8)) c.planOn = d[planDay]!;
  } else if (r.chance(0.2)) c.multiAgency = false;

  // Closure: 終結 ⇔ 終結日, with a reason, not before 受付日 (closure).
  const closeDay = day + r.int(0, 400);
  if (closeDay <= LAST && r.chance(0.55)) {
    c.stage = '終結';
    c.closedOn = d[closeDay]!;
    c.closureReason = r.weighted(ENUMS.closureReason, [30, 20, 20, 5, 5, 3, 7, 5, 5]);
    draft.closed = closeDay;
  } else {
    c.stage = c.planOn
      ? r.weighted(['支援中', '見守り'] as const, [70, 30])
      : r.weighted(['受付', 'アセスメント', '支援中', '見守り'] as const, [20, 30, 35, 15]);
  }
  if (r.chance(0.8)) c.leadAgency = r.pick(s.agencies);
  if (r.chance(0.9)) c.staff = r.pick(s.staff);
  c.name = r.pick(PERSON_NAMES);
  if (r.chance(0.6)) c.contact = `000-0000-${String(r.int(0, 9999)).padStart(4, '0')}`;
  if (r.chance(0.5)) c.address = `かさね町${c.area}${r.pick(BLOCKS)}（架空）`;
  if (r.chance(0.2)) c.note = r.pick(CASE_NOTES);
  return draft;
}

type MeetingType = Meeting['type'];

/**
 * Meetings a year, 令和5–7年度, at the default size (200 cases; more cases, more case meetings). As in
 * the city this follows (春日井市 第二期実施計画): 支援会議 is the main case meeting (15 in 令和6年度);
 * 重層的支援会議, for cases with consent, is held as needed (about a quarter as often); the
 * 包括的支援推進会議 meets twice a year (July and February, below).
 */
const CASE_MEETINGS_PER_YEAR: ReadonlyArray<readonly [MeetingType, readonly [number, number, number]]> = [
  ['支援会議', [12, 15, 18]],
  ['重層的支援会議', [3, 4, 5]],
  ['支援調整会議', [6, 6, 6]],
  ['地域ケア会議', [4, 4, 4]],
];
/** Network meetings a year, whatever the number of cases. */
const NETWORK_MEETINGS_PER_YEAR: ReadonlyArray<readonly [MeetingType, readonly [number, number, number]]> = [
  ['フードドライブ連絡会', [2, 2, 2]],
  ['地域支援研究会', [4, 4, 4]],
  ['研修会', [2, 2, 2]],
  ['その他', [1, 1, 1]],
];
const FISCAL_YEARS = [2023, 2024, 2025] as const;

/**
 * The フードドライブ参画団体's 活動内容 (a partner may do two): the joining of each year adds these, so
 * that the partners of 令和5–7年度 do 食事の提供 21 → 24 → 28, 食品の配付 12, 食品の回収 5 → 5 → 6,
 * 食品の保管と配分 2, その他 3 → 4 → 4, as in the city's plan.
 */
const FOOD_ACTIVITIES_BY_YEAR: ReadonlyArray<ReadonlyArray<FoodPartner['activities']>> = [
  [
    ...Array.from({ length: 11 }, (_, i): FoodPartner['activities'] =>
      i === 0
        ? ['食事の提供', '食品の配付']
        : i <= 5
          ? ['食事の提供', '食品の回収']
          : i <= 7
            ? ['食事の提供', '食品の保管と配分']
            : ['食事の提供', 'その他'],
    ),
    ...Array.from({ length: 10 }, (): FoodPartner['activities'] => ['食事の提供']),
    ...Array.from({ length: 11 }, (): FoodPartner['activities'] => ['食品の配付']),
  ],
  [['食事の提供'], ['食事の提供'], ['食事の提供'], ['その他']],
  [['食事の提供'], ['食事の提供'], ['食事の提供'], ['食事の提供'], ['食品の回収']],
];

/** 企業 donations a year at the default size: 7 → 8 → 11, as in the city's plan. */
const COMPANY_DONATIONS_PER_YEAR = [7, 8, 11] as const;

export function generateSampleRegistry(options: SampleOptions): WholeRegistry {
  const n = Math.max(0, Math.floor(options.cases));
  const r = mulberry32(options.seed ?? 1);
  const d = days();
  const settings: Settings = {
    ...defaultSettings(),
    municipality: options.municipality ?? 'かさね町',
    population: Math.max(12_000, n * 60),
    // The town's own lists: 担当者, 主担当機関 and 受け入れ先 are chosen from them, as in a registry.
    staff: [...STAFF],
    agencies: [...LEAD_AGENCIES],
    placements: [...PLACEMENTS],
  };

  // Cases, received a little more often each year (the service becomes known).
  const caseDrafts: CaseDraft[] = [];
  for (let i = 0; i < n; i++) {
    const day = FIRST + Math.floor(Math.sqrt(r.next()) * (LAST - FIRST + 1));
    caseDrafts.push(makeCase(r, settings, day));
  }
  numberByFiscalYear(caseDrafts, idFormatOf('cases'), (c, id) => (c.caseId = id));
  // Sorted by 受付日 now: the cases received by a day are a prefix of the array.
  const receivedBy = (day: number): number => {
    let lo = 0;
    let hi = caseDrafts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (caseDrafts[mid]!.day <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const openOn = (c: CaseDraft, day: number): boolean => c.day <= day && (c.closed === undefined || c.closed >= day);

  // Meetings: 支援会議 may discuss anyone (its attendees owe confidentiality); 重層的支援会議 only
  // cases whose consent is in force that day; 包括的支援推進会議 twice a year.
  const meetingDrafts: Array<Drafted<Meeting>> = [];
  const caseScale = Math.max(1, n / 500);
  FISCAL_YEARS.forEach((fy, k) => {
    const from = dayOf(fy, 4, 1);
    const to = dayOf(fy + 1, 3, 31);
    const add = (type: MeetingType, count: number, area?: string) => {
      for (let i = 0; i < count; i++) {
        const record = meetingOf(r, settings, type, '');
        if (area !== undefined) record.area = area;
        meetingDrafts.push({ day: r.int(from, to), record });
      }
    };
    for (const [type, perYear] of CASE_MEETINGS_PER_YEAR) add(type, Math.round(perYear[k]! * caseScale));
    for (const [type, perYear] of NETWORK_MEETINGS_PER_YEAR) add(type, perYear[k]!);
    // つながりづくりプラットフォーム meets quarterly: 東 since 令和5年度, 西 since 令和7年度.
    add('つながりづくりプラットフォーム', 4, settings.areas[0] ?? '東');
    if (fy >= 2025) add('つながりづくりプラットフォーム', 4, settings.areas[1] ?? '西');
    for (const [m, y] of [
      [7, fy],
      [2, fy + 1],
    ] as const) {
      meetingDrafts.push({ day: dayOf(y, m, r.int(10, 25)), record: meetingOf(r, settings, '包括的支援推進会議', '') });
    }
  });
  numberByFiscalYear(meetingDrafts, idFormatOf('meetings'), (m, id) => (m.meetingId = id));
  const meetings = meetingDrafts.map((m) => {
    m.record.heldOn = d[m.day]!;
    return m.record;
  });

  const meetingCases: MeetingCase[] = [];
  for (const m of meetingDrafts) {
    const type = m.record.type;
    if (type !== '支援会議' && type !== '重層的支援会議' && type !== '地域ケア会議') continue;
    const upTo = receivedBy(m.day);
    if (upTo === 0) continue;
    const from = Math.max(0, upTo - 300);
    const want = r.int(1, type === '重層的支援会議' ? 4 : 3);
    const chosen = new Set<number>();
    for (let tries = 0; tries < 40 && chosen.size < want; tries++) {
      const k = r.int(from, upTo - 1);
      const c = caseDrafts[k]!;
      if (chosen.has(k) || !openOn(c, m.day)) continue;
      if (type === '重層的支援会議' && !consentInForce(c.record, d[m.day]!)) continue;
      chosen.add(k);
      const mc: MeetingCase = {
        meetingId: m.record.meetingId,
        caseId: c.record.caseId,
        purpose:
          type === '重層的支援会議'
            ? r.weighted(['プラン協議', 'プラン評価', '役割分担', '終結判断'] as const, [40, 30, 20, 10])
            : r.weighted(['情報共有', '支援方針検討', '役割分担'] as const, [40, 40, 20]),
      };
      if (r.chance(0.5)) mc.nextReviewOn = d[m.day + r.int(14, 90)]!;
      meetingCases.push(mc);
    }
  }

  // Activities: contacts after intake and, for closed cases, up to the closing day.
  const activityDrafts: Array<Drafted<Activity>> = [];
  for (const c of caseDrafts) {
    const count = r.weighted([0, 1, 2, 3, 4], [25, 35, 20, 12, 8]);
    const last = Math.min(c.closed ?? LAST, LAST);
    for (let j = 0; j < count; j++) {
      const day = Math.min(c.day + r.int(0, 200), last);
      const kind = r.weighted(ENUMS.activityKind, [18, 18, 14, 8, 6, 5, 8, 23]);
      const a: Activity = { activityId: '', caseId: c.record.caseId, on: d[day]!, kind };
      if (kind.startsWith('参加支援') || kind === '定着支援') a.placement = r.pick(settings.placements);
      if (r.chance(0.15)) a.note = r.pick(ACTIVITY_NOTES);
      activityDrafts.push({ day, record: a });
    }
  }
  numberByFiscalYear(activityDrafts, idFormatOf('activities'), (a, id) => (a.activityId = id));
  const activities = activityDrafts.map((a) => a.record);

  const scale = Math.max(1, n / 1000);
  const places: Place[] = [];
  const placeCount = Math.round(10 * scale);
  for (let i = 1; i <= placeCount; i++) {
    const area = r.pick(settings.areas);
    const type = r.pick(settings.placeTypes);
    const opened = r.int(dayOf(2015, 4, 1), LAST - 30);
    const p: Place = {
      placeId: `P-${String(i).padStart(4, '0')}`,
      name: `${area}地区の${type}「${r.pick(ORG_WORDS)}」${i}`,
      type,
      openedOn: d[opened]!,
    };
    if (r.chance(0.9)) p.area = area;
    if (r.chance(0.9)) p.operator = r.weighted(ENUMS.operator, [35, 15, 15, 8, 17, 5, 5]);
    if (r.chance(0.1)) p.closedOn = d[r.int(opened + 1, LAST)]!;
    places.push(p);
  }

  // つながりづくりプラットフォーム: 東 since 令和5年度 (33 団体), 西 since 令和7年度 (36 団体), as in the city this follows.
  const platformMembers: PlatformMember[] = [];
  const platforms = [
    { area: settings.areas[0] ?? '東', from: dayOf(2023, 4, 1), count: Math.round(33 * scale) },
    { area: settings.areas[1] ?? '西', from: dayOf(2025, 4, 1), count: Math.round(36 * scale) },
  ];
  for (const p of platforms) {
    for (let i = 0; i < p.count; i++) {
      const joined = i < p.count * 0.8 ? p.from : r.int(p.from, LAST - 1);
      const m: PlatformMember = {
        memberId: `PM-${String(platformMembers.length + 1).padStart(4, '0')}`,
        name: `${r.pick(ORG_WORDS)}${r.pick(['の会', 'クラブ', '自治会', '株式会社（架空）', 'サポート'])}${platformMembers.length + 1}`,
        area: p.area,
        orgType: r.weighted(ENUMS.orgType, [25, 15, 12, 15, 10, 10, 5, 3, 5]),
        joinedOn: d[joined]!,
      };
      if (r.chance(0.05)) m.leftOn = d[r.int(joined + 1, LAST)]!;
      platformMembers.push(m);
    }
  }

  // フードドライブ・ネットワーク: 32 → 36 → 41 参画団体 over 令和5–7年度, doing what the city's do.
  const foodPartners: FoodPartner[] = [];
  const partnerDays: number[] = [];
  const joinedPerYear = [
    { from: dayOf(2018, 4, 1), to: dayOf(2024, 3, 31), count: Math.round(32 * scale) },
    { from: dayOf(2024, 4, 1), to: dayOf(2025, 3, 31), count: Math.round(4 * scale) },
    { from: dayOf(2025, 4, 1), to: dayOf(2026, 3, 31), count: Math.round(5 * scale) },
  ];
  joinedPerYear.forEach((y, k) => {
    const pattern = FOOD_ACTIVITIES_BY_YEAR[k]!;
    for (let i = 0; i < y.count; i++) {
      const no = foodPartners.length + 1;
      const joined = r.int(y.from, y.to);
      const f: FoodPartner = {
        partnerId: `F-${String(no).padStart(4, '0')}`,
        name: `${r.pick(ORG_WORDS)}${r.pick(['こども食堂', 'フードパントリー', 'スーパー（架空）', 'フードバンク', '地域食堂'])}${no}`,
        activities: [...pattern[i % pattern.length]!],
        joinedOn: d[joined]!,
      };
      if (r.chance(0.8)) f.area = r.pick(settings.areas);
      foodPartners.push(f);
      partnerDays.push(joined);
    }
  });

  // Donations: 企業 7 → 8 → 11 a year (the city's plan), and others from 団体, 個人, 行政.
  const donations: Donation[] = [];
  const drafts: Array<{ day: number; donorType: Donation['donorType'] }> = [];
  FISCAL_YEARS.forEach((fy, k) => {
    const count = Math.round(COMPANY_DONATIONS_PER_YEAR[k]! * scale);
    for (let i = 0; i < count; i++)
      drafts.push({ day: r.int(dayOf(fy, 4, 1), dayOf(fy + 1, 3, 31)), donorType: '企業' });
  });
  const others = Math.max(30, Math.round(n * 0.15));
  const OTHER_DONORS = ENUMS.donorType.filter((t) => t !== '企業');
  for (let i = 0; i < others; i++)
    drafts.push({ day: r.int(FIRST, LAST), donorType: r.weighted(OTHER_DONORS, [35, 50, 7, 8]) });
  drafts.sort((a, b) => a.day - b.day);
  drafts.forEach(({ day, donorType }, i) => {
    const g: Donation = { donationId: `D-${String(i + 1).padStart(5, '0')}`, receivedOn: d[day]!, donorType };
    if (donorType === '企業') g.donorName = `${r.pick(ORG_WORDS)}商事株式会社（架空）`;
    else if (donorType === '個人' && r.chance(0.5)) g.donorName = r.pick(PERSON_NAMES);
    const k = r.int(0, foodPartners.length - 1);
    if (foodPartners.length && partnerDays[k]! <= day && r.chance(0.9)) g.partnerId = foodPartners[k]!.partnerId;
    if (r.chance(0.85)) g.weightKg = r.int(5, 2000) / 10;
    donations.push(g);
  });

  return {
    settings,
    cases: caseDrafts.map((c) => c.record),
    meetings,
    meetingCases,
    activities,
    places,
    platformMembers,
    foodPartners,
    donations,
  };
}

function meetingOf(r: Random, s: Settings, type: Meeting['type'], heldOn: string): Meeting {
  const m: Meeting = { meetingId: '', heldOn, type };
  const size: Record<string, [number, number]> = {
    支援会議: [5, 12],
    重層的支援会議: [6, 15],
    つながりづくりプラットフォーム: [15, 40],
    フードドライブ連絡会: [10, 30],
    研修会: [15, 60],
  };
  const [lo, hi] = size[type] ?? [5, 20];
  const attendees = r.int(lo, hi);
  if (r.chance(0.95)) m.attendees = attendees;
  if (r.chance(0.8)) m.organizations = r.int(1, attendees);
  if (type === 'つながりづくりプラットフォーム' || type === '地域ケア会議' || r.chance(0.2)) m.area = r.pick(s.areas);
  // 社会福祉法第106条の6第6項: the duty is confirmed at every 支援会議 (confidentiality).
  if (type === '支援会議') m.confidentialityConfirmed = true;
  else if (type === '重層的支援会議' && r.chance(0.5)) m.confidentialityConfirmed = true;
  if (r.chance(0.3)) m.minutes = '架空の議事メモ：役割分担を確認';
  return m;
}
