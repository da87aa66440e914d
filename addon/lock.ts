// Every write to the registry runs inside the document lock, so ids made from the rows as they
// stand are never handed out twice and a version check sees the row that will be overwritten.
import { BUSY_MESSAGE, failure, type Failure } from './errors';

const LOCK_WAIT_MS = 10000;

/** Runs `f` holding the document lock; its writes are flushed before the lock is released. */
export function withDocumentLock<T>(f: () => T): T | Failure {
  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(LOCK_WAIT_MS)) return failure('lock.busy', BUSY_MESSAGE);
  try {
    const r = f();
    SpreadsheetApp.flush();
    return r;
  } finally {
    lock.releaseLock();
  }
}
