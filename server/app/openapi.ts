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
import { ISSUES_IN_ANSWER, ISSUES_PAGE, ISSUES_PAGE_MAX } from './issues';

type JsonSchema = Record<string, unknown>;

const EMPTY: JsonSchema = { type: 'null', description: '空のセル（キーを省いても同じ）' };
const ONE_LINE = '前後に空白のない、空でない文字列';

/**
 * A cell on the wire: exactly its canonical form (core/registry/canonical.ts), what toInterchange
 * writes from a read registry — the add-on and the CLI read the sheet first and send what they
 * read. Anything else (a 和暦 date, "3人", "○", 「、」-separated text, an object) is refused with
 * 422 cell.invalid, naming the sheet, row and column, and nothing is stored.
 */
export function cellSchema(col: ColumnDef): JsonSchema {
  let form: JsonSchema;
  switch (col.type) {
    case 'id':
    case 'text':
      form = { type: 'string', minLength: 1, description: ONE_LINE };
      break;
    case 'reference':
      form = {
        type: 'string',
        minLength: 1,
        description: `「${sheetDef(col.references!).name}」シートの行のID（${ONE_LINE}）`,
      };
      break;
    case 'date':
      form = { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '実在する日付' };
      break;
    case 'enum':
      form = { enum: [...(col.values ?? [])] };
      break;
    case 'multiEnum':
      form = { type: 'array', items: { enum: [...(col.values ?? [])] }, minItems: 1, uniqueItems: true };
      break;
    case 'list':
      form = { type: 'string', description: `同じ本文の設定「${col.list}」の値のどれか（設定がなければ既定の一覧）` };
      break;
    case 'multiList':
      form = {
        type: 'array',
        items: { type: 'string' },
        minItems: 1,
        uniqueItems: true,
        description: `同じ本文の設定「${col.list}」の値（設定がなければ既定の一覧）`,
      };
      break;
    case 'boolean':
      form = { type: 'boolean' };
      break;
    case 'integer':
    case 'number':
      form = { type: col.type, ...(col.min !== undefined ? { minimum: col.min } : {}) };
      break;
  }
  const notes = [col.label, col.required === true ? '必須' : '', col.help ?? ''].filter(Boolean);
  return { description: notes.join('。'), anyOf: [form, EMPTY] };
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

/** A setting on the wire, in its canonical form too (otherwise 422 setting.invalid). */
export function settingSchema(def: SettingDef): JsonSchema {
  let form: JsonSchema;
  switch (def.type) {
    case 'text':
      form = { type: 'string', description: '前後に空白のない文字列' };
      break;
    case 'list':
      form = {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description: `${ONE_LINE}の配列（空の配列は既定値）`,
      };
      break;
    case 'month':
    case 'integer':
      form = {
        type: 'integer',
        ...(def.min !== undefined ? { minimum: def.min } : {}),
        ...(def.max !== undefined ? { maximum: def.max } : {}),
      };
      break;
  }
  const shown = Array.isArray(def.default) ? def.default.join('、') : def.default === null ? '（なし）' : def.default;
  return {
    description: `${def.label}。${def.help}省略したときは ${shown === '' ? '（空）' : shown}`,
    anyOf: [form, { type: 'null', description: '既定値' }],
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
                  examples: ['json.malformed', 'token.invalid', 'pii.rejected', 'cell.invalid', 'revision.conflict'],
                },
                message: { type: 'string', description: '日本語の説明' },
                requestId: { type: 'string' },
                currentRevision: { type: 'integer', description: '409 のときのサーバーの最新の版' },
                retryAfter: { type: 'integer' },
                details: {
                  type: 'array',
                  maxItems: 100,
                  description:
                    '422 のとき: 問題のあるシート・行・列（値は含めない）。最初の 100 か所まで。個人情報の列・不明な列は key と kind、正規の形でないセル・設定（cell.invalid / setting.invalid）は column と code と message',
                  items: {
                    type: 'object',
                    properties: {
                      sheet: { type: ['string', 'null'] },
                      row: { type: ['integer', 'null'] },
                      key: { type: 'string' },
                      kind: { enum: ['pii', 'unknown', 'nul', 'surrogate', 'depth'] },
                      column: { type: 'string' },
                      code: {
                        type: 'string',
                        examples: ['cell.notDate', 'cell.notInteger', 'cell.notInList', 'setting.notList'],
                      },
                      message: { type: 'string', description: '日本語。値は含めない' },
                    },
                  },
                },
                total: { type: 'integer', description: '422 のとき: 問題の数（details に載らない分も含む）' },
                counts: {
                  type: 'object',
                  additionalProperties: { type: 'integer' },
                  description: 'cell.invalid / setting.invalid のとき: 問題の数を code ごとに',
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
            'kasane-registry/1 の JSON（個人情報の列を除いたもの）。配列の要素 i はシートの i+2 行目。各セルは正規の形（YYYY-MM-DD の日付、JSON の数値・true/false、選択肢そのままの文字列、複数の値は配列、空欄は null か省略）で送ります。シートの表記（和暦、○×、「3人」、「、」区切りなど）は送る側で読んでから送ってください。正規の形でないセルや設定が一つでもあると 422（cell.invalid / setting.invalid）で、何も保存しません。個人情報の列や不明な列があっても 422。',
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
        IssueCounts: {
          type: 'object',
          additionalProperties: { type: 'integer' },
          description: '問題の数を code ごとに（issues に載らない分も含む）',
        },
      },
    },
    paths: {
      '/api/v1/sync': {
        post: {
          summary: 'スナップショットを新しい版として保存する',
          description: `同じ内容をもう一度送っても新しい版は作られない（created: false）。検証の問題（必須の空欄、IDの重複、シート間の規則）があっても保存し、issues で返す。issues は最初の ${ISSUES_IN_ANSWER} 件まで。issueTotal が全件数、issueCounts が code ごとの件数で、全件は GET /api/v1/revisions/{revision}/issues で順に取得できる。`,
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
                      issues: {
                        type: 'array',
                        maxItems: ISSUES_IN_ANSWER,
                        items: { $ref: '#/components/schemas/Issue' },
                        description: `最初の ${ISSUES_IN_ANSWER} 件まで（検証の順）`,
                      },
                      issueTotal: { type: 'integer', description: '問題の全件数' },
                      issueCounts: { $ref: '#/components/schemas/IssueCounts' },
                      notices: { type: 'array', items: { $ref: '#/components/schemas/Issue' } },
                    },
                  },
                },
              },
            },
            400: error('JSON として読めない、または baseRevision が不正'),
            409: error('baseRevision が古い（currentRevision に最新の版）'),
            413: error(
              '本文が上限（既定 50 MB）を超えている（body.tooLarge）、1,000 万セルを超えている（registry.tooLarge）、一度に検証できる量を超えている（work.tooLarge）',
            ),
            422: error(
              '形式が違う、個人情報の列や不明な列がある、正規の形でないセル（cell.invalid）や設定（setting.invalid）がある。何も保存しない',
            ),
            ...auth,
          },
        },
      },
      '/api/v1/validate': {
        post: {
          summary: '検証だけを行う（保存しない）',
          description: `issues は最初の ${ISSUES_IN_ANSWER} 件まで。issueTotal が全件数、issueCounts が code ごとの件数。ok は全件で判断する。`,
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
                      issues: {
                        type: 'array',
                        maxItems: ISSUES_IN_ANSWER,
                        items: { $ref: '#/components/schemas/Issue' },
                      },
                      issueTotal: { type: 'integer' },
                      issueCounts: { $ref: '#/components/schemas/IssueCounts' },
                      notices: { type: 'array', items: { $ref: '#/components/schemas/Issue' } },
                      counts: { $ref: '#/components/schemas/Counts' },
                    },
                  },
                },
              },
            },
            400: error('JSON として読めない'),
            413: error(
              '本文が上限を超えている（body.tooLarge）、1,000 万セルを超えている（registry.tooLarge）、一度に検証できる量を超えている（work.tooLarge）',
            ),
            422: error('形式が違う、個人情報の列や不明な列がある、正規の形でないセルや設定がある'),
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
      '/api/v1/revisions/{revision}/issues': {
        get: {
          summary: '保存された版の検証の問題（全件を順に）',
          description:
            '版のスナップショットを検証した問題を、同期が返したのと同じ順に offset から limit 件返す。next が次のページの offset（最後のページでは null）。',
          parameters: [
            { name: 'revision', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: ISSUES_PAGE_MAX, default: ISSUES_PAGE },
            },
          ],
          responses: {
            200: {
              description: '問題のページ',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      workbook: { type: 'string' },
                      revision: { type: 'integer' },
                      total: { type: 'integer' },
                      issueCounts: { $ref: '#/components/schemas/IssueCounts' },
                      offset: { type: 'integer' },
                      limit: { type: 'integer' },
                      next: { type: ['integer', 'null'] },
                      issues: { type: 'array', items: { $ref: '#/components/schemas/Issue' } },
                    },
                  },
                },
              },
            },
            400: error('版・offset・limit の指定が不正（query.invalid）'),
            404: error('このワークブックにその版はない（revision.notFound）'),
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
