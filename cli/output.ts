// Writes a file named on the command line, never by surprise: not over the command's own input
// (even with --force), not over an existing file unless --force is given, and atomically (a temp
// file in the same folder, then a rename), so a failure never leaves a half-written file.
// Every refusal or failure is a usage error naming the path (exit 2), not a crash.
import { randomBytes } from 'node:crypto';
import { chmod, link, lstat, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { choice, UsageError } from './args';

export interface OutOptions {
  /** --force: an existing file may be replaced. */
  force?: boolean;
  /** The command's input files: the output may never be one of them. */
  inputs?: readonly string[];
  /** The option that named the output, for messages (default --out). */
  option?: string;
}

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException).code;

async function statOrNull(path: string, follow: boolean): Promise<Stats | null> {
  try {
    return await (follow ? stat(path) : lstat(path));
  } catch (e) {
    if (errno(e) === 'ENOENT' || errno(e) === 'ENOTDIR') return null;
    throw e;
  }
}

/** The same file: the same resolved path, the same real path, or the same inode (a hard link). */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  const [sa, sb] = await Promise.all([statOrNull(a, true), statOrNull(b, true)]);
  if (!sa || !sb) return false;
  if (sa.dev === sb.dev && sa.ino === sb.ino) return true;
  const [ra, rb] = await Promise.all([realpath(a), realpath(b)]);
  return ra === rb;
}

/**
 * Checks that `path` may be written: not one of the inputs, not a folder, and new unless `force`.
 * Commands call it before their work, so a refusal comes at once; writeOut checks again.
 */
export async function checkOut(path: string, options: OutOptions = {}): Promise<void> {
  const option = options.option ?? '--out';
  for (const input of options.inputs ?? []) {
    if (await sameFile(path, input))
      throw new UsageError(
        `${option} のファイル ${path} は入力ファイル ${input} と同じです。入力を上書きしないよう、別のファイル名を指定してください（--force でも上書きしません）。`,
        false,
      );
  }
  let existing: Stats | null;
  try {
    existing = await statOrNull(path, false);
  } catch (e) {
    throw new UsageError(
      `${path} を確かめられません（${errno(e) ?? 'エラー'}）。フォルダと権限を確認してください。`,
      false,
    );
  }
  if (existing === null) return;
  const target = existing.isSymbolicLink() ? await statOrNull(path, true) : existing;
  if (target?.isDirectory())
    throw new UsageError(`${path} はフォルダです。${option} にはファイル名を指定してください。`, false);
  if (!options.force) throw exists(path);
}

const exists = (path: string): UsageError =>
  new UsageError(`ファイル ${path} はすでにあります。上書きするときは --force を付けてください。`, false);

/** Writes `bytes` to `path` under the rules of checkOut. */
export async function writeOut(path: string, bytes: Buffer | string, options: OutOptions = {}): Promise<void> {
  await checkOut(path, options);
  // A symbolic link is written through, as an editor would: its target is replaced, the link kept.
  let target = path;
  try {
    if ((await lstat(path)).isSymbolicLink()) target = await realpath(path);
  } catch {
    // no file yet, or a dangling link: write the path itself
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    if (options.force) {
      const old = await statOrNull(target, true);
      if (old) await chmod(tmp, old.mode & 0o7777);
      await rename(tmp, target);
    } else {
      await placeNew(tmp, target, path);
    }
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      `${path} に書き込めません（${errno(e) ?? 'エラー'}）。フォルダと権限を確認してください。`,
      false,
    );
  }
}

/**
 * Moves the finished temp file to `target` only if nothing is there yet: a hard link fails when the
 * name is taken, even by a file made after checkOut. Where hard links are not supported, a last
 * check and a rename.
 */
async function placeNew(tmp: string, target: string, shown: string): Promise<void> {
  try {
    await link(tmp, target);
  } catch (e) {
    if (errno(e) === 'EEXIST') throw exists(shown);
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'].includes(errno(e) ?? '')) throw e;
    if (await statOrNull(target, false)) throw exists(shown);
    await rename(tmp, target);
    return;
  }
  await unlink(tmp).catch(() => undefined); // the file is in place; a leftover temp name is harmless
}

/**
 * The output format: --format if given (then --out, if given, must end with one of its extensions),
 * else the one --out's extension names, else `fallback`. `table` maps each format to its extensions.
 */
export function outFormat<F extends string>(
  given: string | undefined,
  out: string | undefined,
  table: Readonly<Record<F, readonly string[]>>,
  fallback?: NoInfer<F>,
): F {
  const formats = Object.keys(table) as F[];
  const ext = out === undefined ? '' : extname(out).toLowerCase();
  const named = formats.find((f) => table[f].includes(ext));
  const exts = formats.flatMap((f) => table[f]);
  const allExts = exts.length === 1 ? `${exts[0]!} ` : `${exts.join(' / ')} のいずれか`;
  if (given !== undefined) {
    const f = choice(given, 'format', formats);
    if (out !== undefined && named !== f)
      throw new UsageError(
        `--format ${f} と --out ${out} が合いません。${f} で書き出すなら --out を ${table[f].join(' か ')} で終わる名前に` +
          `${named ? `、${named} で書き出すなら --format ${named} に` : ''}してください。`,
        false,
      );
    return f;
  }
  if (out !== undefined) {
    if (named === undefined)
      throw new UsageError(
        `--out ${out} の拡張子からは形式がわかりません。${allExts}で終わる名前にしてください。`,
        false,
      );
    return named;
  }
  if (fallback === undefined)
    throw new UsageError(`--format（${formats.join(' / ')}）か、拡張子で形式がわかる --out を指定してください。`);
  return fallback;
}
