// The contract drives what it describes (core/registry/definition.ts): settings from SETTING_DEFS,
// ids from the id columns' formats, reference and date-order rules from the columns that declare
// them, the meeting form's payload and the OpenAPI description of a snapshot from the sheets.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import {
  LIST_SETTING_DEFS,
  SETTING_DEFS,
  SHEETS,
  defaultSettings,
  idFormatOf,
  piiKeys,
  settingsLists,
  type ColumnDef,
  type Settings,
  type SheetKey,
} from '../../core/registry/definition';
import { formatId, idYearPrefix, nextId, pendingId } from '../../core/registry/ids';
import { readSettings } from '../../core/registry/read';
import { toInterchange, withoutPii } from '../../core/registry/interchange';
import { generateSampleRegistry } from '../../core/sample';
import { validateRegistry } from '../../core/validate';
import type { Issue } from '../../core/issues';
import { meetingPayloadSchema, PENDING_MEETING_ID } from '../../addon/forms/meeting-form';
import { PENDING_CASE_ID } from '../../addon/forms/case-form';
import { openApiDocument } from '../../server/app/openapi';
import { readSnapshot } from '../../server/snapshot';
import { cleanRegistry, edit, raw } from '../fixtures/registry';

const root = join(__dirname, '..', '..');

// ---------------------------------------------------------------------------------------------
// 1. Settings

