// No hidden count is recoverable from all the public outputs of one registry together (issue 12,
// item 2): an attacker takes every public 月次集計 of several fiscal years — each table's three
// columns, the chart of the twelve months it carries — and works out what the shown numbers imply.
//
// The attacker knows what a reader of the tables knows:
// - every cell is a count of a period: 当月 and 前年同月 are months, 年度累計 runs from the fiscal
//   year's first month; a stock (支援中ケース数) is taken on the column's last day, so its 年度累計
//   is its 当月; the chart's bars are the 当月 of each month;
// - 年度累計 = the previous month's 年度累計 + 当月 (a flow counted once per record; not 実人数),
//   and 年度累計 = 当月 in the fiscal year's first month;
// - the parts of a breakdown that adds up (every record under exactly one value) sum to its total;
//   where a record may count under several values (分野, 課題: every case has one at least), each
//   part is at most the total and the parts sum to the total at least;
// - every count is ≥ 0, and a `*` is never 0 (the footnote says so);
// - 支援中(m) = 支援中(m − 1) + 新規相談(m) − 終結(m) (true of clean records), and うち本人同意あり ≤
//   支援中ケース数;
// - a public stock (支援中ケース数, うち本人同意あり) is withheld (the footnote says so): a shown 0 is 0,
//   and a stock's `*` is a count of at least 1 — nothing more.
// From these exact equations it solves for every hidden cell (exact rational elimination to reduced
// row echelon form), narrows the bounds (a `*` ≥ 1: two hidden cells adding up to 2 are both 1), and
// repeats until nothing new is learnt. Its findings are the hidden cells it pins to one value; the
// internal summaries of the same months say which of them are small counts (1 … threshold − 1).
import { buildMonthlySummary, type MonthlySummary } from '../../../core/summary';
import { resolveKey } from '../../../core/indicators/catalog';
import { shiftMonth } from '../../../core/dates/fiscal';
import { generateSampleRegistry } from '../../../core/sample';
import type { Case, Registry } from '../../../core/registry/records';
import { suppressPrimary } from '../../../core/summary/suppress';
import { RegistryBuilder, spread } from '../indicators/builders';

/** A flow that does not add up over months: the same person may take part in two of them. */
const NOT_ADDITIVE = new Set(['participation.workExperience.persons']);

/** One quantity: an indicator over a month (`M`) or over its fiscal year to that month (`C`). */
const cellVar = (key: string, span: 'M' | 'C', month: string): string => `${key}|${span}|${month}`;

interface Equation {
  /** Σ coefficient × quantity = rhs, or ≥ rhs when `atLeast` */
  terms: Array<[string, number]>;
  rhs: number;
  atLeast?: true;
}

/** What the public outputs show: values, hidden quantities, and the equations a reader knows. */
interface Publication {
  shown: Map<string, number>;
  hidden: Set<string>;
  /** The same quantity shown with two different values (never expected). */
  conflicts: string[];
  /** Quantities hidden in one place and shown in another. */
  exposed: Set<string>;
  /** What a reader knows of a quantity neither shown exactly nor a plain `*`: a rounded or hidden stock. */
  bounds: Map<string, [number, number]>;
  equations: Equation[];
}

interface AttackOptions {
  /** Read public stocks as exact numbers, as an earlier method published them. */
  exactStocks?: boolean;
}

const STOCKS = ['cases.active', 'cases.active.withConsent'];

