import { generateSampleRegistry } from '../../../core/sample';
import { mulberry32 } from '../../../core/sample/random';
import { ENUMS, piiKeys, sheetDef, SHEET_KEYS } from '../../../core/registry/definition';
import { fromInterchange, toInterchange } from '../../../core/registry/interchange';
import { validateRegistry } from '../../../core/validate';
import { computeIndicators, excludedRowsOf } from '../../../core/indicators';
import { fiscalYear } from '../indicators/builders';
import type { Registry } from '../../../core/registry/records';

function validate(reg: Registry) {
  const raw = fromInterchange(JSON.parse(JSON.stringify(toInterchange(reg))));
  if (!raw.ok) throw new Error(raw.message);
  return validateRegistry(raw.raw);
}

describe('mulberry32', () => {
  test('the same seed gives the same sequence; another seed another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(xs);
    expect([c.next(), c.next(), c.next()]).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  test('some() draws distinct items in list order', () => {
    const r = mulberry32(7);
    for (let i = 0; i < 200; i++) {
      const got = r.some(ENUMS.domain, 3);
      expect(got).toHaveLength(3);
      expect(new Set(got).size).toBe(3);
      expect([...got].sort((x, y) => ENUMS.domain.indexOf(x) - ENUMS.domain.indexOf(y))).toEqual(got);
    }
  });
});

describe('generateSampleRegistry', () => {
  test.each([0, 1, 30, 200, 3000])('%i cases: valid under every rule (zero issues)', (cases) => {
    const reg = generateSampleRegistry({ cases, seed: 11 });
    expect(reg.cases).toHaveLength(cases);
    const { issues, read } = validate(reg);
    expect(issues).toEqual([]);
    expect(excludedRowsOf(read.registry, read)).toBe(0);
  });

  test.each([1, 2, 99])('seed %i: valid too', (seed) => {
    expect(validate(generateSampleRegistry({ cases: 500, seed })).issues).toEqual([]);
  });

  test('deterministic: same seed → same registry; another seed → another', () => {
    const a = generateSampleRegistry({ cases: 120, seed: 5 });
    expect(generateSampleRegistry({ cases: 120, seed: 5 })).toEqual(a);
    expect(generateSampleRegistry({ cases: 120, seed: 6 }).cases).not.toEqual(a.cases);
  });

  const reg = generateSampleRegistry({ cases: 200 });

  test('the fictional town かさね町, fiscal years 2023–2025', () => {
    expect(reg.settings.municipality).toBe('かさね町');
    expect(generateSampleRegistry({ cases: 3, municipality: 'みらい村' }).settings.municipality).toBe('みらい村');
    const days = reg.cases.map((c) => c.receivedOn).sort();
    expect(days[0]! >= '2023-04-01').toBe(true);
    expect(days[days.length - 1]! <= '2026-03-31').toBe(true);
    const years = new Set(reg.cases.map((c) => c.caseId.slice(2, 6)));
    expect([...years].sort()).toEqual(['2023', '2024', '2025']);
    // ids follow K-<fiscal year>-<4 digits>, and a case received 2024-03-31 is in 2023
    for (const c of reg.cases) {
      expect(c.caseId).toMatch(/^K-\d{4}-\d{4}$/);
      const [y, m] = [Number(c.receivedOn.slice(0, 4)), Number(c.receivedOn.slice(5, 7))];
      expect(Number(c.caseId.slice(2, 6))).toBe(m >= 4 ? y : y - 1);
    }
    for (const a of reg.activities) expect(a.activityId).toMatch(/^A-\d{4}-\d{5}$/);
    for (const m of reg.meetings) expect(m.meetingId).toMatch(/^M-\d{4}-\d{4}$/);
  });

  test('every meeting type and activity kind occurs; both meetings discuss cases', () => {
    expect(new Set(reg.meetings.map((m) => m.type))).toEqual(new Set(ENUMS.meetingType));
    expect(new Set(reg.activities.map((a) => a.kind))).toEqual(new Set(ENUMS.activityKind));
    const typeOf = new Map(reg.meetings.map((m) => [m.meetingId, m.type]));
    const discussedAt = new Set(reg.meetingCases.map((mc) => typeOf.get(mc.meetingId)));
    expect(discussedAt.has('支援会議')).toBe(true);
    expect(discussedAt.has('重層的支援会議')).toBe(true);
    for (const kind of ['同意あり', '未確認', '同意なし', '撤回'] as const)
      expect(reg.cases.some((c) => c.consent === kind)).toBe(true);
    expect(reg.cases.some((c) => c.planOn)).toBe(true);
    expect(reg.cases.some((c) => c.stage === '終結')).toBe(true);
  });

  test('支援会議 confirm confidentiality; 重層的支援会議 only discuss cases with consent in force', () => {
    for (const m of reg.meetings.filter((x) => x.type === '支援会議')) expect(m.confidentialityConfirmed).toBe(true);
    const meeting = new Map(reg.meetings.map((m) => [m.meetingId, m]));
    const kase = new Map(reg.cases.map((c) => [c.caseId, c]));
    let checked = 0;
    for (const mc of reg.meetingCases) {
      const m = meeting.get(mc.meetingId)!;
      const c = kase.get(mc.caseId)!;
      expect(c.receivedOn <= m.heldOn).toBe(true);
      if (m.type !== '重層的支援会議') continue;
      checked++;
      expect(c.consentOn! <= m.heldOn).toBe(true);
      if (c.consentRevokedOn) expect(c.consentRevokedOn > m.heldOn).toBe(true);
    }
    expect(checked).toBeGreaterThan(0);
  });

  test('platforms 東 and 西, food partners growing 32 → 36 → 41, donations with partners', () => {
    const east = reg.platformMembers.filter((m) => m.area === '東');
    const west = reg.platformMembers.filter((m) => m.area === '西');
    expect(east).toHaveLength(33);
    expect(west).toHaveLength(36);
    expect(west.every((m) => m.joinedOn >= '2025-04-01')).toBe(true);
    const joinedBy = (d: string) => reg.foodPartners.filter((f) => f.joinedOn <= d).length;
    expect([joinedBy('2024-03-31'), joinedBy('2025-03-31'), joinedBy('2026-03-31')]).toEqual([32, 36, 41]);
    expect(reg.donations.some((d) => d.partnerId)).toBe(true);
    expect(reg.places.length).toBeGreaterThan(0);
  });

  // Figures of 令和5–7年度 (2023–2025) at the default size, as the city the town follows reports them
  // (春日井市 第二期重層的支援体制整備事業実施計画).
  const byYear = [2023, 2024, 2025].map((y) => computeIndicators(reg, fiscalYear(y)).indicators);
  const perYear = (key: string) => byYear.map((f) => f[key]);

  test('meetings: 支援会議 the main one (15 in 令和6年度), 重層的支援会議 about a quarter as often', () => {
    expect(perYear('meetings.held.byType.支援会議')).toEqual([12, 15, 18]);
    expect(perYear('meetings.held.byType.重層的支援会議')).toEqual([3, 4, 5]);
    expect(perYear('meetings.held.byType.包括的支援推進会議')).toEqual([2, 2, 2]);
    // つながりづくりプラットフォーム meets quarterly: 東 from 令和5年度, 西 too from 令和7年度.
    expect(perYear('meetings.held.byType.つながりづくりプラットフォーム')).toEqual([4, 4, 8]);
    const platform = reg.meetings.filter((m) => m.type === 'つながりづくりプラットフォーム');
    expect(platform.filter((m) => m.area === '西').every((m) => m.heldOn >= '2025-04-01')).toBe(true);
    expect(platform.filter((m) => m.area === '西')).toHaveLength(4);
    // Both case meetings discuss cases every year.
    for (const f of byYear) {
      expect(f['meetings.caseReviews.byType.支援会議']).toBeGreaterThan(0);
      expect(f['meetings.caseReviews.byType.重層的支援会議']).toBeGreaterThan(0);
    }
  });

  test('フードドライブ: 参画団体の活動内容 and 企業 donations as in the city’s plan', () => {
    const activities = ['食事の提供', '食品の配付', '食品の回収', '食品の保管と配分', 'その他'];
    expect(byYear.map((f) => activities.map((a) => f[`foodDrive.partners.byActivity.${a}`]))).toEqual([
      [21, 12, 5, 2, 3],
      [24, 12, 5, 2, 4],
      [28, 12, 6, 2, 4],
    ]);
    expect(perYear('foodDrive.partners')).toEqual([32, 36, 41]);
    expect(perYear('donations.count.byDonorType.企業')).toEqual([7, 8, 11]);
  });

  test('PII columns hold only obviously fictional values', () => {
    for (const c of reg.cases) {
      expect(c.name).toMatch(/^架空 /);
      if (c.contact) expect(c.contact).toMatch(/^000-0000-\d{4}$/);
      if (c.address) expect(c.address).toMatch(/^かさね町.*（架空）$/);
      if (c.note) expect(c.note).toMatch(/^架空/);
    }
    for (const key of SHEET_KEYS) {
      for (const k of piiKeys(sheetDef(key))) {
        for (const r of reg[key] as Array<Record<string, unknown>>)
          if (r[k] !== undefined) expect(String(r[k])).toMatch(/架空|^000-0000-/);
      }
    }
  });

  test('sizes scale: 10k cases with proportional meetings and activities', () => {
    const big = generateSampleRegistry({ cases: 10_000, seed: 3 });
    expect(big.cases).toHaveLength(10_000);
    expect(big.meetings.length).toBeGreaterThan(1000);
    expect(big.activities.length).toBeGreaterThan(10_000);
    expect(new Set(big.cases.map((c) => c.caseId)).size).toBe(10_000);
    expect(validate(big).issues).toEqual([]);
  });
});
