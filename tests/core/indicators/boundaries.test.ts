// The edges of periods: first and last days, the as-of day, end dates that are the first day out,
// consent revoked the day before, fiscal years that do not start in April.
import { RegistryBuilder, figures, fiscalYear, month } from './builders';
import { fromInterchange } from '../../../core/registry/interchange';
import { readRegistry } from '../../../core/registry/read';

describe('flow: first and last day of a fiscal year', () => {
  const b = new RegistryBuilder();
  b.cases(['2024-03-31', '2024-04-01', '2024-10-15', '2025-03-31', '2025-04-01']);
  test('2024-04-01 and 2025-03-31 are in 令和6年度, the days either side are not', () => {
    expect(figures(b.registry, fiscalYear(2024))['cases.new']).toBe(3);
    expect(figures(b.registry, fiscalYear(2023))['cases.new']).toBe(1);
    expect(figures(b.registry, fiscalYear(2025))['cases.new']).toBe(1);
  });
});

describe('as-of cut-off', () => {
  const b = new RegistryBuilder();
  b.cases(['2024-04-01', '2024-08-30', '2024-08-31', '2024-09-01']);
  test('the as-of day itself counts, the day after does not', () => {
    const f = figures(b.registry, fiscalYear(2024, '2024-08-31'));
    expect(f['cases.new']).toBe(3);
    expect(f['cases.active']).toBe(3);
  });
  test('an as-of date after the period changes nothing', () => {
    expect(fiscalYear(2024, '2025-06-30').end).toBe('2025-03-31');
    expect(figures(b.registry, fiscalYear(2024, '2025-06-30'))['cases.new']).toBe(4);
  });
  test('a month cut off mid-month', () => {
    expect(figures(b.registry, month('2024-08', '2024-08-30'))['cases.new']).toBe(1);
  });
});

describe('stock: an end date equal to the period end is no longer in force', () => {
  const end = '2025-03-31';
  const b = new RegistryBuilder({ placeTypes: ['サロン'] });
  b.case({ receivedOn: '2024-05-01', stage: '終結', closedOn: end, closureReason: '課題解決' });
  b.case({ receivedOn: '2024-05-01', stage: '終結', closedOn: '2025-04-01', closureReason: '課題解決' });
  b.case({ receivedOn: end });
  b.member({ area: '東', joinedOn: '2024-04-01', leftOn: end });
  b.member({ area: '東', joinedOn: '2024-04-01', leftOn: '2025-04-01' });
  b.member({ area: '西', joinedOn: end });
  b.partner({ activities: ['食品の回収'], joinedOn: '2024-04-01', leftOn: end });
  b.partner({ activities: ['食品の回収'], joinedOn: '2024-04-01' });
  b.place({ type: 'サロン', openedOn: '2024-04-01', closedOn: end });
  b.place({ type: 'サロン', openedOn: end });
  const f = figures(b.registry, fiscalYear(2024));

  test('cases: closedOn = end is closed (a flow on that day) and not active', () => {
    expect(f['cases.active']).toBe(2);
    expect(f['cases.closed']).toBe(1);
    expect(f['cases.closed.byReason.課題解決']).toBe(1);
  });
  test('platform members, food partners and places: leftOn/closedOn = end is out, joined on end is in', () => {
    expect(f['platform.members.total']).toBe(2);
    expect(f['platform.members.byArea.東']).toBe(1);
    expect(f['platform.members.byArea.西']).toBe(1);
    expect(f['foodDrive.partners']).toBe(1);
    expect(f['places.active.byType.サロン']).toBe(1);
  });
  test('the day before the end, the members who leave on the end are still in', () => {
    const g = figures(b.registry, fiscalYear(2024, '2025-03-30'));
    expect(g['platform.members.total']).toBe(2);
    expect(g['platform.members.byArea.東']).toBe(2);
    expect(g['cases.active']).toBe(2);
  });
});

