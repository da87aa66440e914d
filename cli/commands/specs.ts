// Every command as declared once: its summary, its options with their help, its positional words.
// The parser (args.ts, on commander) reads exactly these, and `kasane --help` and
// `kasane <command> --help` print exactly these, so the help cannot drift from what is accepted.
// Kept apart from the commands' code so help never loads a command's heavy modules.

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** What the value looks like in help: FILE, 2025-05, text|json … */
  readonly value?: string;
  readonly help: string;
  /** May be given several times (collected in order). */
  readonly multiple?: true;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  /** Words before the options (token create|list|revoke). */
  readonly positionals?: { readonly value: string; readonly help: string };
  readonly options: Readonly<Record<string, OptionSpec>>;
}

const DATA_DIR = {
  type: 'string',
  value: 'DIR',
  help: '組み込みDB（PGlite）のフォルダ（既定 ./data）',
} as const satisfies OptionSpec;
const FORCE = {
  type: 'boolean',
  help: '既存のファイルを上書きする（入力ファイルは上書きしません）',
} as const satisfies OptionSpec;
const INPUT = {
  type: 'string',
  value: 'FILE',
  help: '台帳（kasane-registry/1 の .json か .xlsx）',
} as const satisfies OptionSpec;

export const SPECS = {
  template: {
    name: 'template',
    summary: '空の台帳テンプレートを XLSX に書き出す（--google: Google スプレッドシートに作成する）',
    options: {
      out: { type: 'string', value: 'FILE.xlsx', help: '書き出すファイル（既定 kasane-registry.xlsx）' },
      force: FORCE,
      google: { type: 'boolean', help: 'Google Sheets API でスプレッドシートを作る' },
      credentials: { type: 'string', value: 'KEY.json', help: '--google で使うサービスアカウントの鍵' },
      municipality: { type: 'string', value: '名前', help: '自治体名（「設定」シートに入れる）' },
    },
  },
  validate: {
    name: 'validate',
    summary: '台帳を検証する（問題なし 0、問題あり 1、読めない・引数の誤り 2）',
    options: {
      input: INPUT,
      format: { type: 'string', value: 'text|json', help: '出力の形（既定 text）' },
    },
  },
  sample: {
    name: 'sample',
    summary: '架空の町のサンプル台帳を生成する',
    options: {
      cases: { type: 'string', value: 'N', help: 'ケース数（既定 200）' },
      seed: { type: 'string', value: 'N', help: '乱数の種（既定 1。同じ種なら同じ台帳）' },
      out: { type: 'string', value: 'FILE.json|FILE.xlsx', help: '書き出すファイル（省略すると JSON を標準出力へ）' },
      force: FORCE,
    },
  },
  indicators: {
    name: 'indicators',
    summary: '指標を計算する',
    options: {
      input: INPUT,
      'fiscal-year': { type: 'string', value: '2025|令和7年度|R7', help: '年度' },
      month: { type: 'string', value: '2025-05|2025/5|R7.5', help: '月（--fiscal-year とどちらか一方）' },
      'as-of': { type: 'string', value: '2026-01-31|令和8年1月31日', help: '基準日（この日までで集計）' },
      format: { type: 'string', value: 'json|text|csv', help: '出力の形（既定 json）' },
    },
  },
  summary: {
    name: 'summary',
    summary: '月次集計（当月・前年同月・年度累計）を書き出す',
    options: {
      input: INPUT,
      month: { type: 'string', value: '2025-05|R7.5', help: '月' },
      public: { type: 'boolean', help: '公表用（小さな数を秘匿する）' },
      format: { type: 'string', value: 'csv|xlsx|json|html', help: '出力の形（--out の拡張子から決まるときは省略可）' },
      out: { type: 'string', value: 'FILE', help: '書き出すファイル（省略すると標準出力へ。XLSX は必須）' },
      force: FORCE,
    },
  },
  sync: {
    name: 'sync',
    summary:
      '台帳を同期サーバーへ送る（読めたセルだけ。個人情報の列と読めないセルは送らない。トークンは環境変数 KASANE_TOKEN）',
    options: {
      input: INPUT,
      server: { type: 'string', value: 'URL', help: 'サーバーのアドレス（環境変数 KASANE_SERVER）' },
      'base-revision': { type: 'string', value: 'N', help: '知っている最新の版（サーバーの版と違えば送らない）' },
      format: { type: 'string', value: 'text|json', help: '出力の形（既定 text）' },
    },
  },
  serve: {
    name: 'serve',
    summary: '同期サーバーを起動する',
    options: {
      port: { type: 'string', value: '8080', help: 'ポート（環境変数 PORT）' },
      host: { type: 'string', value: '127.0.0.1', help: '待ち受けるアドレス（環境変数 HOST）' },
      'data-dir': DATA_DIR,
      demo: { type: 'boolean', help: '架空のかさね町を入れ、デモ用トークンを表示する' },
      'body-limit': { type: 'string', value: '50mb', help: '受け付ける本文の大きさ（環境変数 KASANE_BODY_LIMIT）' },
      'rate-limit': { type: 'string', value: 'N', help: '1分あたりのリクエスト数（環境変数 KASANE_RATE_LIMIT）' },
      'cors-origin': {
        type: 'string',
        value: 'URL',
        help: 'ブラウザからの呼び出しを許すオリジン（複数可）',
        multiple: true,
      },
    },
  },
  token: {
    name: 'token',
    summary: 'API トークンを発行・一覧・失効する（発行は最後の行がトークン。保存はハッシュのみ）',
    positionals: { value: 'create|list|revoke', help: '発行・一覧・失効' },
    options: {
      workbook: { type: 'string', value: 'NAME', help: 'ワークブックの名前' },
      'data-dir': DATA_DIR,
      label: { type: 'string', value: 'TEXT', help: 'create: トークンの説明（誰のものか）' },
      id: { type: 'string', value: 'ID', help: 'revoke: 失効させるトークンの ID' },
      format: { type: 'string', value: 'text|json', help: 'list: 出力の形（既定 text）' },
    },
  },
  audit: {
    name: 'audit',
    summary: '監査記録（同期・出力・トークン操作）を表示する',
    options: {
      workbook: { type: 'string', value: 'NAME', help: 'ワークブックの名前' },
      'data-dir': DATA_DIR,
      format: { type: 'string', value: 'text|json', help: '出力の形（既定 text）' },
    },
  },
  preview: {
    name: 'preview',
    summary: 'ビルド済みのアドオンをブラウザで試す（Google なし）',
    options: {
      port: { type: 'string', value: '8090', help: 'ポート' },
      host: { type: 'string', value: '127.0.0.1', help: '待ち受けるアドレス' },
      input: { ...INPUT, help: 'エミュレートしたスプレッドシートに入れる台帳（省略可）' },
      'addon-dir': { type: 'string', value: 'DIR', help: 'ビルド済みアドオンのフォルダ（既定 build/addon）' },
    },
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof SPECS;