/** True only when A and B are the same type (checked by `npm run typecheck`). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const settingsKeysAreTheDefs: Same<keyof Settings, (typeof SETTING_DEFS)[number]['key']> = true;
const populationMayBeUnset: Same<Settings['population'], number | null> = true;
const listsAreArrays: Same<Settings['areas'], string[]> = true;

describe('settings: one SETTING_DEFS entry each', () => {
  test('the Settings type and defaultSettings() have exactly the keys of SETTING_DEFS, in its order', () => {
    expect([settingsKeysAreTheDefs, populationMayBeUnset, listsAreArrays]).toEqual([true, true, true]);
    expect(Object.keys(defaultSettings())).toEqual(SETTING_DEFS.map((d) => d.key));
    // The first eight, by hand (a new setting goes after them and needs no edit here).
    expect(SETTING_DEFS.map((d) => d.key).slice(0, 8)).toEqual([
      'municipality',
      'fiscalYearStartMonth',
      'areas',
      'windows',
      'placeTypes',
      'issueTags',
      'population',
      'suppressionThreshold',
    ]);
  });

  test('each default is the entry’s own (hand-checked), and every entry says what it is for', () => {
    const d = defaultSettings();
    expect([d.municipality, d.fiscalYearStartMonth, d.areas, d.population, d.suppressionThreshold]).toEqual([
      '',
      4,
      ['東', '西'],
      null,
      5,
    ]);
    expect(d.issueTags.slice(0, 3)).toEqual(['ひきこもり', '8050', 'ヤングケアラー']);
    for (const def of SETTING_DEFS) {
      const value = d[def.key];
      expect([def.key, value]).toEqual([def.key, Array.isArray(def.default) ? [...def.default] : def.default]);
      expect([def.key, def.help.length > 5]).toEqual([def.key, true]);
    }
    // A fresh list each time: one caller's change is not another's default.
    d.areas.push('北');
    expect(defaultSettings().areas).toEqual(['東', '西']);
  });

  test('the settings lists are the list entries, in order', () => {
    const keys = ['areas', 'windows', 'placeTypes', 'issueTags', 'staff', 'agencies', 'placements'];
    expect(LIST_SETTING_DEFS.map((d) => d.key)).toEqual(keys);
    const s = { ...defaultSettings(), areas: ['北', '南'] };
    expect(Object.keys(settingsLists(s))).toEqual(keys);
    // 担当者, 関係機関 and 受け入れ先 are the office's own: empty until it fills them in.
    expect([s.staff, s.agencies, s.placements]).toEqual([[], [], []]);
    expect(settingsLists(s).areas).toEqual(['北', '南']);
  });

  test('readSettings keeps each entry’s bounds and says them: 年度開始月 1〜12, 人口 ≥ 1', () => {
    const issues: Issue[] = [];
    const s = readSettings(
      {
        settingsRows: [
          ['年度開始月', '13'],
          ['人口', 0],
          ['公表時の秘匿しきい値', '３'],
          ['自治体名', ' ひなた町 '],
          ['エリア', '北、南'],
        ],
        sheets: {},
      },
      issues,
    );
    expect(issues.map((i) => i.message)).toEqual([
      '「設定」シート 2行目「年度開始月」: 1〜12 の月を入力してください。',
      '「設定」シート 3行目「人口」: 1 以上の整数を入力してください。',
    ]);
    expect([s.fiscalYearStartMonth, s.population, s.suppressionThreshold, s.municipality, s.areas]).toEqual([
      4,
      null,
      3,
      'ひなた町',
      ['北', '南'],
    ]);
    expect(readSettings({ settings: { fiscalYearStartMonth: '1月' }, sheets: {} }, []).fiscalYearStartMonth).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Ids

describe('ids: the formats the id columns declare', () => {
  test('ケース K/4, 会議 M/4, 支援記録 A/5; the header help says the same', () => {
    expect(idFormatOf('cases')).toEqual({ prefix: 'K', digits: 4 });
    expect(idFormatOf('meetings')).toEqual({ prefix: 'M', digits: 4 });
    expect(idFormatOf('activities')).toEqual({ prefix: 'A', digits: 5 });
    expect(() => idFormatOf('places')).toThrow('no id format');
    const help = (sheet: number) => (SHEETS[sheet]!.columns[0] as ColumnDef).help;
    expect([help(0), help(1), help(3)]).toEqual([
      'K-<年度>-<4桁>（アドオンが採番）',
      'M-<年度>-<4桁>（アドオンが採番）',
      'A-<年度>-<5桁>（アドオンが採番）',
    ]);
  });

  test('formatted, numbered per fiscal year, placeholders', () => {
    const k = idFormatOf('cases');
    expect(formatId(k, 2025, 7)).toBe('K-2025-0007');
    expect(formatId(k, 2025, 12345)).toBe('K-2025-12345');
    expect(formatId(idFormatOf('activities'), 2024, 3)).toBe('A-2024-00003');
    expect(idYearPrefix(k, 2025)).toBe('K-2025-');
    expect(nextId(k, 2025, ['K-2025-0003', ' K-2025-0011 ', 'K-2024-0099', 'K-2025-x', 'M-2025-0050'])).toBe(
      'K-2025-0012',
    );
    expect(nextId(idFormatOf('meetings'), 2026, [])).toBe('M-2026-0001');
    // The highest id typed in another width, case or dash is still the highest: never a second 0106.
    for (const typed of ['Ｋ－２０２５－０１０６', 'k-2025-0106', 'K‐2025‐0106', "'K-2025-0106"])
      expect(nextId(k, 2025, ['K-2025-0105', typed])).toBe('K-2025-0107');
    expect([pendingId(k), PENDING_CASE_ID, PENDING_MEETING_ID]).toEqual(['K-0000-0000', 'K-0000-0000', 'M-0000-0000']);
  });

  test('the sample town’s ids are in those formats', () => {
    const reg = generateSampleRegistry({ cases: 30, seed: 4 });
    for (const c of reg.cases) expect(c.caseId).toMatch(/^K-20\d\d-\d{4}$/);
    for (const m of reg.meetings) expect(m.meetingId).toMatch(/^M-20\d\d-\d{4}$/);
    for (const a of reg.activities) expect(a.activityId).toMatch(/^A-20\d\d-\d{5}$/);
    expect(reg.cases[0]!.caseId).toBe('K-2023-0001');
  });

  test('no id literal of those formats is written anywhere else in the code', () => {
    // String literals that start like an id the add-on numbers (K-2025…, `K-${…}`), or that are a
    // prefix alone ('K'); comments aside.
    const literal = /['"`>=]\s*(K|M|A)-(\d|<|\$)|['"`](K|M|A)['"`]/;
    const hits: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|html|mjs)$/.test(name)) {
          const text = readFileSync(path, 'utf8')
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/^\s*\/\/.*$/gm, '')
            .replace(/<!--[\s\S]*?-->/g, '');
          text.split('\n').forEach((line, i) => {
            if (literal.test(line)) hits.push(`${path.slice(root.length + 1)}:${i + 1}: ${line.trim()}`);
          });
        }
      }
    };
    for (const dir of ['addon', 'core', 'server', 'sheets-templates', 'cli', 'reports']) walk(join(root, dir));
    // The contract declares the formats; core/registry/ids.ts writes them. Nothing else: the one
    // other such literal is the letter of the Meiji era (M), which is not an id.
    expect(hits.filter((h) => !h.startsWith('core/registry/definition.ts'))).toEqual([
      "core/dates/era.ts:17: { name: '明治', short: '明', letter: 'M', firstDay: '1868-01-25' },",
    ]);
    expect(
      hits.filter((h) => h.startsWith('core/registry/definition.ts')).map((h) => h.replace(/^[^:]+:\d+: /, '')),
    ).toEqual([
      "{ key: 'caseId', label: 'ケースID', type: 'id', required: true, ...numbered('K', 4) },",
      "{ key: 'meetingId', label: '会議ID', type: 'id', required: true, ...numbered('M', 4) },",
      "{ key: 'activityId', label: '記録ID', type: 'id', required: true, ...numbered('A', 5) },",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Reference and date-pair rules

const referenceColumns = SHEETS.flatMap((s) =>
  (s.columns as readonly ColumnDef[]).filter((c) => c.references).map((c) => [s.key, c.key, c.references] as const),
);
const datePairs = SHEETS.flatMap((s) =>
  (s.columns as readonly ColumnDef[]).flatMap((c) => (c.after ? [[s.key, c.key, c.after] as const] : [])),
);

describe('rules from the columns that declare them', () => {
  test('the reference columns and the date pairs the definition declares (hand list)', () => {
    expect(referenceColumns).toEqual([
      ['meetingCases', 'meetingId', 'meetings'],
      ['meetingCases', 'caseId', 'cases'],
      ['activities', 'caseId', 'cases'],
      ['donations', 'partnerId', 'foodPartners'],
    ]);
    expect(datePairs).toEqual([
      ['places', 'closedOn', 'openedOn'],
      ['platformMembers', 'leftOn', 'joinedOn'],
      ['foodPartners', 'leftOn', 'joinedOn'],
    ]);
  });

  test.each(referenceColumns)('%s.%s naming no row of %s is ref.missing', (sheet, column, target) => {
    const doc = edit(cleanRegistry(), sheet, 0, { [column]: 'X-9' });
    const { issues } = validateRegistry(raw(doc));
    expect(issues.map((i) => [i.sheet, i.row, i.column, i.code])).toContainEqual([sheet, 2, column, 'ref.missing']);
    const issue = issues.find((i) => i.code === 'ref.missing')!;
    const name = SHEETS.find((s) => s.key === target)!.name;
    expect(issue.message).toContain(`「X-9」は「${name}」シートにありません。`);
  });

  test.each(datePairs)('%s.%s on the day of %s is date.order', (sheet, end, start) => {
    const doc = cleanRegistry();
    const row = (doc[sheet] as Array<Record<string, unknown>>)[0]!;
    edit(doc, sheet, 0, { [end]: row[start] });
    const { issues } = validateRegistry(raw(doc));
    expect(issues.map((i) => [i.sheet, i.row, i.column, i.code])).toEqual([[sheet, 2, end, 'date.order']]);
    expect(issues[0]!.message).toContain('より後の日付にしてください');
    // A day later is fine.
    edit(doc, sheet, 0, { [end]: '2099-01-01' });
    expect(validateRegistry(raw(doc)).issues).toEqual([]);
  });

  test('issues come sheet by sheet in the contract’s order', () => {
    const doc = cleanRegistry();
    edit(doc, 'donations', 0, { partnerId: 'F9' });
    edit(doc, 'places', 0, { closedOn: '2020-04-01' });
    edit(doc, 'activities', 0, { caseId: 'K-2024-0099' });
    const sheets = validateRegistry(raw(doc)).issues.map((i) => i.sheet);
    expect(sheets).toEqual(['activities', 'places', 'donations']);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. The meeting form's payload

describe('the meeting payload, derived from 会議 and 検討ケース', () => {
  test('keeps the shape it had when written by hand', () => {
    const text = { type: 'string', maxLength: 4000 };
    const count = { anyOf: [text, { type: 'number' }] };
    const { $schema: _, ...schema } = z.toJSONSchema(meetingPayloadSchema) as Record<string, unknown>;
    expect(schema).toEqual({
      type: 'object',
      properties: {
        heldOn: text,
        type: text,
        area: text,
        attendees: count,
        organizations: count,
        confidentialityConfirmed: { type: 'boolean' },
        minutes: text,
        cases: {
          maxItems: 200,
          type: 'array',
          items: {
            type: 'object',
            properties: { caseId: text, purpose: text, nextReviewOn: text },
            required: ['caseId'],
            additionalProperties: false,
          },
        },
      },
      required: ['cases'],
      additionalProperties: false,
    });
  });

  test('refuses what the sheets do not have', () => {
    expect(meetingPayloadSchema.safeParse({ cases: [], heldOn: '2025-05-01', attendees: 5 }).success).toBe(true);
    expect(meetingPayloadSchema.safeParse({ cases: [], meetingId: 'x' }).success).toBe(false);
    expect(meetingPayloadSchema.safeParse({ cases: [{ caseId: 'x', note: 'y' }] }).success).toBe(false);
    expect(meetingPayloadSchema.safeParse({ cases: [{ purpose: '情報共有' }] }).success).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. OpenAPI: the snapshot's sheets

type Schema = Record<string, unknown>;

/** The part of JSON Schema the document uses (type, enum, anyOf, items, properties, bounds, lengths, pattern). */
function valid(schema: Schema, v: unknown): boolean {
  const types = schema.type === undefined ? undefined : ([] as unknown[]).concat(schema.type);
  if (types) {
    const kind =
      v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : (typeof v as string);
    if (!types.some((t) => t === kind || (t === 'number' && kind === 'integer'))) return false;
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(v)) return false;
  if ('const' in schema && schema.const !== v) return false;
  if (schema.anyOf && !(schema.anyOf as Schema[]).some((s) => valid(s, v))) return false;
  if (typeof v === 'number') {
    if (typeof schema.minimum === 'number' && v < schema.minimum) return false;
    if (typeof schema.maximum === 'number' && v > schema.maximum) return false;
  }
  if (typeof v === 'string') {
    if (typeof schema.minLength === 'number' && v.length < schema.minLength) return false;
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) return false;
  }
  if (Array.isArray(v)) {
    if (typeof schema.minItems === 'number' && v.length < schema.minItems) return false;
    if (schema.uniqueItems === true && new Set(v).size !== v.length) return false;
  }
  if (Array.isArray(v) && schema.items) return v.every((x) => valid(schema.items as Schema, x));
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in v)) return false;
    for (const [k, x] of Object.entries(v)) {
      if (props[k]) {
        if (!valid(props[k], x)) return false;
      } else if (schema.additionalProperties === false) return false;
    }
  }
  return true;
}

