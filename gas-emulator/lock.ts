// LockService: one document lock per spreadsheet, one script lock, one user lock. A lock belongs
// to an execution; it is released when the execution ends, as Apps Script does.
// Time is virtual: an execution waiting on a lock held by another can only get it once that one
// finishes, and executions here run one after another, so a wait for a held lock times out.
import type { CallLog } from './calls';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';
/** Apps Script refuses waits longer than this many milliseconds. */
const MAX_TIMEOUT = 300000;

export class LockState {
  owner: number | null = null;
}

export class FakeLock {
  constructor(
    private readonly state: LockState,
    private readonly execution: number,
    private readonly log: CallLog,
  ) {}
  private acquire(timeout: number): boolean {
    if (!Number.isFinite(timeout) || timeout < 0 || timeout > MAX_TIMEOUT) {
      throw new Error(`Invalid argument: timeoutInMillis (${timeout}); it must be between 0 and ${MAX_TIMEOUT}.`);
    }
    if (this.state.owner === null || this.state.owner === this.execution) {
      this.state.owner = this.execution;
      return true;
    }
    return false;
  }
  tryLock(timeoutInMillis: number): boolean {
    this.log.record('Lock.tryLock');
    return this.acquire(timeoutInMillis);
  }
  waitLock(timeoutInMillis: number): void {
    this.log.record('Lock.waitLock');
    if (!this.acquire(timeoutInMillis)) throw new Error(LOCK_TIMEOUT_MESSAGE);
  }
  hasLock(): boolean {
    this.log.record('Lock.hasLock');
    return this.state.owner === this.execution;
  }
  releaseLock(): void {
    this.log.record('Lock.releaseLock');
    if (this.state.owner === this.execution) this.state.owner = null;
  }
}

export class LockHub {
  readonly document = new LockState();
  readonly script = new LockState();
  readonly user = new LockState();

  /** Called when an execution ends. */
  releaseAll(execution: number): void {
    for (const s of [this.document, this.script, this.user]) if (s.owner === execution) s.owner = null;
  }

  serviceFor(execution: number, log: CallLog, hasDocument: boolean) {
    return {
      getDocumentLock: (): FakeLock | null => {
        log.record('LockService.getDocumentLock');
        return hasDocument ? new FakeLock(this.document, execution, log) : null;
      },
      getScriptLock: (): FakeLock => {
        log.record('LockService.getScriptLock');
        return new FakeLock(this.script, execution, log);
      },
      getUserLock: (): FakeLock => {
        log.record('LockService.getUserLock');
        return new FakeLock(this.user, execution, log);
      },
    };
  }
}
