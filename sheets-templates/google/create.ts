// Creates the registry template as a Google spreadsheet: one spreadsheets.create, then one
// batchUpdate carrying every header, format and dropdown (requests.ts). Two API calls, whatever
// the number of sheets or columns.
import * as z from 'zod/mini';
import { sheets as sheetsApi, type sheets_v4 } from 'googleapis/build/src/apis/sheets';
import { defaultSettings, type Settings } from '../../core/registry/definition';
import { batchRequests, createBody, spreadsheetTitle } from './requests';

export type SheetsAuth = NonNullable<sheets_v4.Options['auth']>;

export interface CreateGoogleTemplateOptions {
  auth: SheetsAuth;
  settings?: Settings;
  /** Where the Sheets API lives; only an emulator or a proxy changes it. */
  rootUrl?: string;
  /** How long one call may take before it counts as unreachable (default 2 minutes). */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 120_000;

export interface GoogleTemplate {
  spreadsheetId: string;
  spreadsheetUrl: string;
  title: string;
}

export type GoogleTemplateErrorCode =
  'GOOGLE_NO_CREDENTIALS' | 'GOOGLE_AUTH_FAILED' | 'GOOGLE_API_REFUSED' | 'GOOGLE_UNREACHABLE' | 'GOOGLE_BAD_RESPONSE';

export class GoogleTemplateError extends Error {
  constructor(
    readonly code: GoogleTemplateErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const createdSchema = z.object({
  spreadsheetId: z.string(),
  spreadsheetUrl: z.optional(z.string()),
  sheets: z.array(z.object({ properties: z.object({ sheetId: z.number(), title: z.string() }) })),
});

// What a failed call can carry: gaxios puts Google's answer on `response`.
const faultSchema = z.object({
  response: z.optional(
    z.object({
      status: z.number(),
      data: z.optional(z.unknown()),
    }),
  ),
});
const googleErrorBody = z.object({
  error: z.object({ code: z.optional(z.number()), message: z.optional(z.string()), status: z.optional(z.string()) }),
});
// The OAuth token endpoint answers `{error: 'invalid_grant', error_description}` instead.
const oauthErrorBody = z.object({ error: z.string(), error_description: z.optional(z.string()) });

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

const STEP = { create: 'スプレッドシートの作成', batchUpdate: '見出し・入力規則の設定' } as const;

/** The chain of causes: GaxiosError → TypeError('fetch failed') → Error { code }, or an
 * AggregateError when every address of a host refused. */
type Link = { code?: unknown; message?: unknown; name?: unknown };
function causes(e: unknown): Link[] {
  const chain: Link[] = [];
  let cur: unknown = e;
  for (let depth = 0; depth < 6 && cur && typeof cur === 'object'; depth++) {
    const link = cur as Link & { cause?: unknown; errors?: unknown };
    chain.push(link);
    cur = link.cause ?? (Array.isArray(link.errors) ? link.errors[0] : undefined);
  }
  return chain;
}

/**
 * A failed call as a Japanese message with a code. Only the status and Google's own message are
 * kept: the request (and its Authorization header) never reaches the message.
 */
export function describeFailure(e: unknown, step: keyof typeof STEP): GoogleTemplateError {
  const what = STEP[step];
  const fault = faultSchema.safeParse(e);
  const response = fault.success ? fault.data.response : undefined;
  if (response) {
    const body = googleErrorBody.safeParse(response.data);
    if (body.success) {
      const { message, status } = body.data.error;
      const hint = refusalHint(response.status, message ?? '');
      return new GoogleTemplateError(
        'GOOGLE_API_REFUSED',
        `Google Sheets API が${what}を拒否しました（HTTP ${response.status}${status ? ` ${status}` : ''}）: ${message ?? '理由の説明なし'}${hint}`,
        response.status,
      );
    }
    const oauth = oauthErrorBody.safeParse(response.data);
    if (oauth.success)
      return new GoogleTemplateError(
        'GOOGLE_AUTH_FAILED',
        `Google の認証に失敗しました（HTTP ${response.status} ${oauth.data.error}）。認証情報が失効していないか、キーファイルが正しいか確認してください。`,
        response.status,
      );
    return new GoogleTemplateError(
      'GOOGLE_API_REFUSED',
      `Google Sheets API が${what}を拒否しました（HTTP ${response.status}）。`,
      response.status,
    );
  }
  const chain = causes(e);
  const code = chain.map((c) => c.code).find((c): c is string => typeof c === 'string' && NETWORK_CODES.has(c));
  if (code)
    return new GoogleTemplateError(
      'GOOGLE_UNREACHABLE',
      `Google Sheets API に接続できません（${code}）。ネットワーク・プロキシの設定を確認してください。`,
    );
  if (chain.some((c) => c.name === 'TimeoutError'))
    return new GoogleTemplateError(
      'GOOGLE_UNREACHABLE',
      `Google Sheets API から${what}の応答がありません（時間切れ）。ネットワークを確認して、しばらくしてからやり直してください。`,
    );
  const messages = chain.map((c) => (typeof c.message === 'string' ? c.message : '')).join('\n');
  if (chain.some((c) => c.code === 'ENOENT' || c.code === 'EACCES'))
    return new GoogleTemplateError(
      'GOOGLE_NO_CREDENTIALS',
      '認証情報のキーファイルを読めません。パスと権限を確認してください。',
    );
  if (/could not load the default credentials/i.test(messages))
    return new GoogleTemplateError(
      'GOOGLE_NO_CREDENTIALS',
      'Google の認証情報が見つかりません。--credentials でサービスアカウントのキーファイルを指定するか、' +
        '`gcloud auth application-default login --scopes=https://www.googleapis.com/auth/cloud-platform,https://www.googleapis.com/auth/spreadsheets` を実行してください。',
    );
  if (/client_email|private_key|private key|DECODER|PEM|JSON|Unexpected token|credential/i.test(messages))
    return new GoogleTemplateError(
      'GOOGLE_NO_CREDENTIALS',
      '認証情報のファイルをサービスアカウントのキー（JSON）として読めません。Google Cloud コンソールで作成したキーファイルを指定してください。',
    );
  // Anything else: the innermost cause says most (e.g. "bad port"); it carries no token.
  const inner = chain
    .map((c) => c.message)
    .filter((m): m is string => typeof m === 'string' && m !== '')
    .pop();
  return new GoogleTemplateError(
    'GOOGLE_UNREACHABLE',
    `Google Sheets API への${what}の要求が失敗しました（${(inner ?? 'エラー').slice(0, 200)}）。`,
  );
}

function refusalHint(status: number, message: string): string {
  if (/storage quota/i.test(message))
    return '\nサービスアカウント自身のドライブには保存できないことがあります。職員の Google アカウントの認証情報（gcloud auth application-default login）で実行してください。';
  if (status === 401) return '\n認証情報が無効か期限切れです。';
  if (status === 403)
    return '\nGoogle Cloud プロジェクトで Google Sheets API が有効か、認証情報に spreadsheets の権限があるか確認してください。';
  if (status === 429) return '\n要求が多すぎます。しばらく待ってからやり直してください。';
  return '';
}

export async function createGoogleTemplate(options: CreateGoogleTemplateOptions): Promise<GoogleTemplate> {
  const settings = options.settings ?? defaultSettings();
  const api = sheetsApi({
    version: 'v4',
    auth: options.auth,
    // Node's own fetch: gaxios would otherwise import node-fetch on first use, an ES module that a
    // CommonJS host (the bundled CLI, Jest) may not load; the same client then runs everywhere.
    fetchImplementation: fetch,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}),
  });

