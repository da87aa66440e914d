// 福井市 令和7年度実施計画 (seeds/003): six indicators for 令和5年度 and 令和6年度 as of 2025-02-28
// (「令和7年2月末 実績」), rebuilt from row-level data with records after the cut-off that must not count.
import { figures, fiscalYear } from './builders';
import { fukuiRegistry } from '../../fixtures/fukui';

const registry = fukuiRegistry();

const r5 = figures(registry, fiscalYear(2023));
const r6 = figures(registry, fiscalYear(2024, '2025-02-28'));

test.each([
  ['meetings.multiAgency', 24, 24],
  ['community.networkMeetings', 48, 54],
  ['outreach.contacts', 446, 459],
  ['participation.workExperience.persons', 31, 24],
  ['participation.volunteer.contacts', 104, 133],
  ['places.active.byType.ささえあいの家', 6, 7],
])('福井 %s: 令和5年度 %i, 令和6年度（2月末） %i', (key, want5, want6) => {
  expect(r5[key]).toBe(want5);
  expect(r6[key]).toBe(want6);
});

test('the cut-off is what holds the later records back', () => {
  const whole = figures(registry, fiscalYear(2024));
  expect(whole['meetings.multiAgency']).toBe(26);
  expect(whole['community.networkMeetings']).toBe(59);
  expect(whole['outreach.contacts']).toBe(499);
  expect(whole['participation.workExperience.persons']).toBe(25);
  expect(whole['participation.volunteer.contacts']).toBe(142);
  expect(whole['places.active.byType.ささえあいの家']).toBe(8);
});
