// The records an indicator looks at, selected once per computation and shared by every indicator,
// so the whole catalog costs a few passes over each sheet however many indicators there are.
import { inForceOn, inPeriod, type Period } from '../dates/fiscal';
import type {
  ReadActivity as Activity,
  ReadCase as Case,
  ReadMeeting as Meeting,
  ReadMeetingCase as MeetingCase,
  Registry,
} from '../registry/records';

interface CaseSelections {
  newCases: Case[];
  activeCases: Case[];
  closedCases: Case[];
  plansCreated: number;
  planOnById: Map<string, string>;
}

export class IndicatorContext {
  private memo = new Map<string, unknown>();

  constructor(
    readonly registry: Registry,
    readonly period: Period,
    readonly excludedRows: number,
  ) {}

  /** Computes a selection once per computation, however many indicators use it. */
  once<T>(key: string, make: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as T;
  }

  get settings() {
    return this.registry.settings;
  }

  /** One pass over the cases for every case selection: the sheet is the largest one. */
  private get caseSelections(): CaseSelections {
    return this.once('cases', () => {
      const period = this.period;
      const sel: CaseSelections = {
        newCases: [],
        activeCases: [],
        closedCases: [],
        plansCreated: 0,
        planOnById: new Map(),
      };
      for (const c of this.registry.cases) {
        if (inPeriod(c.receivedOn, period)) sel.newCases.push(c);
        if (inForceOn(period.end, c.receivedOn, c.closedOn)) sel.activeCases.push(c);
        if (inPeriod(c.closedOn, period)) sel.closedCases.push(c);
        if (c.planOn !== undefined && c.caseId !== undefined) {
          sel.planOnById.set(c.caseId, c.planOn);
          if (inPeriod(c.planOn, period)) sel.plansCreated++;
        }
      }
      return sel;
    });
  }

  /** Cases received in the period (flow). */
  get newCases(): Case[] {
    return this.caseSelections.newCases;
  }

  /** Cases received on or before the end and not closed by it (stock). */
  get activeCases(): Case[] {
    return this.caseSelections.activeCases;
  }

  get closedCases(): Case[] {
    return this.caseSelections.closedCases;
  }

  get plansCreated(): number {
    return this.caseSelections.plansCreated;
  }

  /** Plan dates by caseId, for the cases that have one (most do not: a smaller index than all cases). */
  get planOnById(): Map<string, string> {
    return this.caseSelections.planOnById;
  }

  get meetings(): Meeting[] {
    return this.once('meetings', () => this.registry.meetings.filter((m) => inPeriod(m.heldOn, this.period)));
  }

  /** Meetings held in the period, by id: a discussion counts when its meeting falls in the period. */
  get meetingInPeriodById(): Map<string, Meeting> {
    return this.once(
      'meetingInPeriodById',
      () => new Map(this.meetings.filter((m) => m.meetingId !== undefined).map((m) => [m.meetingId!, m])),
    );
  }

  get meetingCases(): Array<{ row: MeetingCase; meeting: Meeting }> {
    return this.once('meetingCases', () => {
      const byId = this.meetingInPeriodById;
      const out: Array<{ row: MeetingCase; meeting: Meeting }> = [];
      for (const row of this.registry.meetingCases) {
        const meeting = row.meetingId === undefined ? undefined : byId.get(row.meetingId);
        if (meeting) out.push({ row, meeting });
      }
      return out;
    });
  }

  get activities(): Activity[] {
    return this.once('activities', () => this.registry.activities.filter((a) => inPeriod(a.on, this.period)));
  }
}
