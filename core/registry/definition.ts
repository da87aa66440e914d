// The registry contract (kasane-registry/1) as data. Everything else — zod schemas, record types,
// sheet headers, dropdowns, the templates, the id formats the add-on numbers by, the reference and
// date-order rules, the settings and their 設定 rows, the OpenAPI description, server storage —
// derives from this file, so adding a column or a setting is one edit here.

export const REGISTRY_FORMAT = 'kasane-registry/1';

export type ColumnType =
  | 'id' // unique text within its sheet
  | 'date' // calendar date, ISO `YYYY-MM-DD` once parsed
  | 'enum' // one of `values`
  | 'multiEnum' // one or more of `values`
  | 'list' // one of a settings list
  | 'multiList' // values of a settings list
  | 'reference' // id of a record in another sheet
  | 'boolean'
  | 'integer'
  | 'number'
  | 'text';

/** `true`: must be present; `'rule'`: presence depends on a consistency rule (see validate/). */
export type Requirement = boolean | 'rule';

/**
 * How the add-on numbers an id column: `<prefix>-<fiscal year>-<digits>` (K-2025-0001), counted per
 * fiscal year. Declared here so the add-on, the sample town, the sidebars and the header help agree.
 */
export interface IdFormat {
  readonly prefix: string;
  readonly digits: number;
}

export interface ColumnDef {
  readonly key: string;
  readonly label: string;
  readonly type: ColumnType;
  readonly required: Requirement;
  readonly values?: readonly string[];
  readonly list?: SettingsListKey;
  /** A reference column: its value names a row of that sheet (validate/: `ref.missing`). */
  readonly references?: SheetKey;
  /** An id column the add-on numbers. */
  readonly idFormat?: IdFormat;
  /**
   * A date column that ends what another date column of the same row starts: when both are set it
   * must be later (validate/: `date.order`), as the first day something no longer holds.
   */
  readonly after?: string;
  readonly min?: number;
  /** No more than this: a 世帯人数 of 150 (or of twenty digits) is a typing slip, not a household. */
  readonly max?: number;
  readonly pii?: true;
  /** The value an empty cell means. */
  readonly default?: string;
  /** Shown as the header's note in the template and as help in sidebars. */
  readonly help?: string;
  /** The value an age (45, 45歳) typed into this column means: 年代 filled in with ages. */
  readonly ofAge?: (age: number) => string;
}

/** An id column numbered by the add-on: its format and, from it, the help its header shows. */
function numbered(prefix: string, digits: number): { idFormat: IdFormat; help: string } {
  return { idFormat: { prefix, digits }, help: `${prefix}-<年度>-<${digits}桁>（アドオンが採番）` };
}

export interface SheetDef {
  readonly key: SheetKey;
  readonly name: string;
  readonly description: string;
  readonly columns: readonly ColumnDef[];
}

export const ENUMS = {
  channel: ['来所', '電話', '訪問', 'メール・SNS', '文書', 'その他'],
  referralSource: ['本人', '家族・親族', '民生委員・児童委員', '地域住民', '関係機関', '庁内関係課', '匿名', 'その他'],
  domain: ['高齢', '障がい', 'こども', '生活困窮', 'その他'],
  ageGroup: ['10代以下', '20代', '30代', '40代', '50代', '60代', '70代以上', '不明'],
  gender: ['男性', '女性', 'その他', '不明'],
  consent: ['未確認', '同意あり', '同意なし', '撤回'],
  stage: ['受付', 'アセスメント', '支援中', '見守り', '終結'],
  closureReason: [
    '課題解決',
    '他機関へ移行',
    '相談・情報提供のみで終了',
    '中断',
    '転出',
    '死亡',
    '連絡不通',
    '本人の希望',
    'その他',
  ],
  meetingType: [
    '支援会議',
    '重層的支援会議',
    '包括的支援推進会議',
    '地域ケア会議',
    'つながりづくりプラットフォーム',
    'フードドライブ連絡会',
    '地域支援研究会',
    '支援調整会議',
    '研修会',
    'その他',
  ],
  purpose: ['情報共有', '支援方針検討', '役割分担', 'プラン協議', 'プラン評価', '終結判断'],
  activityKind: [
    'アウトリーチ',
    '家庭訪問',
    '同行支援',
    '参加支援（就労体験）',
    '参加支援（ボランティア）',
    '参加支援（その他）',
    '定着支援',
    '連絡調整',
  ],
  operator: ['住民団体', 'NPO法人', '社会福祉法人', '民間企業', '社会福祉協議会', '行政', 'その他'],
  orgType: [
    '地域活動団体',
    '地縁組織',
    'NPO法人',
    '民間企業',
    '社会福祉法人',
    '相談支援機関',
    '民生委員・児童委員',
    '行政',
    'その他',
  ],
  foodActivity: ['食事の提供', '食品の配付', '食品の回収', '食品の保管と配分', 'その他'],
  donorType: ['企業', '団体', '個人', '行政', 'その他'],
} as const;

