// With PGlite only one process may open the data folder. serve and the token/audit commands take a
// lock file holding their pid; a lock left by a process that no longer runs (kill -9) is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'kasane.lock';

export class DataDirBusyError extends Error {
  readonly code = 'datadir.busy';
  constructor(
    readonly dir: string,
    readonly pid: number,
    readonly command: string,
  ) {
    super(
      `データフォルダ ${dir} は別のプロセス（pid ${pid}、kasane ${command}）が使用中です。` +
        `組み込みデータベース（PGlite）は一度に一つのプロセスしか開けません。` +
        `サーバーを止めてから実行するか、DATABASE_URL で PostgreSQL サーバーを使ってください。`,
    );
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DirLock {
  release(): void;
}

export function lockDataDir(dir: string, command: string): DirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, command, startedAt: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(path);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: { pid?: unknown; command?: unknown } = {};
      try {
        holder = JSON.parse(readFileSync(path, 'utf8')) as typeof holder;
      } catch {
        /* half-written or unreadable: treated as stale */
      }
      const pid = typeof holder.pid === 'number' ? holder.pid : -1;
      if (pid > 0 && alive(pid))
        throw new DataDirBusyError(dir, pid, typeof holder.command === 'string' ? holder.command : '?');
      try {
        unlinkSync(path);
      } catch {
        /* another process took it over first; the next attempt tells */
      }
    }
  }
  throw new DataDirBusyError(dir, -1, '?');
}