describe('consent in force at the end', () => {
  const b = new RegistryBuilder();
  const end = '2025-03-31';
  b.case({ receivedOn: '2024-04-05', consent: '同意あり', consentOn: '2024-05-01' });
  b.case({ receivedOn: '2024-04-05', consent: '撤回', consentOn: '2024-05-01', consentRevokedOn: '2025-03-30' }); // revoked the day before
  b.case({ receivedOn: '2024-04-05', consent: '撤回', consentOn: '2024-05-01', consentRevokedOn: end }); // revoked on the end: out
  b.case({ receivedOn: '2024-04-05', consent: '撤回', consentOn: '2024-05-01', consentRevokedOn: '2025-04-01' }); // still in force
  b.case({ receivedOn: '2024-04-05', consent: '同意あり', consentOn: '2025-04-01' }); // not yet
  b.case({ receivedOn: '2024-04-05', consent: '同意あり', consentOn: end }); // obtained on the end: in
  b.case({
    receivedOn: '2024-04-05',
    consent: '同意あり',
    consentOn: '2024-05-01',
    stage: '終結',
    closedOn: '2025-01-10',
    closureReason: '課題解決',
  }); // not active
  b.case({ receivedOn: '2024-04-05', consent: '未確認' });
  test('withConsent counts active cases whose consent was obtained by the end and not revoked by it', () => {
    const f = figures(b.registry, fiscalYear(2024));
    expect(f['cases.active']).toBe(7);
    expect(f['cases.active.withConsent']).toBe(3);
  });
  test('on 2025-03-29 the consent revoked on the 30th still holds', () => {
    expect(figures(b.registry, fiscalYear(2024, '2025-03-29'))['cases.active.withConsent']).toBe(4);
  });
  test('JSON null in the interchange is an empty cell by the time it is counted', () => {
    const doc = {
      format: 'kasane-registry/1',
      cases: [
        {
          caseId: 'K-2024-0001',
          receivedOn: '2024-04-05',
          referralSource: '本人',
          window: 'その他',
          domains: ['高齢'],
          area: '東',
          stage: '支援中',
          consent: '同意あり',
          consentOn: '2024-05-01',
          consentRevokedOn: null,
          closedOn: null,
        },
      ],
    };
    const read = fromInterchange(doc);
    if (!read.ok) throw new Error(read.message);
    const f = figures(readRegistry(read.raw).registry, fiscalYear(2024));
    expect(f['cases.active']).toBe(1);
    expect(f['cases.active.withConsent']).toBe(1);
  });
  test('a consent date without 同意あり or 撤回 is not consent', () => {
    const r = new RegistryBuilder();
    r.case({ receivedOn: '2024-04-05', consent: '同意なし', consentOn: '2024-05-01' });
    expect(figures(r.registry, fiscalYear(2024))['cases.active.withConsent']).toBe(0);
  });
});

describe('fiscal years that do not start in April', () => {
  const dates = ['2024-01-01', '2024-06-30', '2024-07-01', '2024-12-31', '2025-01-01', '2025-06-30', '2025-07-01'];
  test('starting in January: the calendar year', () => {
    const b = new RegistryBuilder({ fiscalYearStartMonth: 1 });
    b.cases(dates);
    const p = fiscalYear(2024, null, 1);
    expect([p.from, p.to]).toEqual(['2024-01-01', '2024-12-31']);
    expect(figures(b.registry, p)['cases.new']).toBe(4);
  });
  test('starting in July: 2024-07-01 … 2025-06-30', () => {
    const b = new RegistryBuilder({ fiscalYearStartMonth: 7 });
    b.cases(dates);
    const p = fiscalYear(2024, null, 7);
    expect([p.from, p.to]).toEqual(['2024-07-01', '2025-06-30']);
    expect(figures(b.registry, p)['cases.new']).toBe(4);
    expect(figures(b.registry, fiscalYear(2024, '2025-01-01', 7))['cases.new']).toBe(3);
  });
});

describe('rates per 100,000 people per month', () => {
  test('one decimal, months the period touches up to its end', () => {
    const b = new RegistryBuilder({ population: 308000 });
    b.cases(Array.from({ length: 123 }, (_, i) => `2024-${String(4 + (i % 9)).padStart(2, '0')}-10`));
    // 123 / 12 / 308,000 × 100,000 = 3.327… → 3.3
    expect(figures(b.registry, fiscalYear(2024))['cases.new.per100kPerMonth']).toBe(3.3);
    // As of 2024-05-20: 28 cases (April and May) over 2 months → 28 / 2 / 308,000 × 100,000 = 4.545… → 4.5
    const cut = figures(b.registry, fiscalYear(2024, '2024-05-20'));
    expect(cut['cases.new']).toBe(28);
    expect(cut['cases.new.per100kPerMonth']).toBe(4.5);
  });
  test('rounds half up: 1 case in a month among 200,000 people is 0.5', () => {
    const b = new RegistryBuilder({ population: 200000 });
    b.cases(['2024-04-10']);
    expect(figures(b.registry, month('2024-04'))['cases.new.per100kPerMonth']).toBe(0.5);
  });
  test('plans per 100,000 per month', () => {
    const b = new RegistryBuilder({ population: 12000 });
    b.cases(['2024-04-01'], { consent: '同意あり', consentOn: '2024-04-01', planOn: '2024-06-01' });
    // 1 / 12 / 12,000 × 100,000 = 0.694… → 0.7
    expect(figures(b.registry, fiscalYear(2024))['plans.created.per100kPerMonth']).toBe(0.7);
  });
  test('null without a population', () => {
    const b = new RegistryBuilder();
    b.cases(['2024-04-10']);
    const f = figures(b.registry, fiscalYear(2024));
    expect(f['cases.new.per100kPerMonth']).toBeNull();
    expect(f['plans.created.per100kPerMonth']).toBeNull();
  });
});
