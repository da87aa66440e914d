// The indicator catalog of docs/indicators.md (kasane-indicators/1) as data: key, label, kind and how it
// is counted. Adding an indicator is one entry here; its label reaches every report from here.
import { ENUMS, type Settings } from '../registry/definition';
import type { ReadActivity as Activity } from '../registry/records';
import { inForceOn, inPeriod, monthsTouched } from '../dates/fiscal';
import { consentInForce } from '../registry/consent';
import { isPlanBased } from '../registry/plan';
import type { IndicatorContext } from './context';
import type { Needs } from './needs';

export type IndicatorKind = 'flow' | 'stock' | 'rate' | 'meta';

interface Common {
  /** Stable key (or key prefix of a breakdown: `cases.new.byDomain` → `cases.new.byDomain.高齢`). */
  readonly key: string;
  readonly label: string;
  readonly kind: IndicatorKind;
  /** Counts of people or cases: small ones are suppressed in public summaries. */
  readonly sensitive: boolean;
  /** The cells it reads: a row whose needed cell cannot be read is left out of it (needs.ts). */
  readonly needs: Needs;
}

export interface ScalarIndicator extends Common {
  readonly type: 'scalar';
  readonly value: (ctx: IndicatorContext) => number | null;
}

export interface BreakdownIndicator extends Common {
  readonly type: 'breakdown';
  /** Every known value, in report order: one key each, zero included. */
  readonly values: (settings: Settings) => readonly string[];
  readonly count: (ctx: IndicatorContext) => Map<string, number>;
  /** The indicator whose count the parts add up to (each record has exactly one value). */
  readonly partsOf?: string;
  /**
   * The column may be left empty (it is not required in docs/registry.md), so the breakdown has a
   * last part 「未記入」 counting the records whose cell is empty: the parts then cover every record.
   */
  readonly unrecorded?: true;
}

export type IndicatorDef = ScalarIndicator | BreakdownIndicator;

/**
 * The part of a breakdown for records whose cell is EMPTY (年代 left blank, a case without 課題).
 * A cell that could not be read (「30代前半」 in 年代, a value not in the list) is not empty: the row is
 * left out of that breakdown (needs.ts) and counted in its leftOut, never under 未記入. Only columns
 * that may be empty have this part; an empty required cell (相談経路, エリア, 受付窓口…) is a
 * `value.required` fault, so its row is left out as unreadable.
 */
export const UNRECORDED = '未記入';

/** The known values and 未記入 last (a settings list holding 「未記入」 itself keeps one key for it). */
const andUnrecorded = (values: readonly string[]): string[] => [...values.filter((v) => v !== UNRECORDED), UNRECORDED];

/** A single value, or 未記入 when the cell is empty. */
const orUnrecorded = (v: string | undefined): string => v ?? UNRECORDED;

/** Several values, or 未記入 when there are none. */
const allOrUnrecorded = (v: readonly string[] | undefined): string | readonly string[] =>
  v !== undefined && v.length > 0 ? v : UNRECORDED;

/** Counts records under their value; a multi-value record counts once under each distinct value. */
export function tally<T>(
  records: readonly T[],
  pick: (r: T) => string | readonly string[] | undefined,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) {
    const v = pick(r);
    if (v === undefined) continue;
    if (typeof v === 'string') counts.set(v, (counts.get(v) ?? 0) + 1);
    else
      v.forEach((x, i) => {
        if (v.indexOf(x) === i) counts.set(x, (counts.get(x) ?? 0) + 1);
      });
  }
  return counts;
}

/** Per 100,000 people per month, rounded half up to one decimal; null without a population. */
export function per100kPerMonth(count: number, ctx: IndicatorContext): number | null {
  const population = ctx.settings.population;
  if (population === null || population <= 0) return null;
  // count × 10^6 / (months × population) is the rate in tenths; rounding that integer ratio avoids
  // the binary fractions of dividing step by step.
  return Math.round((count * 1_000_000) / (monthsTouched(ctx.period) * population)) / 10;
}