/**
 * The days a registry date may be. The work began in 2021 and older cases were carried over, so
 * nothing is lost below 2000; a 3 typed into a date cell (1900-01-03) or a year typed as 2205 is
 * a fault to show, not a day to count.
 */
export const REGISTRY_DATES = { from: '2000-01-01', to: '2099-12-31' } as const;

/**
 * Each value of a fixed list with the other ways offices write it, read as it wherever the list holds it
 * (and does not hold the written form itself). Only forms with one meaning: 80代 is within 70代以上,
 * 男 is 男性; nothing that needs a guess (M, 高齢者) is here.
 */
export const VALUE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  障がい: ['障害', '障碍'],
  こども: ['子ども', '子供'],
  男性: ['男'],
  女性: ['女'],
  '10代以下': ['10代', '10歳代', '10歳未満'],
  '20代': ['20歳代'],
  '30代': ['30歳代'],
  '40代': ['40歳代'],
  '50代': ['50歳代'],
  '60代': ['60歳代'],
  '70代以上': ['70代', '70歳代', '70歳以上', '80代', '80歳代', '80代以上', '90代', '90歳代', '90代以上', '100歳以上'],
};

/** The kinds of food-drive activity, shown beside the activity in forms and the template. */
export const FOOD_ACTIVITY_KINDS: Readonly<Record<(typeof ENUMS.foodActivity)[number], string>> = {
  食事の提供: 'こども食堂・地域食堂',
  食品の配付: 'フードパントリー',
  食品の回収: 'フードドライブ',
  食品の保管と配分: 'フードバンク',
  その他: 'その他',
};

/** 活動内容 shown with the kind of each activity, as the plans that report them do. */
const FOOD_ACTIVITY_HELP = ENUMS.foodActivity
  .filter((a) => FOOD_ACTIVITY_KINDS[a] !== a)
  .map((a) => `${a}＝${FOOD_ACTIVITY_KINDS[a]}`)
  .join('、');

