// Row-level test data built by hand: a registry with default settings and helpers that add rows
// with generated ids, so each test states only the fields its figure depends on.
import { defaultSettings, type Settings } from '../../../core/registry/definition';
import type {
  Activity,
  Case,
  Donation,
  FoodPartner,
  Meeting,
  MeetingCase,
  Place,
  PlatformMember,
  Registry,
} from '../../../core/registry/records';
import { makePeriod, type Period } from '../../../core/dates/fiscal';
import { computeIndicators, type ReadContext } from '../../../core/indicators';

export function emptyRegistry(settings: Partial<Settings> = {}): Registry {
  return {
    settings: { ...defaultSettings(), ...settings },
    cases: [],
    meetings: [],
    meetingCases: [],
    activities: [],
    places: [],
    platformMembers: [],
    foodPartners: [],
    donations: [],
  };
}

/** `n` rows from `make(i)`, i = 0 … n − 1. */
export const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

/** Spreads `n` dates evenly over [from, to] (inclusive), so rows do not all sit on one day. */
export function spread(n: number, from: string, to: string): string[] {
  const a = Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10));
  const b = Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10));
  return times(n, (i) =>
    new Date(n === 1 ? a : a + Math.floor(((b - a) * i) / (n - 1) / 86_400_000) * 86_400_000)
      .toISOString()
      .slice(0, 10),
  );
}

export class RegistryBuilder {
  readonly registry: Registry;
  private seq = 0;

  constructor(settings: Partial<Settings> = {}) {
    this.registry = emptyRegistry(settings);
  }

  private id(prefix: string): string {
    return `${prefix}-${String(++this.seq).padStart(5, '0')}`;
  }

  case(fields: Partial<Case> & { receivedOn: string }): Case {
    const c: Case = {
      caseId: this.id('K'),
      referralSource: '本人',
      window: '地域包括支援センター',
      domains: ['高齢'],
      area: '東',
      consent: '未確認',
      stage: '受付',
      ...fields,
    };
    this.registry.cases.push(c);
    return c;
  }

  cases(dates: readonly string[], fields: Partial<Case> = {}): Case[] {
    return dates.map((receivedOn) => this.case({ ...fields, receivedOn }));
  }

  meeting(fields: Partial<Meeting> & { heldOn: string; type: Meeting['type'] }): Meeting {
    const m: Meeting = { meetingId: this.id('M'), ...fields };
    if (m.type === '支援会議' && m.confidentialityConfirmed === undefined) m.confidentialityConfirmed = true;
    this.registry.meetings.push(m);
    return m;
  }

  meetings(dates: readonly string[], type: Meeting['type']): Meeting[] {
    return dates.map((heldOn) => this.meeting({ heldOn, type }));
  }

  discuss(meeting: Meeting, c: Case, purpose: MeetingCase['purpose'] = '情報共有'): void {
    this.registry.meetingCases.push({ meetingId: meeting.meetingId, caseId: c.caseId, purpose });
  }

  activity(c: Case, on: string, kind: Activity['kind']): Activity {
    const a: Activity = { activityId: this.id('A'), caseId: c.caseId, on, kind };
    this.registry.activities.push(a);
    return a;
  }

  activities(c: Case, dates: readonly string[], kind: Activity['kind']): Activity[] {
    return dates.map((on) => this.activity(c, on, kind));
  }

  place(fields: Partial<Place> & { type: string; openedOn: string }): Place {
    const p: Place = { placeId: this.id('P'), name: '拠点', ...fields };
    this.registry.places.push(p);
    return p;
  }

  member(fields: Partial<PlatformMember> & { area: string; joinedOn: string }): PlatformMember {
    const m: PlatformMember = { memberId: this.id('PM'), name: '団体', orgType: '地域活動団体', ...fields };
    this.registry.platformMembers.push(m);
    return m;
  }

  partner(fields: Partial<FoodPartner> & { activities: FoodPartner['activities']; joinedOn: string }): FoodPartner {
    const p: FoodPartner = { partnerId: this.id('F'), name: '団体', ...fields };
    this.registry.foodPartners.push(p);
    return p;
  }

  donation(fields: Partial<Donation> & { receivedOn: string; donorType: Donation['donorType'] }): Donation {
    const d: Donation = { donationId: this.id('D'), ...fields };
    this.registry.donations.push(d);
    return d;
  }
}

export function fiscalYear(year: number, asOf: string | null = null, startMonth = 4): Period {
  const r = makePeriod({ kind: 'fiscalYear', year, asOf }, startMonth);
  if (!r.ok) throw new Error(r.message);
  return r.period;
}

export function month(value: string, asOf: string | null = null, startMonth = 4): Period {
  const r = makePeriod({ kind: 'month', month: value, asOf }, startMonth);
  if (!r.ok) throw new Error(r.message);
  return r.period;
}

/** The figures of one period, as the public API computes them (`read`: the cells a read could not read). */
export function figures(registry: Registry, period: Period, read: ReadContext = {}): Record<string, number | null> {
  return computeIndicators(registry, period, read).indicators;
}
