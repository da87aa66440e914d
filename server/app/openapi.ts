// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Sheets, their columns,
// PII columns, settings and formats come from their definitions, so the description cannot drift
// from what the API does.
import {
  SETTING_DEFS,
  SHEETS,
  piiKeys,
  sheetDef,
  type ColumnDef,
  type SettingDef,
  type SheetDef,
} from '../../core/registry/definition';
import { SUMMARY_FORMATS } from '../../reports';

type JsonSchema = Record<string, unknown>;

const EMPTY: JsonSchema = { type: 'null', description: '空のセル（キーを省いても同じ）' };
const VARIANTS = '前後の空白、全角・半角の違いは読み替えます';
const TEXT_NUMBER = '全角数字・桁区切り（1,234）で書いた文字列も数として読みます';

/**
 * A cell on the wire, as the server reads it: the sync sends cells as typed in the sheet and the
 * server parses them with the same parser as the CLI (core/registry/cells.ts), so besides the
 * column's own JSON type it takes the text forms a sheet holds (令和6年4月1日, ○, 「、」-separated
 * values). A value that cannot be read is still stored and answered as an issue, never refused.
 */
export function cellSchema(col: ColumnDef): JsonSchema {
  const forms: JsonSchema[] = [];
  switch (col.type) {
    case 'id':
    case 'text':
      forms.push({ type: 'string' }, { type: 'number', description: '数は文字として読みます' });
      break;
    case 'reference':
      forms.push(
        { type: 'string', description: `「${sheetDef(col.references!).name}」シートの行のID` },
        { type: 'number', description: '数は文字として読みます' },
      );
      break;
    case 'date':
      forms.push(
        { type: 'string', format: 'date' },
        { type: 'string', description: 'シートの表記（2024/4/1、2024年4月1日、令和6年4月1日（月）、R6.4.1 など）' },
        { type: 'number', description: 'スプレッドシートの日付シリアル値' },
      );
      break;
    case 'enum':
      forms.push({ enum: [...(col.values ?? [])] }, { type: 'string', description: VARIANTS });
      break;
    case 'multiEnum':
      forms.push(
        {
          type: 'array',
          items: { anyOf: [{ enum: [...(col.values ?? [])] }, { type: 'string', description: VARIANTS }] },
        },
        { type: 'string', description: '「、」または「,」で区切った値' },
      );
      break;
    case 'list':
      forms.push({ type: 'string', description: `設定「${col.list}」の値` }, { type: 'number' });
      break;
    case 'multiList':
      forms.push(
        { type: 'array', items: { type: ['string', 'number'] }, description: `設定「${col.list}」の値` },
        { type: 'string', description: '「、」または「,」で区切った値' },
      );
      break;
    case 'boolean':
      forms.push(
        { type: 'boolean' },
        { enum: [0, 1] },
        { type: 'string', description: '○ ✓ レ はい TRUE 1 は true、× いいえ FALSE 0 は false' },
      );
      break;
    case 'integer':
    case 'number':
      forms.push(
        { type: col.type, ...(col.min !== undefined ? { minimum: col.min } : {}) },
        { type: 'string', description: TEXT_NUMBER },
      );
      break;
  }
  const notes = [col.label, col.required === true ? '必須' : '', col.help ?? ''].filter(Boolean);
  return { description: notes.join('。'), anyOf: [...forms, EMPTY] };
}

/** A sheet's row on the wire: its columns but the PII ones, which the server refuses (422). */
export function rowSchema(sheet: SheetDef): JsonSchema {
  const pii = new Set(piiKeys(sheet));
  return {
    type: 'object',
    description: `「${sheet.name}」シートの行（${sheet.description}）`,
    properties: Object.fromEntries(sheet.columns.filter((c) => !pii.has(c.key)).map((c) => [c.key, cellSchema(c)])),
    additionalProperties: false,
  };
}