  let created: z.infer<typeof createdSchema>;
  try {
    const res = await api.spreadsheets.create({ requestBody: createBody(settings) });
    const parsed = createdSchema.safeParse(res.data);
    if (!parsed.success)
      throw new GoogleTemplateError('GOOGLE_BAD_RESPONSE', 'Google Sheets API の応答を読めません（作成）。');
    created = parsed.data;
  } catch (e) {
    throw e instanceof GoogleTemplateError ? e : describeFailure(e, 'create');
  }

  const spreadsheetId = created.spreadsheetId;
  const spreadsheetUrl = created.spreadsheetUrl ?? `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`;
  const ids = new Map(created.sheets.map((s) => [s.properties.title, s.properties.sheetId]));
  let requests: sheets_v4.Schema$Request[];
  try {
    requests = batchRequests(settings, ids);
  } catch {
    throw new GoogleTemplateError(
      'GOOGLE_BAD_RESPONSE',
      `Google Sheets API の応答にシートが足りません。削除してからやり直してください: ${spreadsheetUrl}`,
    );
  }
  try {
    await api.spreadsheets.batchUpdate({
      spreadsheetId,
      requestBody: { requests, includeSpreadsheetInResponse: false },
    });
  } catch (e) {
    const failure = describeFailure(e, 'batchUpdate');
    // The empty spreadsheet already exists: say where, so it can be deleted before a retry.
    throw new GoogleTemplateError(
      failure.code,
      `${failure.message}\n途中まで作成されたスプレッドシートがあります。削除してからやり直してください: ${spreadsheetUrl}`,
      failure.status,
    );
  }
  return { spreadsheetId, spreadsheetUrl, title: spreadsheetTitle(settings) };
}
