// The catalog: every key of docs/indicators.md, every known value of every breakdown (zero included),
// labels from one place, multi-value counting.
import { defaultSettings, sheetDef, type SheetKey } from '../../../core/registry/definition';
import { INDICATORS, computeIndicators, indicatorKeys, indicatorLabel } from '../../../core/indicators';
import { UNRECORDED } from '../../../core/indicators/catalog';
import { fromInterchange, toInterchange } from '../../../core/registry/interchange';
import { readRegistry } from '../../../core/registry/read';
import { generateSampleRegistry } from '../../../core/sample';
import { RegistryBuilder, figures, fiscalYear, month } from './builders';

const CATALOG_KEYS = [
  'cases.new',
  'cases.new.byDomain',
  'cases.new.byReferralSource',
  'cases.new.byIssue',
  'cases.new.byArea',
  'cases.new.byAgeGroup',
  'cases.new.byGender',
  'cases.new.per100kPerMonth',
  'cases.new.byWindow',
  'cases.active',
  'cases.active.withConsent',
  'cases.closed',
  'cases.closed.byReason',
  'plans.created',
  'plans.created.per100kPerMonth',
  'meetings.held.byType',
  'meetings.multiAgency',
  'meetings.caseReviews.byType',
  'community.networkMeetings',
  'outreach.contacts',
  'participation.workExperience.persons',
  'participation.volunteer.contacts',
  'participation.planBased',
  'participation.prePlan',
  'places.active.byType',
  'platform.members.total',
  'platform.members.byArea',
  'foodDrive.partners',
  'foodDrive.partners.byActivity',
  'donations.count.byDonorType',
  'donations.weightKg',
  'data.excludedRows',
];

test('the catalog holds every indicator of docs/indicators.md, in its order', () => {
  expect(INDICATORS.map((d) => d.key)).toEqual(CATALOG_KEYS);
});

test('an empty registry still has every byX.{value} key, at zero', () => {
  const doc = computeIndicators(new RegistryBuilder().registry, fiscalYear(2024));
  const keys = Object.keys(doc.indicators);
  expect(keys).toEqual(indicatorKeys(defaultSettings()));
  expect(keys).toHaveLength(new Set(keys).size);
  for (const k of [
    'cases.new.byDomain.その他',
    'cases.new.byAgeGroup.70代以上',
    'cases.new.byGender.不明',
    'cases.closed.byReason.連絡不通',
    'meetings.caseReviews.byType.地域支援研究会',
    'foodDrive.partners.byActivity.食品の保管と配分',
    'donations.count.byDonorType.行政',
  ]) {
    expect(doc.indicators[k]).toBe(0);
  }
  expect(keys.filter((k) => k.startsWith('cases.new.byWindow.'))).toHaveLength(6);
  // 16 default 課題 tags and 未記入.
  expect(keys.filter((k) => k.startsWith('cases.new.byIssue.'))).toHaveLength(17);
  expect(keys.filter((k) => k.startsWith('cases.new.byAgeGroup.')).slice(-2)).toEqual([
    'cases.new.byAgeGroup.不明',
    'cases.new.byAgeGroup.未記入',
  ]);
  expect(keys.filter((k) => k.startsWith('places.active.byType.'))).toHaveLength(8);
});

test('breakdowns over settings lists follow the settings', () => {
  const b = new RegistryBuilder({
    areas: ['北', '南', '中央'],
    windows: ['総合相談窓口'],
    issueTags: ['ひきこもり', '移動支援'],
    placeTypes: ['ふれあいサロン'],
  });
  b.case({ receivedOn: '2024-06-01', area: '中央', window: '総合相談窓口', issues: ['移動支援'] });
  b.member({ area: '南', joinedOn: '2024-04-01' });
  b.place({ type: 'ふれあいサロン', openedOn: '2020-01-01' });
  const f = figures(b.registry, fiscalYear(2024));
  expect(Object.keys(f).filter((k) => k.startsWith('cases.new.byArea.'))).toEqual([
    'cases.new.byArea.北',
    'cases.new.byArea.南',
    'cases.new.byArea.中央',
  ]);
  expect(f['cases.new.byArea.中央']).toBe(1);
  expect(f['cases.new.byWindow.総合相談窓口']).toBe(1);
  expect(f['cases.new.byIssue.移動支援']).toBe(1);
  expect(f['cases.new.byIssue.ひきこもり']).toBe(0);
  expect(f['platform.members.byArea.南']).toBe(1);
  expect(f['platform.members.byArea.北']).toBe(0);
  expect(f['places.active.byType.ふれあいサロン']).toBe(1);
  expect('cases.new.byArea.東' in f).toBe(false);
});