/** A setting on the wire, read as readSettings reads 「設定」's 値 (core/registry/read.ts). */
export function settingSchema(def: SettingDef): JsonSchema {
  const forms: JsonSchema[] = [];
  switch (def.type) {
    case 'text':
      forms.push({ type: ['string', 'number'] });
      break;
    case 'list':
      forms.push(
        { type: 'array', items: { type: ['string', 'number'] } },
        { type: 'string', description: '「、」または「,」で区切った値' },
      );
      break;
    case 'month':
    case 'integer':
      forms.push(
        {
          type: 'integer',
          ...(def.min !== undefined ? { minimum: def.min } : {}),
          ...(def.max !== undefined ? { maximum: def.max } : {}),
        },
        { type: 'string', description: def.type === 'month' ? '4、4月 のような文字列も読みます' : TEXT_NUMBER },
      );
      break;
  }
  const shown = Array.isArray(def.default) ? def.default.join('、') : def.default === null ? '（なし）' : def.default;
  return {
    description: `${def.label}。${def.help}省略したときは ${shown === '' ? '（空）' : shown}`,
    anyOf: [...forms, { type: 'null', description: '既定値' }],
  };
}

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const auth = {
  401: error('トークンがない、不明、または失効している'),
  429: error('リクエストが多すぎる（Retry-After ヘッダーの秒数だけ待つ）'),
  500: error('予期しないエラー（requestId 付き）'),
};
const noData = error('まだ同期されたデータがない（revision.none）');
const PII_KEYS = [...new Set(SHEETS.flatMap((s) => piiKeys(s)))].join(', ');