/** Reads the quantities and relations out of public summaries, as a reader would. */
function publication(summaries: readonly MonthlySummary[], options: AttackOptions = {}): Publication {
  const pub: Publication = {
    shown: new Map(),
    hidden: new Set(),
    conflicts: [],
    exposed: new Set(),
    bounds: new Map(),
    equations: [],
  };
  const see = (v: string, cell: number | string | null, rounded?: number) => {
    if (cell === null) return;
    if (rounded !== undefined && cell !== 0) {
      // A withheld stock: at least 1, nothing more (a number is only ever 0, seen exactly above).
      void rounded;
      const range: [number, number] = [1, Number.MAX_SAFE_INTEGER];
      const before = pub.bounds.get(v);
      if (before && (before[0] !== range[0] || before[1] !== range[1]))
        pub.conflicts.push(`${v}: ${before} / ${range}`);
      pub.bounds.set(v, range);
      return;
    }
    if (typeof cell === 'number') {
      const before = pub.shown.get(v);
      if (before !== undefined && before !== cell) pub.conflicts.push(`${v}: ${before} / ${cell}`);
      pub.shown.set(v, cell);
    } else pub.hidden.add(v);
  };
  const fiscalStart = new Map<string, string>(); // month → first month of its fiscal year
  const kindOf = (key: string) => resolveKey(key)?.def.kind;
  for (const s of summaries) {
    const month = s.month;
    const lastYear = s.columns[1]!.period.from.slice(0, 7);
    fiscalStart.set(month, s.columns[2]!.period.from.slice(0, 7));
    const rows = s.groups.flatMap((g) => g.rows);
    const vars = (key: string): [string, string, string] => [
      cellVar(key, 'M', month),
      cellVar(key, 'M', lastYear),
      kindOf(key) === 'stock' ? cellVar(key, 'M', month) : cellVar(key, 'C', month),
    ];
    // Stocks are withheld in public tables (core/summary/suppress.ts withholdStock).
    const base =
      s.public && !options.exactStocks && (s.suppressionThreshold ?? 1) > 1 ? s.suppressionThreshold! : undefined;
    for (const r of rows) vars(r.key).forEach((v, c) => see(v, r.cells[c]!, STOCKS.includes(r.key) ? base : undefined));
    // Breakdowns under a total, in each column: Σ parts = total where they add up; otherwise each
    // part ≤ total ≤ Σ parts.
    const blocks = new Map<string, { total: string; parts: string[]; addsUp: boolean }>();
    for (const r of rows) {
      const b = r.breakdown;
      if (!b || b.total === null) continue;
      const block = blocks.get(b.key) ?? { total: b.total, parts: [], addsUp: b.addsUp };
      block.parts.push(r.key);
      blocks.set(b.key, block);
    }
    for (const { total, parts, addsUp } of blocks.values())
      for (let c = 0; c < 3; c++) {
        const sum: Equation = {
          terms: [[vars(total)[c]!, -1], ...parts.map((p): [string, number] => [vars(p)[c]!, 1])],
          rhs: 0,
        };
        if (addsUp) {
          pub.equations.push(sum);
          continue;
        }
        pub.equations.push({ ...sum, atLeast: true });
        for (const p of parts)
          pub.equations.push({
            terms: [
              [vars(total)[c]!, 1],
              [vars(p)[c]!, -1],
            ],
            rhs: 0,
            atLeast: true,
          });
      }
    const chart = s.charts.newCasesByDomain;
    for (const series of chart.series)
      chart.months.forEach((m, i) => see(cellVar(`cases.new.byDomain.${series.domain}`, 'M', m), series.values[i]!));
    const meetings = s.charts.meetingsByType;
    meetings.types.forEach((t, i) => {
      see(cellVar(`meetings.held.byType.${t}`, 'M', month), meetings.month[i]!);
      see(cellVar(`meetings.held.byType.${t}`, 'C', month), meetings.fiscalYearToDate[i]!);
    });
  }
  // Over the months: 年度累計 is 当月 in the first month, and adds 当月 to the month before after it.
  const all = new Set([...pub.shown.keys(), ...pub.hidden, ...pub.bounds.keys()]);
  for (const v of all) {
    const [key, span, month] = v.split('|') as [string, 'M' | 'C', string];
    // Meetings and kilograms are never hidden: their equations teach nothing (and kg are not whole).
    if (span !== 'C' || resolveKey(key)?.def.sensitive !== true) continue;
    const start = fiscalStart.get(month);
    if (start === undefined) continue;
    if (month === start) {
      pub.equations.push({
        terms: [
          [v, 1],
          [cellVar(key, 'M', month), -1],
        ],
        rhs: 0,
      });
      continue;
    }
    const before = cellVar(key, 'C', shiftMonth(month, -1));
    if (NOT_ADDITIVE.has(key) || kindOf(key) !== 'flow' || !all.has(before)) continue;
    pub.equations.push({
      terms: [
        [v, 1],
        [before, -1],
        [cellVar(key, 'M', month), -1],
      ],
      rhs: 0,
    });
  }
  // Stock and flows: 支援中(m) = 支援中(m − 1) + 新規相談(m) − 終結(m); うち本人同意あり ≤ 支援中.
  for (const v of all) {
    const [key, span, month] = v.split('|') as [string, string, string];
    if (key !== 'cases.active' || span !== 'M') continue;
    const terms: Array<[string, number]> = [
      [v, 1],
      [cellVar('cases.active', 'M', shiftMonth(month, -1)), -1],
      [cellVar('cases.new', 'M', month), -1],
      [cellVar('cases.closed', 'M', month), 1],
    ];
    if (terms.every(([t]) => all.has(t))) pub.equations.push({ terms, rhs: 0 });
    const consent = cellVar('cases.active.withConsent', 'M', month);
    if (all.has(consent))
      pub.equations.push({
        terms: [
          [v, 1],
          [consent, -1],
        ],
        rhs: 0,
        atLeast: true,
      });
  }
  // A quantity shown anywhere is known everywhere.
  for (const v of pub.shown.keys()) if (pub.hidden.delete(v)) pub.exposed.add(v);
  return pub;
}