// Sets of `string | undefined`: an unreadable cell is absent, and `has(undefined)` is simply false.
const OUTREACH_KINDS: ReadonlySet<string | undefined> = new Set(['アウトリーチ', '家庭訪問', '同行支援']);
const PARTICIPATION_KINDS: ReadonlySet<string | undefined> = new Set([
  '参加支援（就労体験）',
  '参加支援（ボランティア）',
  '参加支援（その他）',
  '定着支援',
]);
const MULTI_AGENCY_MEETINGS: ReadonlySet<string | undefined> = new Set(['支援会議', '重層的支援会議']);
const NETWORK_MEETINGS: ReadonlySet<string | undefined> = new Set([
  '地域ケア会議',
  'つながりづくりプラットフォーム',
  'フードドライブ連絡会',
]);

const count = <T>(records: readonly T[], keep: (r: T) => boolean): number => {
  let n = 0;
  for (const r of records) if (keep(r)) n++;
  return n;
};

/** Participation contacts split by whether the case had its 支援プラン on or before the contact. */
function participation(ctx: IndicatorContext): { planBased: number; prePlan: number } {
  return ctx.once('participation', () => splitParticipation(ctx));
}

function splitParticipation(ctx: IndicatorContext): { planBased: number; prePlan: number } {
  let planBased = 0;
  let prePlan = 0;
  const plans = ctx.planOnById;
  for (const a of ctx.activities) {
    if (!PARTICIPATION_KINDS.has(a.kind)) continue;
    const planOn = a.caseId === undefined ? undefined : plans.get(a.caseId);
    if (a.on !== undefined && isPlanBased(planOn, a.on)) planBased++;
    else prePlan++;
  }
  return { planBased, prePlan };
}

const distinctCases = (activities: readonly Activity[], kind: string): number => {
  const ids = new Set<string>();
  for (const a of activities) if (a.kind === kind && a.caseId !== undefined) ids.add(a.caseId);
  return ids.size;
};

const platformMembers = (c: IndicatorContext) =>
  c.once('platformMembers', () =>
    c.registry.platformMembers.filter((m) => inForceOn(c.period.end, m.joinedOn, m.leftOn)),
  );
const foodPartners = (c: IndicatorContext) =>
  c.once('foodPartners', () => c.registry.foodPartners.filter((p) => inForceOn(c.period.end, p.joinedOn, p.leftOn)));
const donations = (c: IndicatorContext) =>
  c.once('donations', () => c.registry.donations.filter((d) => inPeriod(d.receivedOn, c.period)));
const plansCreated = (c: IndicatorContext) => c.plansCreated;

const fixed = (values: readonly string[]) => () => values;