test('a multi-value record counts under each value; the total counts it once', () => {
  const b = new RegistryBuilder();
  b.case({ receivedOn: '2024-06-01', domains: ['高齢', '障がい'], issues: ['8050', 'ひきこもり'] });
  b.case({ receivedOn: '2024-06-02', domains: ['障がい'] });
  b.partner({ joinedOn: '2024-04-01', activities: ['食事の提供', '食品の配付', '食品の回収'] });
  const f = figures(b.registry, fiscalYear(2024));
  expect(f['cases.new']).toBe(2);
  expect(f['cases.new.byDomain.高齢']).toBe(1);
  expect(f['cases.new.byDomain.障がい']).toBe(2);
  expect(f['cases.new.byIssue.8050']).toBe(1);
  expect(f['cases.new.byIssue.ひきこもり']).toBe(1);
  expect(f['foodDrive.partners']).toBe(1);
  expect(f['foodDrive.partners.byActivity.食品の回収']).toBe(1);
});

test('延べ vs 実人数: contacts count every row, work experience counts people', () => {
  const b = new RegistryBuilder();
  const [a, c] = b.cases(['2024-04-01', '2024-04-01']);
  b.activities(a!, ['2024-05-01', '2024-06-01', '2024-07-01'], '参加支援（就労体験）');
  b.activities(c!, ['2024-05-01'], '参加支援（就労体験）');
  b.activities(a!, ['2024-05-01', '2024-06-01'], '参加支援（ボランティア）');
  b.activities(a!, ['2024-05-01', '2024-05-02'], '家庭訪問');
  b.activities(a!, ['2024-05-03'], '同行支援');
  b.activities(a!, ['2024-05-04'], 'アウトリーチ');
  b.activities(a!, ['2024-05-05'], '連絡調整');
  const f = figures(b.registry, fiscalYear(2024));
  expect(f['participation.workExperience.persons']).toBe(2);
  expect(f['participation.volunteer.contacts']).toBe(2);
  expect(f['outreach.contacts']).toBe(4);
});

test('case reviews: meetingCases rows whose meeting falls in the period, by meeting type', () => {
  const b = new RegistryBuilder();
  const [x, y] = b.cases(['2024-04-01', '2024-04-01'], { consent: '同意あり', consentOn: '2024-04-01' });
  const m1 = b.meeting({ heldOn: '2024-05-01', type: '支援会議' });
  const m2 = b.meeting({ heldOn: '2024-06-01', type: '重層的支援会議' });
  const m3 = b.meeting({ heldOn: '2025-04-01', type: '重層的支援会議' });
  b.discuss(m1, x!);
  b.discuss(m1, y!);
  b.discuss(m2, x!);
  b.discuss(m3, y!);
  b.registry.meetingCases.push({ meetingId: 'M-unknown', caseId: x!.caseId, purpose: '情報共有' });
  const f = figures(b.registry, fiscalYear(2024));
  expect(f['meetings.caseReviews.byType.支援会議']).toBe(2);
  expect(f['meetings.caseReviews.byType.重層的支援会議']).toBe(1);
});

test('plans created, donations by kg (decimal sums exact) and excluded rows', () => {
  const b = new RegistryBuilder();
  b.cases(['2024-04-01', '2024-04-01', '2024-04-01'], { consent: '同意あり', consentOn: '2024-04-01' }).forEach(
    (c, i) => (c.planOn = ['2024-04-01', '2025-03-31', '2025-04-01'][i]),
  );
  b.donation({ receivedOn: '2024-05-01', donorType: '個人', weightKg: 0.1 });
  b.donation({ receivedOn: '2024-05-02', donorType: '団体', weightKg: 0.2 });
  b.donation({ receivedOn: '2024-05-03', donorType: '企業' });
  // A fourth donation whose 重量 could not be read (so it is absent from the record): it is left out
  // of 寄付重量 only, and still counted by 寄付者種別.
  b.donation({ receivedOn: '2024-05-04', donorType: '個人' });
  const faults = { donations: [undefined, undefined, undefined, new Set(['weightKg'])] };
  const doc = computeIndicators(b.registry, fiscalYear(2024), { faults });
  expect(doc.indicators['plans.created']).toBe(2);
  expect(doc.indicators['donations.weightKg']).toBe(0.3);
  expect(doc.indicators['donations.count.byDonorType.個人']).toBe(2);
  expect(doc.leftOut['donations.weightKg']).toBe(1);
  expect(doc.leftOut['donations.count.byDonorType']).toBe(0);
  expect(doc.indicators['data.excludedRows']).toBe(1);
  // Without faults nothing is left out.
  expect(computeIndicators(b.registry, fiscalYear(2024)).indicators['data.excludedRows']).toBe(0);
});

