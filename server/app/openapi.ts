// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Sheets, PII columns and
// formats come from their definitions, so the description cannot drift from what the API does.
import { SHEETS, SHEET_KEYS, piiKeys } from '../../core/registry/definition';
import { SUMMARY_FORMATS } from '../../reports';

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
          description: 'kasane-registry/1 の JSON（個人情報の列を除いたもの）。配列の要素 i はシートの i+2 行目。',
          properties: {
            format: { const: 'kasane-registry/1' },
            baseRevision: {
              type: 'integer',
              minimum: 0,
              description: '送り手が知っている最新の版。サーバーの版と違えば 409',
            },
            settings: { type: 'object' },
            ...Object.fromEntries(SHEET_KEYS.map((k) => [k, { type: 'array', items: { type: 'object' } }])),
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
