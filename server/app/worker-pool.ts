// A small pool of worker threads (worker.ts, built as dist/worker.cjs) for the CPU-heavy part of
// requests: os.availableParallelism() - 1 of them (at least one), started on first use, each with
// its queue (the worker's message queue). A task goes to the least busy worker, or — for the
// figures of a workbook — always to the same one, which keeps that workbook's read registry. A
// worker that dies fails its tasks with WorkerLost (answered 503) and is replaced on the next task.
// The workers are unref'd: they never keep a process alive on their own.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FiguresAsk, RawBody, StoredText, Work } from './work';

export type Task =
  | { kind: 'sync'; body: RawBody }
  | { kind: 'validate'; body: RawBody }
  | { kind: 'figures'; workbookId: number; revision: number; ask: FiguresAsk; stored?: StoredText }
  | { kind: 'issues'; workbookId: number; revision: number; offset: number; limit: number; stored?: StoredText };

export interface TaskMessage {
  id: number;
  task: Task;
}

export interface WorkerFailure {
  name: string;
  code: string;
  frames: string;
}

export type ReplyMessage =
  | { id: number; kind: 'done'; work: Work<unknown> }
  | { id: number; kind: 'stored' }
  | { id: number; kind: 'failed'; error: WorkerFailure };

/**
 * The worker stopped (crashed, or ran out of memory) before answering. `outOfMemory` with `alone`:
 * it reached its heap limit while this task was its only one (the task's own size is the cause).
 */
export class WorkerLost extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly outOfMemory = false,
    readonly alone = false,
  ) {
    super('worker lost');
    this.name = 'WorkerLost';
  }
}

/**
 * Each worker's V8 heap limits. A low old generation makes the collector run well before the
 * process's memory grows (the 66 MB sample sync peaks about 150 MB lower than without a limit), and
 * bounds what one body can take: a body whose work needs more (millions of issues) loses its worker,
 * and is answered 413 work.tooLarge, instead of growing the process by gigabytes.
 */
export const WORKER_HEAP_MB = 512;
export const WORKER_YOUNG_MB = 8;

/** An unexpected error inside the worker: its name, code and stack frames, never its message. */
export class WorkerFailed extends Error {
  constructor(readonly failure: WorkerFailure) {
    super(failure.name);
    this.name = failure.name;
    this.stack = `${failure.name}\n${failure.frames}`;
    Object.assign(this, { code: failure.code || undefined });
  }
}

type Reply = { kind: 'done'; work: Work<unknown> } | { kind: 'stored' };

/** Bodies above this size retire the worker that read them (see WorkPool.run). */
export const RETIRE_AFTER_BYTES = 8 * 1024 * 1024;

interface Slot {
  worker: Worker | null;
  retire: boolean;
  pending: Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>;
}

/** dist/worker.cjs beside the bundle (dist/cli.cjs), or the built one when running from sources. */
export function workerScript(): string | null {
  for (const candidate of [join(__dirname, 'worker.cjs'), join(__dirname, '..', '..', 'dist', 'worker.cjs')])
    if (existsSync(candidate)) return candidate;
  return null;
}

export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

export class WorkPool {
  private readonly slots: Slot[];
  private next = 0;
  private closed = false;
  /** Workers started so far (replacements included): for tests and logs. */
  started = 0;

  constructor(
    readonly script: string,
    readonly size = defaultPoolSize(),
    readonly retireAfterBytes = RETIRE_AFTER_BYTES,
    readonly heapMb = WORKER_HEAP_MB,
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => ({ worker: null, retire: false, pending: new Map() }));
  }

  private spawn(slot: Slot): Worker {
    const worker = new Worker(this.script, {
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    this.started++;
    worker.unref();
    worker.on('message', (m: ReplyMessage) => {
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      if (slot.pending.size === 0) {
        worker.unref();
        if (slot.retire) {
          // Its replacement starts with the next task; a figures cache it held is rebuilt then.
          slot.retire = false;
          slot.worker = null;
          void worker.terminate();
        }
      }
      if (m.kind === 'failed') p.reject(new WorkerFailed(m.error));
      else p.resolve(m.kind === 'done' ? { kind: 'done', work: m.work } : { kind: 'stored' });
    });
    const lost = (code: number | null, outOfMemory = false) => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      const failed = [...slot.pending.values()];
      slot.pending.clear();
      for (const p of failed) p.reject(new WorkerLost(code, outOfMemory, failed.length === 1));
    };
    worker.on('error', (e: unknown) => {
      lost(null, (e as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY');
      void worker.terminate();
    });
    worker.on('exit', (code) => lost(code));
    slot.worker = worker;
    return worker;
  }

  /**
   * Posts `task` to a worker; `affinity` (a workbook id) picks the same worker every time. A worker
   * that has read a body over `retireAfterBytes` is retired once idle: ending the thread gives its
   * heap back to the system, which a collection inside it would not (the process's RSS stays low).
   */
  run(task: Task, transfer: ArrayBuffer[] = [], affinity?: number): Promise<Reply> {
    if (this.closed) return Promise.reject(new WorkerLost(null));
    const slot =
      affinity !== undefined
        ? this.slots[affinity % this.slots.length]!
        : this.slots.reduce((best, s) => (s.pending.size < best.pending.size ? s : best));
    const worker = slot.worker ?? this.spawn(slot);
    const id = ++this.next;
    const large =
      (task.kind === 'sync' || task.kind === 'validate') && task.body.bytes.byteLength > this.retireAfterBytes;
    if (large) slot.retire = true;
    return new Promise<Reply>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      // A worker with work in hand keeps the process alive until it answers.
      worker.ref();
      const message: TaskMessage = { id, task };
      worker.postMessage(message, transfer);
    });
  }

  /** Threads started and alive now. */
  get alive(): number {
    return this.slots.filter((s) => s.worker !== null).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (s) => {
        const w = s.worker;
        s.worker = null;
        if (w) await w.terminate();
      }),
    );
  }
}

let shared: WorkPool | null | undefined;

/** The process's pool (created on first call), or null when no built worker script is found. */
export function sharedPool(): WorkPool | null {
  if (shared === undefined) {
    const script = workerScript();
    shared = script ? new WorkPool(script) : null;
  }
  return shared;
}