// ---------------------------------------------------------------------------------------------
// Exact linear algebra: rows of bigint coefficients kept primitive, in reduced row echelon form.

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};

interface Row {
  terms: Map<string, bigint>;
  rhs: bigint;
  atLeast?: true;
}

function primitive(row: Row): Row {
  let g = row.rhs < 0n ? -row.rhs : row.rhs;
  for (const c of row.terms.values()) g = gcd(g, c);
  if (g > 1n) {
    for (const [v, c] of row.terms) row.terms.set(v, c / g);
    row.rhs /= g;
  }
  return row;
}

/** row := row × a − other × b, dropping zeros. */
function combine(row: Row, a: bigint, other: Row, b: bigint): Row {
  const terms = new Map<string, bigint>();
  for (const [v, c] of row.terms) terms.set(v, c * a);
  for (const [v, c] of other.terms) {
    const n = (terms.get(v) ?? 0n) - c * b;
    if (n === 0n) terms.delete(v);
    else terms.set(v, n);
  }
  return primitive({ terms, rhs: row.rhs * a - other.rhs * b });
}

/** The reduced row echelon form of the equations over the unknowns; throws on an inconsistent system. */
function reduce(equations: readonly Row[]): Row[] {
  const rows = new Map<number, Row>();
  const pivotRow = new Map<string, number>();
  const uses = new Map<string, Set<number>>(); // unknown → rows holding it as a free unknown
  let next = 0;
  const index = (id: number, row: Row, add: boolean) => {
    for (const v of row.terms.keys()) {
      const set = uses.get(v) ?? new Set<number>();
      if (add) set.add(id);
      else set.delete(id);
      uses.set(v, set);
    }
  };
  for (const eq of equations) {
    let row: Row = { terms: new Map(eq.terms), rhs: eq.rhs };
    for (const v of [...row.terms.keys()]) {
      const p = pivotRow.get(v);
      const c = row.terms.get(v);
      if (p === undefined || c === undefined) continue;
      const pr = rows.get(p)!;
      row = combine(row, pr.terms.get(v)!, pr, c);
    }
    if (row.terms.size === 0) {
      if (row.rhs !== 0n) throw new Error('the published figures contradict the equations');
      continue;
    }
    // The pivot: the unknown in the fewest other rows, to keep the rows short.
    let pivot = '';
    let fewest = Infinity;
    for (const v of row.terms.keys()) {
      const n = uses.get(v)?.size ?? 0;
      if (n < fewest) [pivot, fewest] = [v, n];
    }
    if (row.terms.get(pivot)! < 0n) row = combine({ terms: new Map(), rhs: 0n }, 1n, row, 1n);
    const id = next++;
    for (const other of [...(uses.get(pivot) ?? [])]) {
      const or = rows.get(other)!;
      index(other, or, false);
      const reduced = combine(or, row.terms.get(pivot)!, row, or.terms.get(pivot)!);
      rows.set(other, reduced);
      index(other, reduced, true);
    }
    rows.set(id, row);
    pivotRow.set(pivot, id);
    index(id, row, true);
  }
  return [...rows.values()];
}

