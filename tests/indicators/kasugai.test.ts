// 春日井市 第二期実施計画 (seeds/000): the published figures, rebuilt from row-level data.
import { RegistryBuilder, figures, fiscalYear, month, spread, times } from './builders';

describe('春日井 フードドライブ・ネットワーク (令和5–7年度)', () => {
  // 32 partners in R5. Eleven of them have a second activity, so the activity counts add up to 43.
  const b = new RegistryBuilder();
  const r5 = spread(32, '2023-04-10', '2024-03-20');
  times(21, (i) =>
    b.partner({
      joinedOn: r5[i]!,
      activities:
        i === 0
          ? ['食事の提供', '食品の配付']
          : i <= 5
            ? ['食事の提供', '食品の回収']
            : i <= 7
              ? ['食事の提供', '食品の保管と配分']
              : i <= 10
                ? ['食事の提供', 'その他']
                : ['食事の提供'],
    }),
  );
  const distributors = times(11, (i) => b.partner({ joinedOn: r5[21 + i]!, activities: ['食品の配付'] }));
  // R6: four more (three serve meals, one その他).
  times(3, (i) => b.partner({ joinedOn: `2024-0${5 + i}-01`, activities: ['食事の提供'] }));
  b.partner({ joinedOn: '2025-03-31', activities: ['その他'] }); // the last day of R6 counts in R6
  // R7: a distributor leaves and another joins; four meal providers and a collector join.
  distributors[0]!.leftOn = '2025-10-01';
  b.partner({ joinedOn: '2025-11-15', activities: ['食品の配付'] });
  times(4, (i) => b.partner({ joinedOn: `2025-0${6 + i}-10`, activities: ['食事の提供'] }));
  b.partner({ joinedOn: '2026-01-05', activities: ['食品の回収'] });
  // Joins in R8: in none of the three years.
  b.partner({ joinedOn: '2026-04-01', activities: ['食事の提供', '食品の配付'] });

  const table: Array<[string, number, number, number]> = [
    ['foodDrive.partners', 32, 36, 41],
    ['foodDrive.partners.byActivity.食事の提供', 21, 24, 28],
    ['foodDrive.partners.byActivity.食品の配付', 12, 12, 12],
    ['foodDrive.partners.byActivity.食品の回収', 5, 5, 6],
    ['foodDrive.partners.byActivity.食品の保管と配分', 2, 2, 2],
    ['foodDrive.partners.byActivity.その他', 3, 4, 4],
  ];
  test.each(table)('%s = %i / %i / %i', (key, r5n, r6n, r7n) => {
    expect([2023, 2024, 2025].map((y) => figures(b.registry, fiscalYear(y))[key])).toEqual([r5n, r6n, r7n]);
  });

  test('企業からの寄付 7 / 8 / 11, counted by receivedOn', () => {
    const d = new RegistryBuilder();
    for (const on of spread(7, '2023-04-01', '2024-03-31'))
      d.donation({ receivedOn: on, donorType: '企業', weightKg: 10 });
    for (const on of spread(8, '2024-04-01', '2025-03-31')) d.donation({ receivedOn: on, donorType: '企業' });
    for (const on of spread(11, '2025-04-01', '2026-03-31')) d.donation({ receivedOn: on, donorType: '企業' });
    for (const on of spread(20, '2023-04-01', '2026-03-31'))
      d.donation({ receivedOn: on, donorType: '個人', weightKg: 2.5 });
    d.donation({ receivedOn: '2023-03-31', donorType: '企業' }); // R4
    expect(
      [2023, 2024, 2025].map((y) => figures(d.registry, fiscalYear(y))['donations.count.byDonorType.企業']),
    ).toEqual([7, 8, 11]);
    expect(figures(d.registry, fiscalYear(2023))['donations.count.byDonorType.個人']).toBe(7);
    expect(figures(d.registry, fiscalYear(2023))['donations.weightKg']).toBe(70 + 7 * 2.5);
  });
});