export const INDICATORS: readonly IndicatorDef[] = [
  {
    type: 'scalar',
    key: 'cases.new',
    needs: { cases: ['receivedOn'] },
    label: '新規相談件数',
    kind: 'flow',
    sensitive: true,
    value: (c) => c.newCases.length,
  },
  {
    type: 'breakdown',
    key: 'cases.new.byDomain',
    needs: { cases: ['receivedOn', 'domains'] },
    label: '新規相談件数（分野別）',
    kind: 'flow',
    sensitive: true,
    values: fixed(ENUMS.domain),
    count: (c) => tally(c.newCases, (r) => r.domains),
  },
  {
    type: 'breakdown',
    key: 'cases.new.byReferralSource',
    needs: { cases: ['receivedOn', 'referralSource'] },
    label: '新規相談件数（相談経路別）',
    kind: 'flow',
    sensitive: true,
    partsOf: 'cases.new',
    values: fixed(ENUMS.referralSource),
    count: (c) => tally(c.newCases, (r) => r.referralSource),
  },
  {
    type: 'breakdown',
    key: 'cases.new.byIssue',
    needs: { cases: ['receivedOn', 'issues'] },
    label: '新規相談件数（課題別）',
    kind: 'flow',
    sensitive: true,
    unrecorded: true,
    values: (s) => andUnrecorded(s.issueTags),
    count: (c) => tally(c.newCases, (r) => allOrUnrecorded(r.issues)),
  },
  {
    type: 'breakdown',
    key: 'cases.new.byArea',
    needs: { cases: ['receivedOn', 'area'] },
    label: '新規相談件数（エリア別）',
    kind: 'flow',
    sensitive: true,
    partsOf: 'cases.new',
    values: (s) => s.areas,
    count: (c) => tally(c.newCases, (r) => r.area),
  },
  {
    type: 'breakdown',
    key: 'cases.new.byAgeGroup',
    needs: { cases: ['receivedOn', 'ageGroup'] },
    label: '新規相談件数（年代別）',
    kind: 'flow',
    sensitive: true,
    partsOf: 'cases.new',
    unrecorded: true,
    values: fixed(andUnrecorded(ENUMS.ageGroup)),
    count: (c) => tally(c.newCases, (r) => orUnrecorded(r.ageGroup)),
  },
  {
    type: 'breakdown',
    key: 'cases.new.byGender',
    needs: { cases: ['receivedOn', 'gender'] },
    label: '新規相談件数（性別）',
    kind: 'flow',
    sensitive: true,
    partsOf: 'cases.new',
    unrecorded: true,
    values: fixed(andUnrecorded(ENUMS.gender)),
    count: (c) => tally(c.newCases, (r) => orUnrecorded(r.gender)),
  },
  {
    type: 'scalar',
    key: 'cases.new.per100kPerMonth',
    needs: { cases: ['receivedOn'] },
    label: '新規相談件数（人口10万人・1か月あたり）',
    kind: 'rate',
    sensitive: true,
    value: (c) => per100kPerMonth(c.newCases.length, c),
  },
  {
    type: 'breakdown',
    key: 'cases.new.byWindow',
    needs: { cases: ['receivedOn', 'window'] },
    label: '新規相談件数（受付窓口別）',
    kind: 'flow',
    sensitive: true,
    partsOf: 'cases.new',
    values: (s) => s.windows,
    count: (c) => tally(c.newCases, (r) => r.window),
  },
  {
    type: 'scalar',
    key: 'cases.active',
    needs: { cases: ['receivedOn', 'closedOn'] },
    label: '支援中ケース数',
    kind: 'stock',
    sensitive: true,
    value: (c) => c.activeCases.length,
  },
  {
    type: 'scalar',
    key: 'cases.active.withConsent',
    needs: { cases: ['receivedOn', 'closedOn', 'consent', 'consentOn', 'consentRevokedOn'] },
    label: 'うち本人同意あり',
    kind: 'stock',
    sensitive: true,
    value: (c) => count(c.activeCases, (r) => consentInForce(r, c.period.end)),
  },
  {
    type: 'scalar',
    key: 'cases.closed',
    needs: { cases: ['closedOn'] },
    label: '終結件数',
    kind: 'flow',
    sensitive: true,
    value: (c) => c.closedCases.length,
  },
  {
    type: 'breakdown',
    key: 'cases.closed.byReason',
    needs: { cases: ['closedOn', 'closureReason'] },
    label: '終結件数（理由別）',
    kind: 'flow',
    sensitive: true,
    partsOf: 'cases.closed',
    // 終結理由 is required by a rule (closure), not by the cell: a closed case without one still counts.
    unrecorded: true,
    values: fixed(andUnrecorded(ENUMS.closureReason)),
    count: (c) => tally(c.closedCases, (r) => orUnrecorded(r.closureReason)),
  },
  {
    type: 'scalar',
    key: 'plans.created',
    needs: { cases: ['planOn'] },
    label: '支援プラン作成件数',
    kind: 'flow',
    sensitive: true,
    value: plansCreated,
  },
  {
    type: 'scalar',
    key: 'plans.created.per100kPerMonth',
    needs: { cases: ['planOn'] },
    label: '支援プラン作成件数（人口10万人・1か月あたり）',
    kind: 'rate',
    sensitive: true,
    value: (c) => per100kPerMonth(plansCreated(c), c),
  },
  {
    type: 'breakdown',
    key: 'meetings.held.byType',
    needs: { meetings: ['heldOn', 'type'] },
    label: '会議開催回数（種別）',
    kind: 'flow',
    sensitive: false,
    values: fixed(ENUMS.meetingType),
    count: (c) => tally(c.meetings, (m) => m.type),
  },
  {
    type: 'scalar',
    key: 'meetings.multiAgency',
    needs: { meetings: ['heldOn', 'type'] },
    label: '多機関協働会議開催件数',
    kind: 'flow',
    sensitive: false,
    value: (c) => count(c.meetings, (m) => MULTI_AGENCY_MEETINGS.has(m.type)),
  },
  {
    type: 'breakdown',
    key: 'meetings.caseReviews.byType',
    needs: { meetingCases: ['meetingId'], meetings: ['heldOn', 'type'] },
    label: '検討ケース延べ件数',
    kind: 'flow',
    sensitive: true,
    values: fixed(ENUMS.meetingType),
    count: (c) => tally(c.meetingCases, (x) => x.meeting.type),
  },
  {
    type: 'scalar',
    key: 'community.networkMeetings',
    needs: { meetings: ['heldOn', 'type'] },
    label: '地域ネットワーク参加回数',
    kind: 'flow',
    sensitive: false,
    value: (c) => count(c.meetings, (m) => NETWORK_MEETINGS.has(m.type)),
  },
  {
    type: 'scalar',
    key: 'outreach.contacts',
    needs: { activities: ['on', 'kind'] },
    label: 'アウトリーチ延べ件数',
    kind: 'flow',
    sensitive: true,
    value: (c) => count(c.activities, (a) => OUTREACH_KINDS.has(a.kind)),
  },
  {
    type: 'scalar',
    key: 'participation.workExperience.persons',
    needs: { activities: ['on', 'kind', 'caseId'] },
    label: '就労体験参加者数（実人数）',
    kind: 'flow',
    sensitive: true,
    value: (c) => distinctCases(c.activities, '参加支援（就労体験）'),
  },
  {
    type: 'scalar',
    key: 'participation.volunteer.contacts',
    needs: { activities: ['on', 'kind'] },
    label: 'ボランティア延べ参加者数',
    kind: 'flow',
    sensitive: true,
    value: (c) => count(c.activities, (a) => a.kind === '参加支援（ボランティア）'),
  },
  {
    type: 'scalar',
    key: 'participation.planBased',
    needs: { activities: ['on', 'kind', 'caseId'], cases: ['planOn'] },
    label: '参加支援（プランに基づく）',
    kind: 'flow',
    sensitive: true,
    value: (c) => participation(c).planBased,
  },
  {
    type: 'scalar',
    key: 'participation.prePlan',
    needs: { activities: ['on', 'kind', 'caseId'], cases: ['planOn'] },
    label: '参加支援（プラン作成前）',
    kind: 'flow',
    sensitive: true,
    value: (c) => participation(c).prePlan,
  },
  {
    type: 'breakdown',
    key: 'places.active.byType',
    needs: { places: ['openedOn', 'closedOn', 'type'] },
    label: '居場所・拠点数（種別）',
    kind: 'stock',
    sensitive: false,
    values: (s) => s.placeTypes,
    count: (c) =>
      tally(
        c.registry.places.filter((p) => inForceOn(c.period.end, p.openedOn, p.closedOn)),
        (p) => p.type,
      ),
  },
  {
    type: 'scalar',
    key: 'platform.members.total',
    needs: { platformMembers: ['joinedOn', 'leftOn'] },
    label: 'プラットフォーム参加団体数',
    kind: 'stock',
    sensitive: false,
    value: (c) => platformMembers(c).length,
  },
  {
    type: 'breakdown',
    key: 'platform.members.byArea',
    needs: { platformMembers: ['joinedOn', 'leftOn', 'area'] },
    label: 'プラットフォーム参加団体数（エリア別）',
    kind: 'stock',
    sensitive: false,
    partsOf: 'platform.members.total',
    values: (s) => s.areas,
    count: (c) => tally(platformMembers(c), (m) => m.area),
  },
  {
    type: 'scalar',
    key: 'foodDrive.partners',
    needs: { foodPartners: ['joinedOn', 'leftOn'] },
    label: 'フードドライブ参画団体数',
    kind: 'stock',
    sensitive: false,
    value: (c) => foodPartners(c).length,
  },
  {
    type: 'breakdown',
    key: 'foodDrive.partners.byActivity',
    needs: { foodPartners: ['joinedOn', 'leftOn', 'activities'] },
    label: '参画団体の活動内容',
    kind: 'stock',
    sensitive: false,
    values: fixed(ENUMS.foodActivity),
    count: (c) => tally(foodPartners(c), (p) => p.activities),
  },
  {
    type: 'breakdown',
    key: 'donations.count.byDonorType',
    needs: { donations: ['receivedOn', 'donorType'] },
    label: '寄付件数（寄付者種別）',
    kind: 'flow',
    sensitive: true,
    values: fixed(ENUMS.donorType),
    count: (c) => tally(donations(c), (d) => d.donorType),
  },
  {
    type: 'scalar',
    key: 'donations.weightKg',
    needs: { donations: ['receivedOn', 'weightKg'] },
    label: '寄付重量(kg)',
    kind: 'flow',
    sensitive: false,
    value: (c) => donationWeight(c),
  },
  {
    type: 'scalar',
    key: 'data.excludedRows',
    needs: {},
    label: '集計から除外した行数',
    kind: 'meta',
    sensitive: false,
    value: (c) => c.excludedRows,
  },
];