/** Bounds narrowed equation by equation until nothing changes: [lo, hi] per unknown. */
function narrow(rows: readonly Row[], bounds: Map<string, [number, number]>): void {
  for (let round = 0, changed = true; changed && round < 200; round++) {
    changed = false;
    for (const row of rows) {
      const terms = [...row.terms].map(([v, c]) => [v, Number(c)] as const);
      const rhs = Number(row.rhs);
      const lo = (v: string) => bounds.get(v)![0];
      const hi = (v: string) => bounds.get(v)![1];
      for (const [v, c] of terms) {
        let min = 0;
        let max = 0;
        for (const [w, d] of terms) {
          if (w === v) continue;
          min += d > 0 ? d * lo(w) : d * hi(w);
          max += d > 0 ? d * hi(w) : d * lo(w);
        }
        // c·v = rhs − rest (or ≥), rest ∈ [min, max]
        let a = (rhs - max) / c;
        let b = row.atLeast ? Infinity : (rhs - min) / c;
        if (c < 0) [a, b] = row.atLeast ? [-Infinity, a] : [b, a];
        const newLo = Math.max(lo(v), Number.isFinite(a) ? Math.ceil(a - 1e-9) : lo(v));
        const newHi = Math.min(hi(v), Number.isFinite(b) ? Math.floor(b + 1e-9) : hi(v));
        if (newLo !== lo(v) || newHi !== hi(v)) {
          bounds.set(v, [newLo, newHi]);
          changed = true;
        }
      }
    }
  }
}

/** Every hidden quantity the attacker pins to one value, with that value. */
function attack(pub: Publication): Map<string, number> {
  const known = new Map(pub.shown);
  const found = new Map<string, number>();
  for (;;) {
    const rows: Row[] = [];
    const inequalities: Row[] = [];
    for (const eq of pub.equations) {
      const terms = new Map<string, bigint>();
      let rhs = BigInt(eq.rhs);
      for (const [v, c] of eq.terms) {
        const k = known.get(v);
        if (k !== undefined) rhs -= BigInt(c) * BigInt(k);
        else terms.set(v, (terms.get(v) ?? 0n) + BigInt(c));
      }
      for (const [v, c] of terms) if (c === 0n) terms.delete(v);
      if (eq.atLeast) {
        if (terms.size) inequalities.push({ terms, rhs, atLeast: true });
        else if (rhs > 0n) throw new Error('the published figures contradict the inequalities');
      } else if (terms.size) rows.push({ terms, rhs });
      else if (rhs !== 0n) throw new Error('the published figures contradict the equations');
    }
    const rref = reduce(rows);
    let learnt = 0;
    const learn = (v: string, value: number) => {
      if (known.has(v)) return;
      known.set(v, value);
      found.set(v, value);
      learnt++;
    };
    for (const r of rref) {
      if (r.terms.size !== 1) continue;
      for (const [v, c] of r.terms) {
        if (r.rhs % c !== 0n) throw new Error(`${v} is not a whole number`);
        learn(v, Number(r.rhs / c));
      }
    }
    const bounds = new Map<string, [number, number]>();
    const all = [...rows, ...rref, ...inequalities];
    for (const r of all)
      for (const v of r.terms.keys()) {
        const k = known.get(v); // learnt from the rows above in this round
        bounds.set(v, k !== undefined ? [k, k] : (pub.bounds.get(v) ?? [pub.hidden.has(v) ? 1 : 0, Infinity]));
      }
    narrow(all, bounds);
    for (const [v, [lo, hi]] of bounds) if (lo === hi) learn(v, lo);
    if (learnt === 0) return found;
  }
}

// ---------------------------------------------------------------------------------------------

const MONTHS = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let m = from; m <= to; m = shiftMonth(m, 1)) out.push(m);
  return out;
};

interface Finding {
  quantity: string;
  value: number;
}

const OPTS = { createdOn: '2026-04-01' };

/** The public summaries of `months`, and the internal ones (the true counts). */
function publish(registry: Registry, months: readonly string[]) {
  return {
    public: months.map((m) => buildMonthlySummary(registry, m, { ...OPTS, public: true })),
    internal: months.map((m) => buildMonthlySummary(registry, m, { ...OPTS, public: false })),
  };
}

/** Attacks the public summaries; the small counts worked out exactly, and anything worked out wrong. */
function judge(
  summaries: { public: readonly MonthlySummary[]; internal: readonly MonthlySummary[] },
  threshold: number,
  options: AttackOptions = {},
) {
  const pub = publication(summaries.public, options);
  const truth = publication(summaries.internal);
  const derived = attack(pub);
  for (const v of pub.exposed) derived.set(v, pub.shown.get(v)!);
  const small: Finding[] = [];
  const wrong: string[] = [];
  for (const [v, value] of derived) {
    const real = truth.shown.get(v);
    if (real === undefined) continue;
    if (real !== value) wrong.push(`${v}: derived ${value}, really ${real}`);
    else if (real >= 1 && real <= threshold - 1) small.push({ quantity: v, value });
  }
  // Rounded stocks worked out to one value (not small, so no finding; counted for the record).
  const stocksPinned = [...pub.bounds.keys()].filter((v) => derived.has(v)).length;
  return { small, wrong, conflicts: pub.conflicts, hidden: pub.hidden.size, rounded: pub.bounds.size, stocksPinned };
}