test('labels come from the catalog', () => {
  expect(indicatorLabel('cases.new')).toBe('新規相談件数');
  expect(indicatorLabel('cases.new.byDomain.高齢')).toBe('新規相談件数（分野別）: 高齢');
  expect(indicatorLabel('cases.new.per100kPerMonth')).toBe('新規相談件数（人口10万人・1か月あたり）');
  expect(indicatorLabel('meetings.caseReviews.byType.支援会議')).toBe('検討ケース延べ件数: 支援会議');
  expect(indicatorLabel('cases.new.byArea.第1.2地区')).toBe('新規相談件数（エリア別）: 第1.2地区');
  expect(indicatorLabel('no.such.key')).toBe('no.such.key');
});

test('the output shape of docs/indicators.md', () => {
  const doc = computeIndicators(new RegistryBuilder().registry, fiscalYear(2024));
  expect(doc.format).toBe('kasane-indicators/1');
  expect(doc.period).toEqual({
    kind: 'fiscalYear',
    value: '2024',
    label: '令和6年度',
    from: '2024-04-01',
    to: '2025-03-31',
    asOf: null,
    end: '2025-03-31',
  });
  expect(Object.values(doc.indicators).every((v) => v === null || typeof v === 'number')).toBe(true);
  // Rows left out per catalog entry (the meta figure data.excludedRows has none), and no warnings.
  expect(Object.keys(doc.leftOut)).toEqual(CATALOG_KEYS.filter((k) => k !== 'data.excludedRows'));
  expect(Object.values(doc.leftOut).every((n) => n === 0)).toBe(true);
  expect(doc.warnings).toEqual([]);
});