test('春日井 つながりづくりプラットフォーム 2026-03: 東 33, 西 36, total 69', () => {
  const b = new RegistryBuilder();
  for (const on of spread(28, '2023-05-01', '2024-03-31')) b.member({ area: '東', joinedOn: on }); // 東エリア since R5
  for (const on of spread(5, '2024-06-01', '2025-12-01')) b.member({ area: '東', joinedOn: on });
  b.member({ area: '東', joinedOn: '2023-06-01', leftOn: '2025-03-01' });
  b.member({ area: '東', joinedOn: '2023-06-01', leftOn: '2026-02-01' });
  for (const on of spread(36, '2025-04-01', '2026-03-31')) b.member({ area: '西', joinedOn: on }); // 西エリア since R7
  b.member({ area: '西', joinedOn: '2026-04-01' });
  const march = figures(b.registry, month('2026-03'));
  expect(march['platform.members.byArea.東']).toBe(33);
  expect(march['platform.members.byArea.西']).toBe(36);
  expect(march['platform.members.total']).toBe(69);
  // A month earlier 西 had not finished forming.
  expect(figures(b.registry, month('2026-02'))['platform.members.byArea.西']).toBeLessThan(36);
});

test('春日井 支援会議 15件 in 令和6年度', () => {
  const b = new RegistryBuilder();
  b.meetings(spread(15, '2024-04-01', '2025-03-31'), '支援会議');
  b.meetings(spread(6, '2024-05-01', '2025-02-01'), '重層的支援会議');
  b.meetings(['2024-03-31', '2025-04-01'], '支援会議');
  const f = figures(b.registry, fiscalYear(2024));
  expect(f['meetings.held.byType.支援会議']).toBe(15);
  expect(f['meetings.held.byType.重層的支援会議']).toBe(6);
  expect(f['meetings.multiAgency']).toBe(21);
});

test('春日井 民生委員からの相談 4件 in 令和6年度', () => {
  const b = new RegistryBuilder();
  b.cases(spread(4, '2024-04-03', '2025-03-28'), { referralSource: '民生委員・児童委員' });
  b.cases(spread(40, '2024-04-01', '2025-03-31'), { referralSource: '本人' });
  b.cases(['2024-03-29', '2025-04-02'], { referralSource: '民生委員・児童委員' });
  const f = figures(b.registry, fiscalYear(2024));
  expect(f['cases.new.byReferralSource.民生委員・児童委員']).toBe(4);
  expect(f['cases.new']).toBe(44);
});

test('春日井 ひきこもり相談 14件 (令和6年度) → 36件 (令和7年度, 1月末まで)', () => {
  const b = new RegistryBuilder();
  b.cases(spread(10, '2024-04-01', '2025-03-31'), { issues: ['ひきこもり'] });
  b.cases(spread(4, '2024-06-01', '2025-01-31'), { issues: ['8050', 'ひきこもり'], domains: ['高齢', '障がい'] });
  b.cases(spread(20, '2024-04-01', '2025-03-31'), { issues: ['8050'] });
  b.cases(spread(30, '2025-04-01', '2026-01-31'), { issues: ['ひきこもり'] });
  b.cases(spread(6, '2025-05-01', '2026-01-15'), { issues: ['ひきこもり', '生活困窮・就労'] });
  b.cases(spread(5, '2026-02-01', '2026-03-31'), { issues: ['ひきこもり'] }); // after the January cut-off
  expect(figures(b.registry, fiscalYear(2024))['cases.new.byIssue.ひきこもり']).toBe(14);
  const r7 = figures(b.registry, fiscalYear(2025, '2026-01-31'));
  expect(r7['cases.new.byIssue.ひきこもり']).toBe(36);
  expect(r7['cases.new.byIssue.生活困窮・就労']).toBe(6);
  expect(figures(b.registry, fiscalYear(2025))['cases.new.byIssue.ひきこもり']).toBe(41);
});