export const SHEETS = [
  {
    key: 'cases',
    name: 'ケース',
    description: '相談ケース（1行1ケース。世帯単位でも可）',
    columns: [
      { key: 'caseId', label: 'ケースID', type: 'id', required: true, ...numbered('K', 4) },
      { key: 'receivedOn', label: '受付日', type: 'date', required: true },
      { key: 'channel', label: '受付方法', type: 'enum', required: false, values: ENUMS.channel },
      { key: 'referralSource', label: '相談経路', type: 'enum', required: true, values: ENUMS.referralSource },
      { key: 'window', label: '受付窓口', type: 'list', required: true, list: 'windows' },
      { key: 'domains', label: '分野', type: 'multiEnum', required: true, values: ENUMS.domain },
      { key: 'issues', label: '課題', type: 'multiList', required: false, list: 'issueTags' },
      {
        key: 'ageGroup',
        label: '年代',
        type: 'enum',
        required: false,
        values: ENUMS.ageGroup,
        ofAge: (age) => (age < 20 ? '10代以下' : age < 70 ? `${age - (age % 10)}代` : '70代以上'),
      },
      { key: 'gender', label: '性別', type: 'enum', required: false, values: ENUMS.gender },
      { key: 'area', label: 'エリア', type: 'list', required: true, list: 'areas' },
      { key: 'householdSize', label: '世帯人数', type: 'integer', required: false, min: 1, max: 30 },
      {
        key: 'consent',
        label: '本人同意',
        type: 'enum',
        required: true,
        values: ENUMS.consent,
        default: '未確認',
        help: '空欄は「未確認」',
      },
      { key: 'consentOn', label: '同意日', type: 'date', required: 'rule' },
      { key: 'consentRevokedOn', label: '同意撤回日', type: 'date', required: 'rule' },
      { key: 'multiAgency', label: '多機関協働', type: 'boolean', required: false },
      { key: 'planOn', label: 'プラン作成日', type: 'date', required: false },
      { key: 'stage', label: '支援状況', type: 'enum', required: true, values: ENUMS.stage },
      { key: 'leadAgency', label: '主担当機関', type: 'list', required: false, list: 'agencies' },
      { key: 'staff', label: '担当者', type: 'list', required: false, list: 'staff' },
      { key: 'closedOn', label: '終結日', type: 'date', required: 'rule' },
      { key: 'closureReason', label: '終結理由', type: 'enum', required: 'rule', values: ENUMS.closureReason },
      { key: 'name', label: '氏名', type: 'text', required: false, pii: true },
      { key: 'contact', label: '連絡先', type: 'text', required: false, pii: true },
      { key: 'address', label: '住所', type: 'text', required: false, pii: true },
      { key: 'note', label: 'メモ', type: 'text', required: false, pii: true },
    ],
  },
  {
    key: 'meetings',
    name: '会議',
    description: '会議の記録',
    columns: [
      { key: 'meetingId', label: '会議ID', type: 'id', required: true, ...numbered('M', 4) },
      { key: 'heldOn', label: '開催日', type: 'date', required: true },
      { key: 'type', label: '会議種別', type: 'enum', required: true, values: ENUMS.meetingType },
      { key: 'area', label: 'エリア', type: 'list', required: false, list: 'areas' },
      { key: 'attendees', label: '出席者数', type: 'integer', required: false, min: 0 },
      { key: 'organizations', label: '参加機関数', type: 'integer', required: false, min: 0 },
      {
        key: 'confidentialityConfirmed',
        label: '守秘義務確認',
        type: 'boolean',
        required: 'rule',
        help: '支援会議では必須（社会福祉法第106条の6第6項）',
      },
      { key: 'minutes', label: '議事メモ', type: 'text', required: false, pii: true },
    ],
  },
  {
    key: 'meetingCases',
    name: '検討ケース',
    description: '会議で検討したケース',
    columns: [
      { key: 'meetingId', label: '会議ID', type: 'reference', required: true, references: 'meetings' },
      { key: 'caseId', label: 'ケースID', type: 'reference', required: true, references: 'cases' },
      { key: 'purpose', label: '検討内容', type: 'enum', required: true, values: ENUMS.purpose },
      { key: 'nextReviewOn', label: '次回確認日', type: 'date', required: false },
    ],
  },
  {
    key: 'activities',
    name: '支援記録',
    description: 'アウトリーチ・参加支援などの支援記録（1行1回）',
    columns: [
      { key: 'activityId', label: '記録ID', type: 'id', required: true, ...numbered('A', 5) },
      { key: 'caseId', label: 'ケースID', type: 'reference', required: true, references: 'cases' },
      { key: 'on', label: '実施日', type: 'date', required: true },
      { key: 'kind', label: '種別', type: 'enum', required: true, values: ENUMS.activityKind },
      { key: 'placement', label: '受け入れ先', type: 'list', required: false, list: 'placements' },
      { key: 'note', label: 'メモ', type: 'text', required: false, pii: true },
    ],
  },
  {
    key: 'places',
    name: '居場所・拠点',
    description: '居場所・拠点',
    columns: [
      { key: 'placeId', label: '拠点ID', type: 'id', required: true },
      { key: 'name', label: '名称', type: 'text', required: true },
      { key: 'type', label: '種別', type: 'list', required: true, list: 'placeTypes' },
      { key: 'area', label: 'エリア', type: 'list', required: false, list: 'areas' },
      { key: 'operator', label: '運営主体', type: 'enum', required: false, values: ENUMS.operator },
      { key: 'openedOn', label: '開設日', type: 'date', required: true },
      {
        key: 'closedOn',
        label: '閉鎖日',
        type: 'date',
        required: false,
        after: 'openedOn',
        help: '開所していない最初の日',
      },
    ],
  },
  {
    key: 'platformMembers',
    name: 'プラットフォーム参加団体',
    description: 'つながりづくりプラットフォームの参加団体',
    columns: [
      { key: 'memberId', label: '団体ID', type: 'id', required: true },
      { key: 'name', label: '団体名', type: 'text', required: true },
      { key: 'area', label: 'エリア', type: 'list', required: true, list: 'areas' },
      { key: 'orgType', label: '団体種別', type: 'enum', required: true, values: ENUMS.orgType },
      { key: 'joinedOn', label: '参加日', type: 'date', required: true },
      {
        key: 'leftOn',
        label: '退会日',
        type: 'date',
        required: false,
        after: 'joinedOn',
        help: '会員でなくなった最初の日',
      },
    ],
  },
  {
    key: 'foodPartners',
    name: 'フードドライブ参画団体',
    description: 'フードドライブ・ネットワークの参画団体',
    columns: [
      { key: 'partnerId', label: '団体ID', type: 'id', required: true },
      { key: 'name', label: '団体名', type: 'text', required: true },
      {
        key: 'activities',
        label: '活動内容',
        type: 'multiEnum',
        required: true,
        values: ENUMS.foodActivity,
        help: FOOD_ACTIVITY_HELP,
      },
      { key: 'area', label: 'エリア', type: 'list', required: false, list: 'areas' },
      { key: 'joinedOn', label: '参画日', type: 'date', required: true },
      {
        key: 'leftOn',
        label: '離脱日',
        type: 'date',
        required: false,
        after: 'joinedOn',
        help: '参画しなくなった最初の日',
      },
    ],
  },
  {
    key: 'donations',
    name: '寄付',
    description: 'フードドライブへの寄付',
    columns: [
      { key: 'donationId', label: '寄付ID', type: 'id', required: true },
      { key: 'receivedOn', label: '受領日', type: 'date', required: true },
      { key: 'donorType', label: '寄付者種別', type: 'enum', required: true, values: ENUMS.donorType },
      { key: 'donorName', label: '寄付者名', type: 'text', required: false, pii: true },
      { key: 'partnerId', label: '受入団体ID', type: 'reference', required: false, references: 'foodPartners' },
      { key: 'weightKg', label: '重量(kg)', type: 'number', required: false, min: 0 },
    ],
  },
] as const satisfies readonly SheetDef[];

