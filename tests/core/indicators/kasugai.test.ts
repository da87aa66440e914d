// 春日井市 第二期実施計画 (seeds/000): the published figures, rebuilt from row-level data.
import { RegistryBuilder, figures, fiscalYear, month } from './builders';
import {
  addDonations,
  addFoodDrive,
  addHikikomori,
  addPlatform,
  addReferrals,
  addSupportMeetings,
} from '../../fixtures/kasugai';

const built = (add: (b: RegistryBuilder) => void) => {
  const b = new RegistryBuilder();
  add(b);
  return b.registry;
};

describe('春日井 フードドライブ・ネットワーク (令和5–7年度)', () => {
  const registry = built(addFoodDrive);
  test.each([
    ['foodDrive.partners', 32, 36, 41],
    ['foodDrive.partners.byActivity.食事の提供', 21, 24, 28],
    ['foodDrive.partners.byActivity.食品の配付', 12, 12, 12],
    ['foodDrive.partners.byActivity.食品の回収', 5, 5, 6],
    ['foodDrive.partners.byActivity.食品の保管と配分', 2, 2, 2],
    ['foodDrive.partners.byActivity.その他', 3, 4, 4],
  ])('%s = %i / %i / %i', (key, r5n, r6n, r7n) => {
    expect([2023, 2024, 2025].map((y) => figures(registry, fiscalYear(y))[key])).toEqual([r5n, r6n, r7n]);
  });

  test('企業からの寄付 7 / 8 / 11, counted by receivedOn', () => {
    const d = built(addDonations);
    expect([2023, 2024, 2025].map((y) => figures(d, fiscalYear(y))['donations.count.byDonorType.企業'])).toEqual([
      7, 8, 11,
    ]);
    expect(figures(d, fiscalYear(2023))['donations.count.byDonorType.個人']).toBe(7);
    expect(figures(d, fiscalYear(2023))['donations.weightKg']).toBe(70 + 7 * 2.5);
  });
});

test('春日井 つながりづくりプラットフォーム 2026-03: 東 33, 西 36, total 69', () => {
  const registry = built(addPlatform);
  const march = figures(registry, month('2026-03'));
  expect(march['platform.members.byArea.東']).toBe(33);
  expect(march['platform.members.byArea.西']).toBe(36);
  expect(march['platform.members.total']).toBe(69);
  // A month earlier 西 had not finished forming.
  expect(figures(registry, month('2026-02'))['platform.members.byArea.西']).toBeLessThan(36);
});

test('春日井 支援会議 15件 in 令和6年度', () => {
  const f = figures(built(addSupportMeetings), fiscalYear(2024));
  expect(f['meetings.held.byType.支援会議']).toBe(15);
  expect(f['meetings.held.byType.重層的支援会議']).toBe(6);
  expect(f['meetings.multiAgency']).toBe(21);
});

test('春日井 民生委員からの相談 4件 in 令和6年度', () => {
  const f = figures(built(addReferrals), fiscalYear(2024));
  expect(f['cases.new.byReferralSource.民生委員・児童委員']).toBe(4);
  expect(f['cases.new']).toBe(44);
});

test('春日井 ひきこもり相談 14件 (令和6年度) → 36件 (令和7年度, 1月末まで)', () => {
  const registry = built(addHikikomori);
  expect(figures(registry, fiscalYear(2024))['cases.new.byIssue.ひきこもり']).toBe(14);
  const r7 = figures(registry, fiscalYear(2025, '2026-01-31'));
  expect(r7['cases.new.byIssue.ひきこもり']).toBe(36);
  expect(r7['cases.new.byIssue.生活困窮・就労']).toBe(6);
  expect(figures(registry, fiscalYear(2025))['cases.new.byIssue.ひきこもり']).toBe(41);
});
