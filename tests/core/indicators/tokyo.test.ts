// 東京都社会福祉協議会 事例集 (seeds/001), 令和6年度: 14 participation supports based on a plan,
// 1,527 before any plan — counted separately, neither lost.
import { RegistryBuilder, figures, fiscalYear, spread } from './builders';

test('東京都 参加支援: planBased 14, prePlan 1,527', () => {
  const b = new RegistryBuilder();
  // Two cases get a plan in the autumn: their contacts before it are pre-plan, on and after it plan-based.
  const planned = b.cases(['2024-04-10', '2024-05-20'], {
    consent: '同意あり',
    consentOn: '2024-06-01',
    planOn: '2024-10-01',
    stage: '支援中',
  });
  for (const c of planned) {
    b.activities(c, spread(6, '2024-06-01', '2024-09-30'), '参加支援（就労体験）'); // 12 pre-plan
    b.activity(c, '2024-10-01', '参加支援（その他）'); // on the plan day: plan-based (2)
    b.activities(c, spread(6, '2024-10-02', '2025-03-31'), '定着支援'); // 12 plan-based
  }
  // Twenty-one more cases never reach a plan: 1,515 contacts between them.
  const unplanned = b.cases(spread(21, '2024-04-01', '2024-06-30'), { stage: '支援中' });
  const kinds = ['参加支援（就労体験）', '参加支援（ボランティア）', '参加支援（その他）', '定着支援'] as const;
  let left = 1515;
  unplanned.forEach((c, i) => {
    const n = i === unplanned.length - 1 ? left : 72;
    left -= n;
    spread(n, '2024-07-01', '2025-03-31').forEach((on, j) => b.activity(c, on, kinds[j % kinds.length]!));
  });
  // Contacts of other kinds are neither; contacts outside R6 are not counted.
  b.activities(planned[0]!, spread(30, '2024-06-01', '2025-03-31'), 'アウトリーチ');
  b.activities(unplanned[0]!, ['2025-04-01', '2025-04-02'], '参加支援（ボランティア）');
  const f = figures(b.registry, fiscalYear(2024));
  expect(f['participation.planBased']).toBe(14);
  expect(f['participation.prePlan']).toBe(1527);
  expect(f['plans.created']).toBe(2);
});
