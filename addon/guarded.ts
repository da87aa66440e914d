// Every google.script.run target (intake and meeting alike) runs guarded: a fault reaches the
// sidebar as a Failure it can show, not as an exception its failure handler would have to word.
import { BUSY_MESSAGE, failure, messageOf, type Failure } from './errors';
import { NotSetUp } from './workbook';

/** Runs an entry point; faults become a Japanese message (never cell contents). */
export function guarded<T>(what: string, f: () => T | Failure): T | Failure {
  try {
    return f();
  } catch (e) {
    if (e instanceof NotSetUp) return failure('registry.notSetUp', e.message);
    const m = messageOf(e);
    if (/^Lock timeout/.test(m)) return failure('lock.busy', BUSY_MESSAGE);
    return failure('internal', `${what}できませんでした。時間をおいてもう一度お試しください。（${m.slice(0, 120)}）`);
  }
}
