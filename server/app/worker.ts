// The worker thread's side of the work pool (built as dist/worker.cjs): runs work.ts's functions on
// the tasks the main thread posts, so the event loop that answers /healthz and small requests is
// never held by a large body or a large registry. Keeps the read registries of the workbooks
// routed to it (by workbook id), as the main thread's RegistryCache does for small ones.
import { parentPort } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SHEET_KEYS } from '../../core/registry/definition';
import type { ReadRevision } from './registry-cache';
import type { TaskMessage, ReplyMessage, Task } from './worker-pool';
import type { Issue } from '../../core/issues';
import type { PackedSnapshot } from '../snapshot';
import {
  collectGarbageWith,
  figuresWork,
  issueSlice,
  packedSyncWork,
  readStored,
  storedIssues,
  validateWork,
  type Work,
} from './work';

// work.ts collects the heap between the steps of a large body (collectGarbageWith says why). The
// flag exposes gc() to the contexts made after it is set; the one made here serves that only.
setFlagsFromString('--expose-gc');
collectGarbageWith(runInNewContext('gc') as () => void);

/** Rows of read registries kept here at most; one very large registry is not kept. */
const MAX_ROWS = 400_000;
const cache = new Map<number, ReadRevision & { rows: number }>();

function remember(workbookId: number, value: ReadRevision): void {
  const rows = SHEET_KEYS.reduce((n, k) => n + value.registry[k].length, 0);
  cache.delete(workbookId);
  if (rows > MAX_ROWS) return;
  cache.set(workbookId, { ...value, rows });
  let total = 0;
  for (const e of cache.values()) total += e.rows;
  for (const [id, e] of cache) {
    if (total <= MAX_ROWS) break;
    cache.delete(id);
    total -= e.rows;
  }
}

/** Issues of stored revisions kept here at most (for paging; about 100 MB of a 512 MB heap); one longer list is not kept. */
const MAX_ISSUES = 300_000;
const issueLists = new Map<number, { revision: number; issues: Issue[] }>();

function rememberIssues(workbookId: number, revision: number, issues: Issue[]): void {
  issueLists.delete(workbookId);
  if (issues.length > MAX_ISSUES) return;
  issueLists.set(workbookId, { revision, issues });
  let total = 0;
  for (const e of issueLists.values()) total += e.issues.length;
  for (const [id, e] of issueLists) {
    if (total <= MAX_ISSUES) break;
    issueLists.delete(id);
    total -= e.issues.length;
  }
}

/** The buffers of a reply that can be moved to the main thread instead of copied: a file's bytes, a sync's chunks. */
function movable(value: unknown): ArrayBuffer[] {
  const owned = (b: unknown): b is Uint8Array & { buffer: ArrayBuffer } =>
    b instanceof Uint8Array &&
    b.byteOffset === 0 &&
    b.byteLength === b.buffer.byteLength &&
    b.buffer instanceof ArrayBuffer;
  const v = value as { body?: unknown; packed?: PackedSnapshot } | null;
  if (owned(v?.body)) return [v.body.buffer];
  const out: ArrayBuffer[] = [];
  const seen = new Set<ArrayBuffer>();
  for (const list of Object.values(v?.packed?.chunks ?? {}))
    for (const c of list)
      if (owned(c.bytes) && !seen.has(c.bytes.buffer)) {
        seen.add(c.bytes.buffer);
        out.push(c.bytes.buffer);
      }
  return out;
}

async function run(task: Task): Promise<Work<unknown> | 'stored'> {
  switch (task.kind) {
    case 'sync':
      // Only the first issues go back (with their total and counts), and the chunks as moved bytes.
      return packedSyncWork(task.body);
    case 'validate':
      return validateWork(task.body);
    case 'figures': {
      let current = cache.get(task.workbookId);
      if (!current || current.revision !== task.revision) {
        if (!task.stored) return 'stored';
        cache.delete(task.workbookId);
        const read = readStored(task.revision, task.stored);
        remember(task.workbookId, read);
        current = { ...read, rows: 0 };
      } else {
        cache.delete(task.workbookId);
        cache.set(task.workbookId, current);
      }
      return figuresWork(current, task.ask);
    }
    case 'issues': {
      const hit = issueLists.get(task.workbookId);
      let issues: Issue[];
      if (hit && hit.revision === task.revision) {
        issues = hit.issues;
        issueLists.delete(task.workbookId);
        issueLists.set(task.workbookId, hit);
      } else {
        if (!task.stored) return 'stored';
        issues = storedIssues(task.stored);
        rememberIssues(task.workbookId, task.revision, issues);
      }
      return { ok: true, value: issueSlice(issues, task.offset, task.limit) };
    }
  }
}

const port = parentPort;
if (port) {
  port.on('message', (m: TaskMessage) => {
    run(m.task).then(
      (out) => {
        const reply: ReplyMessage =
          out === 'stored' ? { id: m.id, kind: 'stored' } : { id: m.id, kind: 'done', work: out };
        port.postMessage(reply, out !== 'stored' && out.ok ? movable(out.value) : []);
      },
      (e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        // Name, code and frames only: a message might quote a value of the body.
        const reply: ReplyMessage = {
          id: m.id,
          kind: 'failed',
          error: {
            name: err.name,
            code: String((err as { code?: unknown }).code ?? ''),
            frames: (err.stack ?? '').split('\n').slice(1).join('\n'),
          },
        };
        port.postMessage(reply);
      },
    );
  });
}