describe('未記入: empty cells, not unreadable ones', () => {
  test('exactly the breakdowns over a column that may be empty have it, as their last value', () => {
    const withIt = INDICATORS.filter((d) => d.type === 'breakdown' && d.unrecorded).map((d) => d.key);
    expect(withIt).toEqual([
      'cases.new.byIssue',
      'cases.new.byAgeGroup',
      'cases.new.byGender',
      'cases.closed.byReason',
    ]);
    // The column each breakdown counts (its last needed cell) may be empty exactly when it has 未記入.
    for (const d of INDICATORS) {
      if (d.type !== 'breakdown') continue;
      const [sheet, columns] = Object.entries(d.needs).at(-1) as [SheetKey, readonly string[]];
      const col = sheetDef(sheet).columns.find((c) => c.key === columns.at(-1))!;
      expect([d.key, col.required !== true]).toEqual([d.key, d.unrecorded === true]);
      const values = d.values(defaultSettings());
      expect([d.key, values.at(-1) === UNRECORDED]).toEqual([d.key, d.unrecorded === true]);
    }
  });

  test('a settings list that holds 「未記入」 itself keeps one key for it', () => {
    const b = new RegistryBuilder({ issueTags: ['ひきこもり', '未記入'] });
    b.case({ receivedOn: '2024-06-01', issues: ['ひきこもり'] });
    b.case({ receivedOn: '2024-06-02' });
    const f = figures(b.registry, fiscalYear(2024));
    expect(Object.keys(f).filter((k) => k.startsWith('cases.new.byIssue.'))).toEqual([
      'cases.new.byIssue.ひきこもり',
      'cases.new.byIssue.未記入',
    ]);
    expect(f['cases.new.byIssue.未記入']).toBe(1);
  });

  test('read from a registry file: empty → 未記入, unreadable → left out (leftOut), so parts + leftOut = total', () => {
    // Five cases received in June 2024, counted by hand:
    //   #1 年代 70代以上, 性別 女性, 課題 8050 and ひきこもり
    //   #2 年代, 性別 and 課題 empty
    //   #3 年代 「30代前半」 (not a choice: unreadable), 性別 男性, 課題 empty
    //   #4 年代 不明 (someone chose it), 性別 「おとこ」 (unreadable), 課題 「ひきこもり、散歩」 (散歩 is no tag: unreadable)
    //   #5 年代 and 性別 empty; closed on 2024-07-01 without 終結理由 (a closure issue: still counted)
    // and #6, received in June and closed the same year with 終結理由 課題解決.
    const b = new RegistryBuilder();
    b.case({ receivedOn: '2024-06-01', ageGroup: '70代以上', gender: '女性', issues: ['8050', 'ひきこもり'] });
    b.case({ receivedOn: '2024-06-02' });
    b.case({ receivedOn: '2024-06-03', gender: '男性' });
    b.case({ receivedOn: '2024-06-04', ageGroup: '不明' });
    b.case({ receivedOn: '2024-06-05', stage: '終結', closedOn: '2024-07-01' });
    b.case({ receivedOn: '2024-06-06', stage: '終結', closedOn: '2024-08-01', closureReason: '課題解決' });
    const doc = toInterchange(b.registry) as { cases: Array<Record<string, unknown>> };
    doc.cases[2]!.ageGroup = '30代前半';
    doc.cases[3]!.gender = 'おとこ';
    doc.cases[3]!.issues = 'ひきこもり、散歩';
    const raw = fromInterchange(JSON.parse(JSON.stringify(doc)));
    if (!raw.ok) throw new Error(raw.message);
    const read = readRegistry(raw.raw);
    expect(read.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [4, 'ageGroup', 'value.enum'],
      [5, 'issues', 'value.list'],
      [5, 'gender', 'value.enum'],
    ]);
    const r = computeIndicators(read.registry, fiscalYear(2024), read);
    const f = r.indicators;
    expect(f['cases.new']).toBe(6);
    // 年代: 70代以上 #1, 不明 #4, 未記入 #2 #5 #6; #3 left out. 1 + 1 + 3 + 1 left out = 6.
    expect([
      f['cases.new.byAgeGroup.70代以上'],
      f['cases.new.byAgeGroup.不明'],
      f['cases.new.byAgeGroup.未記入'],
    ]).toEqual([1, 1, 3]);
    expect(f['cases.new.byAgeGroup.30代']).toBe(0);
    expect(r.leftOut['cases.new.byAgeGroup']).toBe(1);
    // 性別: 女性 #1, 男性 #3, 未記入 #2 #5 #6; #4 left out.
    expect([f['cases.new.byGender.女性'], f['cases.new.byGender.男性'], f['cases.new.byGender.未記入']]).toEqual([
      1, 1, 3,
    ]);
    expect(r.leftOut['cases.new.byGender']).toBe(1);
    // 課題: 8050 and ひきこもり #1; 未記入 #2 #3 #5 #6; #4 left out (not under ひきこもり either).
    expect([f['cases.new.byIssue.8050'], f['cases.new.byIssue.ひきこもり'], f['cases.new.byIssue.未記入']]).toEqual([
      1, 1, 4,
    ]);
    expect(r.leftOut['cases.new.byIssue']).toBe(1);
    // 終結理由: 課題解決 #6, 未記入 #5 — the parts add up to 終結件数 2.
    expect(f['cases.closed']).toBe(2);
    expect([f['cases.closed.byReason.課題解決'], f['cases.closed.byReason.未記入']]).toEqual([1, 1]);
  });

  test('every single-value breakdown adds up to its total on the sample town, month by month and by year', () => {
    const registry = generateSampleRegistry({ cases: 300, seed: 4 });
    const periods = [fiscalYear(2023), fiscalYear(2024), fiscalYear(2025), month('2024-11'), month('2025-05')];
    const sum = (f: Record<string, number | null>, prefix: string) =>
      Object.entries(f)
        .filter(([k]) => k.startsWith(prefix + '.'))
        .reduce((n, [, v]) => n + (v ?? 0), 0);
    let checked = 0;
    for (const p of periods) {
      const f = figures(registry, p);
      for (const d of INDICATORS) {
        if (d.type !== 'breakdown' || !d.partsOf) continue;
        expect([p.value, d.key, sum(f, d.key)]).toEqual([p.value, d.key, f[d.partsOf]]);
        checked++;
      }
      // The sample leaves 年代 empty on some cases: 未記入 is not always zero.
      if (p.kind === 'fiscalYear') expect(f['cases.new.byAgeGroup.未記入']).toBeGreaterThan(0);
    }
    expect(checked).toBe(periods.length * 7);
  });
});