export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'kasane 同期サーバー API',
      version,
      description: `重層的支援体制整備事業のケース台帳（kasane-registry/1）を同期し、指標と月次集計を返します。トークン（Bearer）ごとに一つのワークブックを扱います。個人情報の列（${PII_KEYS}）は受け付けません。`,
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'kasane token create --workbook NAME で発行したトークン',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: {
                  type: 'string',
                  examples: ['json.malformed', 'token.invalid', 'pii.rejected', 'revision.conflict'],
                },
                message: { type: 'string', description: '日本語の説明' },
                requestId: { type: 'string' },
                currentRevision: { type: 'integer', description: '409 のときのサーバーの最新の版' },
                retryAfter: { type: 'integer' },
                details: {
                  type: 'array',
                  description: '422 のとき: 問題のあるシート・行・列（値は含めない）',
                  items: {
                    type: 'object',
                    properties: {
                      sheet: { type: 'string' },
                      row: { type: ['integer', 'null'] },
                      key: { type: 'string' },
                      kind: { enum: ['pii', 'unknown'] },
                    },
                  },
                },
              },
            },
          },
        },
        Snapshot: {
          type: 'object',
          required: ['format'],
          additionalProperties: false,
          description:
            'kasane-registry/1 の JSON（個人情報の列を除いたもの）。配列の要素 i はシートの i+2 行目。セルはシートに入力されたままの形でも送れます（日付の和暦表記、○×、「、」区切りなど）。読めない値も保存し、issues で返します。個人情報の列や不明な列があると 422。',
          properties: {
            format: { const: 'kasane-registry/1' },
            baseRevision: {
              type: 'integer',
              minimum: 0,
              description: '送り手が知っている最新の版。サーバーの版と違えば 409',
            },
            settings: {
              type: 'object',
              description: '設定（「設定」シートの項目）。不明な項目があると 422',
              properties: Object.fromEntries(SETTING_DEFS.map((d) => [d.key, settingSchema(d)])),
              additionalProperties: false,
            },
            ...Object.fromEntries(
              SHEETS.map((sheet) => [
                sheet.key,
                { type: 'array', description: `「${sheet.name}」シート`, items: rowSchema(sheet) },
              ]),
            ),
          },
        },
        Issue: {
          type: 'object',
          properties: {
            sheet: { type: 'string' },
            row: { type: ['integer', 'null'] },
            column: { type: ['string', 'null'] },
            code: { type: 'string' },
            message: { type: 'string' },
          },
        },
        Counts: { type: 'object', additionalProperties: { type: 'integer' }, description: 'シートごとの行数' },
      },
    },
    paths: {
      '/api/v1/sync': {
        post: {
          summary: 'スナップショットを新しい版として保存する',
          description:
            '同じ内容をもう一度送っても新しい版は作られない（created: false）。検証の問題があっても保存し、issues で返す。',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Snapshot' } } },
          },
          responses: {
            200: {
              description: '保存した（または同じ内容の）版',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      revision: { type: 'integer' },
                      created: { type: 'boolean' },
                      contentHash: { type: 'string' },
                      counts: { $ref: '#/components/schemas/Counts' },
                      excludedRows: { type: 'integer' },
                      issues: { type: 'array', items: { $ref: '#/components/schemas/Issue' } },
                    },
                  },
                },
              },
            },
            400: error('JSON として読めない、または baseRevision が不正'),
            409: error('baseRevision が古い（currentRevision に最新の版）'),
            413: error('本文が上限（既定 50 MB）を超えている'),
            422: error('形式が違う、個人情報の列や不明な列がある'),
            ...auth,
          },
        },
      },
      '/api/v1/validate': {
        post: {
          summary: '検証だけを行う（保存しない）',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Snapshot' } } },
          },
          responses: {
            200: {
              description: 'kasane-validation/1',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      format: { const: 'kasane-validation/1' },
                      ok: { type: 'boolean' },
                      issues: { type: 'array', items: { $ref: '#/components/schemas/Issue' } },
                      counts: { $ref: '#/components/schemas/Counts' },
                    },
                  },
                },
              },
            },
            400: error('JSON として読めない'),
            413: error('本文が上限を超えている'),
            422: error('形式が違う、個人情報の列や不明な列がある'),
            ...auth,
          },
        },
      },
      '/api/v1/revisions': {
        get: {
          summary: '保存された版の一覧（新しい順）',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
          ],
          responses: {
            200: {
              description: '版の一覧',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      workbook: { type: 'string' },
                      currentRevision: { type: 'integer' },
                      revisions: {
                        type: 'array',
                        items: {
                          type: 'object',
                          properties: {
                            revision: { type: 'integer' },
                            createdAt: { type: 'string', format: 'date-time' },
                            counts: { $ref: '#/components/schemas/Counts' },
                            issueCount: { type: 'integer' },
                            contentHash: { type: 'string' },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            ...auth,
          },
        },
      },
      '/api/v1/indicators': {
        get: {
          summary: '最新の版の指標（kasane-indicators/1、kasane indicators と同じ JSON）',
          parameters: [
            {
              name: 'fiscalYear',
              in: 'query',
              schema: { type: 'string', pattern: '^\\d{4}$' },
              description: '年度（西暦）。month とどちらか一つ',
            },
            { name: 'month', in: 'query', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
            {
              name: 'asOf',
              in: 'query',
              schema: { type: 'string', format: 'date' },
              description: '基準日（この日までで集計）',
            },
          ],
          responses: {
            200: { description: 'kasane-indicators/1', content: { 'application/json': {} } },
            400: error('期間の指定が不正'),
            404: noData,
            ...auth,
          },
        },
      },
      '/api/v1/summaries/{month}': {
        get: {
          summary: '最新の版の月次集計（kasane summary と同じファイル）',
          parameters: [
            { name: 'month', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
            { name: 'format', in: 'query', schema: { enum: SUMMARY_FORMATS, default: 'json' } },
            {
              name: 'public',
              in: 'query',
              schema: { enum: ['true', 'false'], default: 'false' },
              description: 'true: 公表用（小さな数を秘匿）',
            },
          ],
          responses: {
            200: {
              description: '月次集計のファイル',
              content: {
                'text/csv': {},
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {},
                'application/json': {},
                'text/html': {},
              },
            },
            400: error('月や形式の指定が不正'),
            404: noData,
            ...auth,
          },
        },
      },
      '/healthz': { get: { summary: 'プロセスが動いている', security: [], responses: { 200: { description: 'ok' } } } },
      '/readyz': {
        get: {
          summary: 'データベースが応答する',
          security: [],
          responses: { 200: { description: 'ok' }, 503: error('データベースが応答しない') },
        },
      },
      '/api/v1/openapi.json': {
        get: { summary: 'この文書', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } },
      },
    },
  };
}