export type SheetKey =
  'cases' | 'meetings' | 'meetingCases' | 'activities' | 'places' | 'platformMembers' | 'foodPartners' | 'donations';

export const SHEET_KEYS = SHEETS.map((s) => s.key) as readonly SheetKey[];

export type SheetDefs = (typeof SHEETS)[number];
export type SheetDefOf<K extends SheetKey> = Extract<SheetDefs, { key: K }>;

const sheetByKey = new Map<string, SheetDef>(SHEETS.map((s) => [s.key, s]));

export function sheetDef(key: SheetKey): SheetDef {
  const def = sheetByKey.get(key);
  if (!def) throw new Error(`unknown sheet ${key}`);
  return def;
}

/** A column's label (受付日 for receivedOn), or the key itself for a key the sheet does not have. */
export function columnLabel(def: SheetDef, key: string): string {
  return def.columns.find((c) => c.key === key)?.label ?? key;
}

export function isSheetKey(key: string): key is SheetKey {
  return sheetByKey.has(key);
}

/** The first column of every sheet except 検討ケース is its id. */
export function idColumn(sheet: SheetDef): ColumnDef | undefined {
  return sheet.columns.find((c) => c.type === 'id');
}

export function piiKeys(sheet: SheetDef): string[] {
  return sheet.columns.filter((c) => c.pii).map((c) => c.key);
}

/** The id format of a sheet whose ids the add-on numbers (ケース, 会議, 支援記録). */
export function idFormatOf(key: SheetKey): IdFormat {
  const format = idColumn(sheetDef(key))?.idFormat;
  if (!format) throw new Error(`sheet ${key} has no id format`);
  return format;
}

// ---------------------------------------------------------------------------------------------
// 設定 (settings)

export interface SettingDef {
  readonly key: string;
  readonly label: string;
  /** `month`: 1–12, typed as 4 or 4月; `list`: values with 、 between them in one cell. */
  readonly type: 'text' | 'month' | 'list' | 'integer';
  /** What a missing or empty setting means; null: no value (the figures that need it say so). */
  readonly default: string | number | readonly string[] | null;
  readonly min?: number;
  readonly max?: number;
  /** What the setting is for: the note of its row in 「設定」 and its line in docs/registry.md. */
  readonly help: string;
}

export const SETTINGS_SHEET = { name: '設定', itemLabel: '項目', valueLabel: '値' } as const;

/**
 * Every setting, in the order of 「設定」's rows. The Settings type, defaultSettings(), readSettings,
 * the 設定 rows of the three templates and docs/registry.md derive from this list: a new setting is
 * one entry here.
 */