/** Kilograms summed in grams, so that 0.1 + 0.2 reports 0.3. */
function donationWeight(c: IndicatorContext): number {
  let grams = 0;
  for (const d of donations(c)) if (d.weightKg !== undefined) grams += Math.round(d.weightKg * 1000);
  return grams / 1000;
}

const byKey = new Map<string, IndicatorDef>(INDICATORS.map((d) => [d.key, d]));

export function indicatorDef(key: string): IndicatorDef | undefined {
  return byKey.get(key);
}

/** The definition a key belongs to, and for a breakdown key the value it names. */
export function resolveKey(key: string): { def: IndicatorDef; value: string | null } | undefined {
  const exact = byKey.get(key);
  if (exact && exact.type === 'scalar') return { def: exact, value: null };
  // The longest breakdown prefix wins: a value may itself contain dots.
  let best: BreakdownIndicator | undefined;
  for (const d of INDICATORS) {
    if (d.type === 'breakdown' && key.startsWith(d.key + '.') && (!best || d.key.length > best.key.length)) best = d;
  }
  return best ? { def: best, value: key.slice(best.key.length + 1) } : undefined;
}

/** `cases.new.byDomain.高齢` → `新規相談件数（分野別）: 高齢`; an unknown key is returned as it is. */
export function indicatorLabel(key: string): string {
  const r = resolveKey(key);
  if (!r) return key;
  return r.value === null ? r.def.label : `${r.def.label}: ${r.value}`;
}

/** Every key, in catalog order, for a registry with these settings. */
export function indicatorKeys(settings: Settings): string[] {
  const keys: string[] = [];
  for (const d of INDICATORS) {
    if (d.type === 'scalar') keys.push(d.key);
    else for (const v of d.values(settings)) keys.push(`${d.key}.${v}`);
  }
  return keys;
}