describe('OpenAPI: each sheet of the snapshot, from the definition', () => {
  const doc = openApiDocument('test');
  const snapshot = doc.components.schemas.Snapshot as Schema & { properties: Record<string, Schema> };
  const rowOf = (sheet: SheetKey) =>
    snapshot.properties[sheet]!.items as Schema & { properties: Record<string, Schema> };

  test('each sheet is an array of rows whose properties are its non-PII columns, and nothing else', () => {
    for (const sheet of SHEETS) {
      const row = rowOf(sheet.key);
      const pii = piiKeys(sheet);
      expect(Object.keys(row.properties)).toEqual(sheet.columns.map((c) => c.key).filter((k) => !pii.includes(k)));
      expect(row.additionalProperties).toBe(false);
    }
    expect(Object.keys(rowOf('cases').properties)).not.toContain('name');
    expect(Object.keys(rowOf('donations').properties)).toEqual([
      'donationId',
      'receivedOn',
      'donorType',
      'partnerId',
      'weightKg',
    ]);
    expect(Object.keys(snapshot.properties.settings!.properties as Schema)).toEqual(SETTING_DEFS.map((d) => d.key));
  });

  test('a column’s type and choices, in their canonical form only (hand-checked)', () => {
    const cases = rowOf('cases').properties;
    expect(cases.channel!.anyOf).toEqual([
      { enum: ['来所', '電話', '訪問', 'メール・SNS', '文書', 'その他'] },
      { type: 'null', description: '空のセル（キーを省いても同じ）' },
    ]);
    expect((cases.domains!.anyOf as Schema[])[0]).toEqual({
      type: 'array',
      items: { enum: ['高齢', '障がい', 'こども', '生活困窮', 'その他'] },
      minItems: 1,
      uniqueItems: true,
    });
    expect(cases.householdSize!.anyOf).toEqual([
      { type: 'integer', minimum: 1 },
      { type: 'null', description: '空のセル（キーを省いても同じ）' },
    ]);
    expect((cases.receivedOn!.anyOf as Schema[])[0]).toMatchObject({ type: 'string', format: 'date' });
    expect(cases.caseId!.description).toBe('ケースID。必須。K-<年度>-<4桁>（アドオンが採番）');
    expect((rowOf('meetingCases').properties.caseId!.anyOf as Schema[])[0]).toEqual({
      type: 'string',
      minLength: 1,
      description: '「ケース」シートの行のID（前後に空白のない、空でない文字列）',
    });
    expect(snapshot.properties.settings!.properties).toMatchObject({
      fiscalYearStartMonth: { anyOf: [{ type: 'integer', minimum: 1, maximum: 12 }, {}] },
    });
  });

  test('truthful: the sample town as synced fits the schema and the server reads it; what a clerk typed, both refuse', () => {
    const wire = { ...toInterchange(withoutPii(generateSampleRegistry({ cases: 40, seed: 2 }))), baseRevision: 0 };
    expect(valid(snapshot, JSON.parse(JSON.stringify(wire)))).toBe(true);
    const read = readSnapshot(JSON.parse(JSON.stringify(wire)));
    if (!read.ok) throw new Error(read.message);
    const canonical = {
      format: 'kasane-registry/1',
      settings: { fiscalYearStartMonth: 4, areas: ['東', '西'] },
      cases: [
        {
          caseId: 'K-2025-0001',
          receivedOn: '2025-05-12',
          referralSource: '本人',
          window: '地域包括支援センター',
          domains: ['高齢', '障がい'],
          issues: ['8050', 'ひきこもり'],
          area: '東',
          householdSize: 3,
          consent: null,
          multiAgency: true,
          stage: '受付',
        },
      ],
    };
    expect(valid(snapshot, canonical)).toBe(true);
    const ok = readSnapshot(canonical);
    if (!ok.ok) throw new Error(ok.message);
    expect(validateRegistry({ settings: ok.snapshot.settings, sheets: ok.snapshot.sheets }).issues).toEqual([]);
    // The same row as a clerk typed it, one cell at a time: the server refuses it (422), the schema too.
    const typed: Array<[string, unknown]> = [
      ['receivedOn', '令和7年5月12日（月）'],
      ['referralSource', '本人 '],
      ['domains', ['高齢', '高齢']],
      ['issues', '8050、ひきこもり'],
      ['householdSize', '３'],
      ['multiAgency', '○'],
      ['caseId', ''],
    ];
    for (const [key, value] of typed) {
      const doc = { ...canonical, cases: [{ ...canonical.cases[0], [key]: value }] };
      expect([key, valid(snapshot, doc), readSnapshot(doc).ok]).toEqual([key, false, false]);
    }
    const settings = { ...canonical, settings: { fiscalYearStartMonth: '4月' } };
    expect([valid(snapshot, settings), readSnapshot(settings).ok]).toEqual([false, false]);
    const withPii = { ...canonical, cases: [{ ...canonical.cases[0], name: '架空 太郎' }] };
    expect([valid(snapshot, withPii), readSnapshot(withPii).ok]).toEqual([false, false]);
    const unknownSetting = { ...canonical, settings: { colour: 'red' } };
    expect([valid(snapshot, unknownSetting), readSnapshot(unknownSetting).ok]).toEqual([false, false]);
  });
});