export const SETTING_DEFS = [
  {
    key: 'municipality',
    label: '自治体名',
    type: 'text',
    default: '',
    help: '集計の表題と、Google スプレッドシートの名前に入ります。',
  },
  {
    key: 'fiscalYearStartMonth',
    label: '年度開始月',
    type: 'month',
    default: 4,
    min: 1,
    max: 12,
    help: '年度の最初の月（1〜12）。年度・ケースIDの年度はこの月から数えます。',
  },
  {
    key: 'areas',
    label: 'エリア',
    type: 'list',
    default: ['東', '西'],
    help: '「エリア」列の選択肢（日常生活圏域など）。',
  },
  {
    key: 'windows',
    label: '受付窓口',
    type: 'list',
    default: [
      '地域包括支援センター',
      '障がい者生活支援センター',
      '自立支援相談コーナー',
      'こども家庭センター',
      '地域共生推進課',
      'その他',
    ],
    help: '「受付窓口」列の選択肢。',
  },
  {
    key: 'placeTypes',
    label: '拠点種別',
    type: 'list',
    default: [
      '通いの場',
      'サロン',
      'こども食堂・地域食堂',
      '認知症カフェ',
      'ささえあいの家',
      '地域子育て支援拠点',
      '地域活動支援センター',
      'その他',
    ],
    help: '「居場所・拠点」シートの「種別」列の選択肢。',
  },
  {
    key: 'issueTags',
    label: '課題',
    type: 'list',
    default: [
      'ひきこもり',
      '8050',
      'ヤングケアラー',
      'ダブルケア',
      '精神疾患・疑い',
      '障がい・疑い',
      '認知症',
      '生活困窮・就労',
      '住まい',
      'ごみ屋敷・セルフネグレクト',
      '支援拒否',
      '孤独・孤立',
      '虐待・DV',
      '不登校',
      '依存症',
      'その他',
    ],
    help: '「ケース」シートの「課題」列の選択肢（複数選べます）。',
  },
  {
    key: 'population',
    label: '人口',
    type: 'integer',
    default: null,
    min: 1,
    help: '人口10万人あたりの件数に使います。空欄のときは計算しません。',
  },
  {
    key: 'suppressionThreshold',
    label: '公表時の秘匿しきい値',
    type: 'integer',
    default: 5,
    min: 1,
    help: '公表用の集計で、1以上この数未満の人数・件数を「*」にします。',
  },
  {
    key: 'staff',
    label: '担当者',
    type: 'list',
    default: [],
    help: '「担当者」列の選択肢（職員の名前）。',
  },
  {
    key: 'agencies',
    label: '関係機関',
    type: 'list',
    default: [],
    help: '「主担当機関」列の選択肢。',
  },
  {
    key: 'placements',
    label: '受け入れ先',
    type: 'list',
    default: [],
    help: '「受け入れ先」列の選択肢（参加支援の事業所・団体など）。',
  },
  {
    key: 'followUpDays',
    label: '確認の目安日数',
    type: 'integer',
    default: 30,
    min: 1,
    help: '「確認予定」に、支援中・見守りで支援記録がこの日数ないケースと、受付からこの日数たっても本人同意が未確認のケースを出します。',
  },
] as const satisfies readonly SettingDef[];

type SettingDefs = (typeof SETTING_DEFS)[number];

/** A setting's value once read: a list of values, text, or a whole number (or null when it has no default). */
type SettingValue<D extends SettingDefs> = D['type'] extends 'list'
  ? string[]
  : D['type'] extends 'text'
    ? string
    : null extends D['default']
      ? number | null
      : number;

/** The settings, keyed as SETTING_DEFS declares them. */
export type Settings = { -readonly [D in SettingDefs as D['key']]: SettingValue<D> };

export type SettingsListKey = Extract<SettingDefs, { type: 'list' }>['key'];

/** The list settings, in 「設定」's order: the choices of the `list` and `multiList` columns. */
export const LIST_SETTING_DEFS = SETTING_DEFS.filter(
  (d): d is Extract<SettingDefs, { type: 'list' }> => d.type === 'list',
);

/** The settings lists by key, as the row rules and the forms look choices up. */
export function settingsLists(settings: Settings): Record<SettingsListKey, readonly string[]> {
  const lists = {} as Record<SettingsListKey, readonly string[]>;
  for (const d of LIST_SETTING_DEFS) lists[d.key] = settings[d.key];
  return lists;
}

export function defaultSettings(): Settings {
  const settings: Record<string, unknown> = {};
  // A fresh array per call: callers may change their settings' lists.
  for (const d of SETTING_DEFS)
    settings[d.key] = typeof d.default === 'object' && d.default ? [...d.default] : d.default;
  return settings as Settings;
}

/** Output sheets the software writes; a coordinator never types into them. */
export const OUTPUT_SHEETS = { indicators: '指標', monthlySummary: '月次集計', validation: '検証結果' } as const;
