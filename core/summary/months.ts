// The flow figures of several months at once: the 当月 of the twelve months a summary's chart shows,
// which are also the months of its fiscal year so far (the 年度累計's suppression reads them). One
// pass sorts each sheet's rows into the months they can count in; each month is then computed by the
// catalog's own definitions on its share of the rows, with the same rows left out as computeWith
// (inputs.for). Stocks are not computed here: a stock counts rows of any earlier month.
import type { Period } from '../dates/fiscal';
import { INDICATORS } from '../indicators/catalog';
import { IndicatorContext } from '../indicators/context';
import type { FigureInputs } from '../indicators/needs';
import type { Registry } from '../registry/records';

/** `2025-05` of an ISO date, or undefined. */
const monthOf = (date: string | undefined): string | undefined => date?.slice(0, 7);

/**
 * Each month's share of a registry: every row that a flow of that month may count (an indicator
 * context filters by the period itself, so a share only has to hold them all). A case is in the
 * months of its 受付日, 終結日 and プラン作成日, and, when it has a プラン作成日, in those of the
 * contacts that name it (whether a contact came after the plan reads it); a 検討ケース row is in its
 * meeting's month.
 */
function shares(registry: Registry, months: readonly string[]): Map<string, Registry> {
  const out = new Map<string, Registry>();
  for (const m of months)
    out.set(m, {
      settings: registry.settings,
      cases: [],
      meetings: [],
      meetingCases: [],
      activities: [],
      places: [],
      platformMembers: [],
      foodPartners: [],
      donations: [],
    });
  const at = (date: string | undefined) => {
    const m = monthOf(date);
    return m === undefined ? undefined : out.get(m);
  };
  for (const a of registry.activities) at(a.on)?.activities.push(a);
  for (const d of registry.donations) at(d.receivedOn)?.donations.push(d);
  const meetingMonths = new Map<string, Set<Registry>>();
  for (const mt of registry.meetings) {
    const share = at(mt.heldOn);
    if (!share) continue;
    share.meetings.push(mt);
    if (mt.meetingId === undefined) continue;
    const set = meetingMonths.get(mt.meetingId) ?? new Set<Registry>();
    set.add(share);
    meetingMonths.set(mt.meetingId, set);
  }
  for (const row of registry.meetingCases)
    if (row.meetingId !== undefined) meetingMonths.get(row.meetingId)?.forEach((s) => s.meetingCases.push(row));
  // Cases in registry order (a repeated caseId keeps the order computeWith reads it in), each once
  // per month however many of its dates fall in it.
  const named = new Map<string, Registry[]>();
  out.forEach((share) => {
    for (const a of share.activities) {
      if (a.caseId === undefined) continue;
      const list = named.get(a.caseId) ?? [];
      if (list[list.length - 1] !== share) list.push(share);
      named.set(a.caseId, list);
    }
  });
  for (const c of registry.cases) {
    const a = at(c.receivedOn);
    const b = at(c.closedOn);
    const p = at(c.planOn);
    a?.cases.push(c);
    if (b && b !== a) b.cases.push(c);
    if (p && p !== a && p !== b) p.cases.push(c);
    if (c.caseId === undefined || c.planOn === undefined) continue;
    for (const share of named.get(c.caseId) ?? []) if (share !== a && share !== b && share !== p) share.cases.push(c);
  }
  return out;
}

/**
 * The flow indicators (kind `flow`) of each period, every one a calendar month: figures[i][key]
 * for periods[i], as computeWith gives them; stocks, rates and meta figures are absent.
 */
export function monthlyFlows(inputs: FigureInputs, periods: readonly Period[]): Array<Record<string, number | null>> {
  const months = periods.map((p) => p.value);
  const byInput = new Map<Registry, Map<string, Registry>>();
  const contexts = periods.map(() => new Map<Registry, IndicatorContext>());
  const figures = periods.map(() => ({}) as Record<string, number | null>);
  for (const def of INDICATORS) {
    if (def.kind !== 'flow') continue;
    const input = inputs.for(def.needs).registry;
    let monthly = byInput.get(input);
    if (!monthly) {
      monthly = shares(input, months);
      byInput.set(input, monthly);
    }
    periods.forEach((period, i) => {
      const share = monthly.get(period.value)!;
      let ctx = contexts[i]!.get(share);
      if (!ctx) {
        ctx = new IndicatorContext(share, period, 0);
        contexts[i]!.set(share, ctx);
      }
      const out = figures[i]!;
      if (def.type === 'scalar') {
        out[def.key] = def.value(ctx);
        return;
      }
      const counts = def.count(ctx);
      for (const v of def.values(input.settings)) out[`${def.key}.${v}`] = counts.get(v) ?? 0;
    });
  }
  return figures;
}
