// kasane serve [--port 8080] [--host 127.0.0.1] [--data-dir ./data] [--demo] [--body-limit 50mb]
//   [--rate-limit 120] [--cors-origin URL ...]: the sync server until SIGTERM / SIGINT.
import { parse, UsageError, wholeNumber } from '../args';
import { SPECS } from './specs';
import { DEFAULT_DATA_DIR } from '../store';
import { DEFAULT_BODY_LIMIT } from '../../server/app';
import { DEFAULT_RATE_LIMIT, type RateLimit } from '../../server/app/rate-limit';
import { createLogger } from '../../server/log';
import { startServer } from '../../server/serve';
import { StoreUnavailableError } from '../../server/store/db';
import { DataDirBusyError } from '../../server/store/lock';
import { describeUrl } from '../../server/store/open';
import pkg from '../../package.json';

/** `50mb`, `512kb`, `1048576` → bytes. */
export function parseSize(text: string, name: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--${name} は 50mb や 512kb のように指定してください（指定: ${text}）。`);
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(m[1]) * unit);
}

/** N requests a minute: a burst of N, refilled over the minute. */
const perMinuteLimit = (n: number): RateLimit => ({ burst: n, perSecond: n / 60 });

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, SPECS.serve);
  const env = process.env;
  const port = values.port ?? env.PORT;
  const host = values.host ?? env.HOST ?? '127.0.0.1';
  const bodyLimit = values['body-limit'] ?? env.KASANE_BODY_LIMIT;
  const perMinute = values['rate-limit'] ?? env.KASANE_RATE_LIMIT;
  const rateLimit: RateLimit = perMinute
    ? perMinuteLimit(wholeNumber(perMinute, 'rate-limit', 1, 1_000_000))
    : DEFAULT_RATE_LIMIT;
  const corsOrigins =
    values['cors-origin'] ??
    (env.KASANE_CORS_ORIGINS
      ? env.KASANE_CORS_ORIGINS.split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : []);
  const log = createLogger();
  let running;
  try {
    running = await startServer({
      port: port === undefined ? 8080 : port === '0' ? 0 : wholeNumber(port, 'port', 1, 65535),
      host,
      dataDir: values['data-dir'] ?? DEFAULT_DATA_DIR,
      databaseUrl: env.DATABASE_URL,
      demo: values.demo === true,
      bodyLimit: bodyLimit ? parseSize(bodyLimit, 'body-limit') : DEFAULT_BODY_LIMIT,
      rateLimit,
      corsOrigins,
      log,
      version: pkg.version,
    });
  } catch (e) {
    if (e instanceof DataDirBusyError) throw new UsageError(e.message, false);
    if (e instanceof StoreUnavailableError)
      throw new UsageError(
        `データベース（${describeUrl(env.DATABASE_URL ?? '')}）に接続できないため起動できません。PostgreSQL が動いているか、DATABASE_URL を確かめてください（起動したあとに接続が切れたときは、止まらずに 503 で答え、つながれば再開します）。`,
        false,
      );
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new UsageError(`ポート ${port ?? 8080} は使用中です。--port で別のポートを指定してください。`, false);
    throw e;
  }
  const lines = [
    `kasane 同期サーバーを起動しました: ${running.url}`,
    `データ: ${running.location}（${running.storeKind === 'pg' ? 'PostgreSQL サーバー' : '組み込みデータベース PGlite'}）`,
    `API の説明: ${running.url}/api/v1/openapi.json`,
  ];
  if (!['127.0.0.1', '::1', 'localhost'].includes(host)) {
    lines.push(
      '注意: ループバック以外でも待ち受けています。トークンと台帳を守るため、HTTPS のリバースプロキシを前に置いてください。',
    );
  }
  if (running.demo) {
    lines.push(
      '',
      `デモ用ワークブック「${running.demo.workbook}」（架空のかさね町、版 ${running.demo.revision}${running.demo.synced ? '、今回サンプルを同期しました' : ''}）`,
      `例: curl -H "Authorization: Bearer <トークン>" "${running.url}/api/v1/indicators?fiscalYear=2025"`,
      'デモ用トークン（起動のたびに新しく発行し、前回のものは失効させます）:',
      running.demo.token,
    );
  }
  process.stdout.write(lines.join('\n') + '\n');

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        process.exit(1);
      }
      stopping = true;
      log.info({ signal }, 'shutting down');
      running.close().then(resolve, (e: unknown) => {
        log.error({ err: { name: e instanceof Error ? e.name : 'Error' } }, 'shutdown failed');
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  process.stdout.write('kasane 同期サーバーを停止しました。\n');
  return 0;
}