const findings = (registry: Registry, months: readonly string[], options: AttackOptions = {}) =>
  judge(publish(registry, months), registry.settings.suppressionThreshold, options);

const FISCAL_2023_TO_2025 = MONTHS('2023-04', '2026-03');
const FISCAL_2025_TO_2026 = MONTHS('2025-04', '2027-03');

const rowOf = (s: MonthlySummary, key: string) => {
  const r = s.groups.flatMap((g) => g.rows).find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key}`);
  return r;
};

describe('the attacker on sample towns, every month of three fiscal years', () => {
  // [name, cases, seed, threshold, first month of the fiscal year]: every row as long as the test's
  // parameters (a shorter one would hand the test Jest's `done` callback).
  const towns: Array<[string, number, number, number, number]> = [
    ['a village (30 cases)', 30, 1, 5, 4],
    ['a small town (120 cases)', 120, 2, 5, 4],
    ['a small town (120 cases), threshold 3', 120, 5, 3, 4],
    ['a small town (120 cases), fiscal year from January', 120, 7, 5, 1],
    ['a town (500 cases)', 500, 3, 5, 4],
    ['a town (500 cases), threshold 10', 500, 4, 10, 4],
    ['a city (2,000 cases)', 2000, 6, 5, 4],
  ];
  test.each(towns)('%s: no small count is worked out', (_, cases, seed, threshold, startMonth) => {
    const registry = generateSampleRegistry({ cases, seed });
    registry.settings.suppressionThreshold = threshold;
    registry.settings.fiscalYearStartMonth = startMonth;
    const r = findings(registry, FISCAL_2023_TO_2025);
    if (process.env.KASANE_ATTACK_LOG) console.log(JSON.stringify({ _, ...r }));
    expect(r.conflicts).toEqual([]);
    expect(r.wrong).toEqual([]);
    expect(r.small).toEqual([]);
    expect(r.hidden).toBeGreaterThan(0);
  });
});

describe('hand-built towns', () => {
  test('months differenced: April 6, May 3, June 7 new cases, and 8 and 2 a year later', () => {
    const b = new RegistryBuilder();
    b.cases(spread(6, '2025-04-01', '2025-04-30'));
    b.cases(spread(3, '2025-05-01', '2025-05-31'));
    b.cases(spread(7, '2025-06-01', '2025-06-30'));
    b.cases(spread(8, '2026-04-01', '2026-04-30'));
    b.cases(spread(2, '2026-05-01', '2026-05-31'));
    expect(findings(b.registry, FISCAL_2025_TO_2026)).toMatchObject({ small: [], wrong: [], conflicts: [] });
  });

  test('1s that add up: 相談経路 本人 10, 家族・親族 1, 関係機関 1 of 12', () => {
    const b = new RegistryBuilder();
    b.cases(spread(10, '2025-05-01', '2025-05-31'), { referralSource: '本人' });
    b.case({ receivedOn: '2025-05-10', referralSource: '家族・親族' });
    b.case({ receivedOn: '2025-05-11', referralSource: '関係機関' });
    const s = buildMonthlySummary(b.registry, '2025-05', { public: true });
    expect(['本人', '家族・親族', '関係機関'].map((v) => rowOf(s, `cases.new.byReferralSource.${v}`).cells[0])).toEqual(
      ['*', '*', '*'],
    );
    expect(findings(b.registry, FISCAL_2025_TO_2026)).toMatchObject({ small: [], wrong: [] });
  });

  test('nothing but 1s: five cases, one of each 性別 — the total goes, and 東 and 高齢 with it', () => {
    const b = new RegistryBuilder();
    const genders: Array<Case['gender']> = ['男性', '女性', 'その他', '不明', undefined];
    genders.forEach((gender, i) =>
      b.case({ receivedOn: `2025-05-1${i}`, ...(gender === undefined ? {} : { gender }) }),
    );
    const s = buildMonthlySummary(b.registry, '2025-05', { public: true });
    expect(rowOf(s, 'cases.new').cells).toEqual(['*', 0, '*']);
    expect(rowOf(s, 'cases.new.byArea.東').cells).toEqual(['*', 0, '*']);
    expect(rowOf(s, 'cases.new.byDomain.高齢').cells).toEqual(['*', 0, '*']);
    expect(findings(b.registry, FISCAL_2025_TO_2026)).toMatchObject({ small: [], wrong: [] });
  });
});

describe('the attacker finds what an earlier method let through', () => {
  const b = new RegistryBuilder();
  b.cases(spread(6, '2025-04-01', '2025-04-30'));
  b.cases(spread(3, '2025-05-01', '2025-05-31'));
  b.cases(spread(7, '2025-06-01', '2025-06-30'));
  const months = MONTHS('2025-04', '2025-06');

  test('年度累計 suppressed on its own counts (primary only): 9 − 6 gives May’s 3', () => {
    const tables = publish(b.registry, months);
    tables.public.forEach((s, i) =>
      s.groups.forEach((g, j) =>
        g.rows.forEach((r, k) => {
          const real = tables.internal[i]!.groups[j]!.rows[k]!.cells[2]!;
          r.cells[2] = typeof real === 'number' && real >= 1 && real <= 4 ? '*' : real;
        }),
      ),
    );
    expect(judge(tables, 5).small).toEqual(
      expect.arrayContaining([
        { quantity: 'cases.new|M|2025-05', value: 3 },
        { quantity: 'cases.new.byArea.東|M|2025-05', value: 3 },
      ]),
    );
  });

  test('a chart showing what the table hides', () => {
    const tables = publish(b.registry, months);
    const chart = tables.public[2]!.charts.newCasesByDomain;
    chart.series.find((x) => x.domain === '高齢')!.values[10] = 3; // May
    expect(judge(tables, 5).small).toContainEqual({ quantity: 'cases.new.byDomain.高齢|M|2025-05', value: 3 });
  });

  test('支援中ケース数 published exactly: April 3 new cases, May 10, none closed', () => {
    // 支援中 at the end of May 13 − May's 10 new + 0 closed = April's 3 (支援中 at the end of April,
    // and April's 新規相談, both hidden).
    const t = new RegistryBuilder();
    t.cases(spread(3, '2025-04-01', '2025-04-30'));
    t.cases(spread(10, '2025-05-01', '2025-05-31'));
    const tables = publish(t.registry, FISCAL_2025_TO_2026);
    tables.public.forEach((s, i) =>
      s.groups.forEach((g, j) =>
        g.rows.forEach((r, k) => {
          if (!['cases.active', 'cases.active.withConsent'].includes(r.key)) return;
          r.cells = tables.internal[i]!.groups[j]!.rows[k]!.cells.map((c) => suppressPrimary(c as number | null, 5));
        }),
      ),
    );
    const r = judge(tables, 5, { exactStocks: true });
    expect(r.wrong).toEqual([]);
    expect(r.small).toEqual(
      expect.arrayContaining([
        { quantity: 'cases.active|M|2025-04', value: 3 },
        { quantity: 'cases.new|M|2025-04', value: 3 },
      ]),
    );
    // Withheld, as published now: May's 13 is a `*` like April's 3, and nothing comes back.
    const may = buildMonthlySummary(t.registry, '2025-05', { public: true });
    expect(rowOf(may, 'cases.active').cells).toEqual(['*', 0, '*']);
    expect(rowOf(buildMonthlySummary(t.registry, '2025-04', { public: true }), 'cases.active').cells).toEqual([
      '*',
      0,
      '*',
    ]);
    expect(findings(t.registry, FISCAL_2025_TO_2026)).toMatchObject({ small: [], wrong: [], conflicts: [] });
  });

  test('hidden parts adding up to their number', () => {
    const t = new RegistryBuilder();
    t.cases(spread(10, '2025-05-01', '2025-05-31'), { referralSource: '本人' });
    t.case({ receivedOn: '2025-05-10', referralSource: '家族・親族' });
    t.case({ receivedOn: '2025-05-11', referralSource: '関係機関' });
    const tables = publish(t.registry, ['2025-05']);
    // The earlier secondary suppression stopped at two hidden cells: 本人 10 was shown.
    rowOf(tables.public[0]!, 'cases.new.byReferralSource.本人').cells[0] = 10;
    expect(judge(tables, 5).small).toEqual(
      expect.arrayContaining([
        { quantity: 'cases.new.byReferralSource.家族・親族|M|2025-05', value: 1 },
        { quantity: 'cases.new.byReferralSource.関係機関|M|2025-05', value: 1 },
      ]),
    );
  });
});
