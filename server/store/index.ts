// The store: workbooks (tenants), tokens, revisions and the audit trail, over either engine.
// Every query that touches data is scoped by the workbook id the caller's token belongs to.
import { SHEET_KEYS, type SheetKey } from '../../core/registry/definition';
import type { RawRow } from '../../core/registry/records';
import { hashesMatch, newToken, tokenId } from '../tokens';
import type { RowCounts, SerializedSnapshot, Snapshot } from '../snapshot';
import type { Db, Queryable } from './db';
import { migrate } from './migrate';

export type { Db } from './db';
export { StoreUnavailableError } from './db';
export { UnstorableValueError } from './values';

export interface Principal {
  tokenId: string;
  workbookId: number;
  workbook: string;
}

export interface TokenInfo {
  id: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface RevisionInfo {
  revision: number;
  createdAt: string;
  counts: RowCounts;
  issueCount: number;
  contentHash: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  tokenId: string | null;
  revision: number | null;
  rowCounts: RowCounts | null;
  requestId: string | null;
}

export type AuditAction =
  'sync' | 'sync.unchanged' | 'sync.conflict' | 'export' | 'indicators' | 'issues' | 'token.create' | 'token.revoke';

export interface SyncInput {
  snapshot: SerializedSnapshot;
  counts: RowCounts;
  issueCount: number;
  baseRevision: number | null;
  requestId: string;
}

export type SyncOutcome =
  | { kind: 'created'; revision: number }
  | { kind: 'unchanged'; revision: number }
  | { kind: 'conflict'; revision: number };

/** jsonb keeps keys in its own order; answers list sheets in the contract's order. */
const inSheetOrder = (counts: RowCounts): RowCounts =>
  Object.fromEntries(SHEET_KEYS.map((k) => [k, counts[k] ?? 0])) as RowCounts;
const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

/** A workbook name as typed by an operator: 1–100 characters, no control characters. */
export function isWorkbookName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return name.trim() === name && name.length >= 1 && name.length <= 100 && !/[\u0000-\u001f\u007f]/.test(name);
}

export class Store {
  constructor(readonly db: Db) {}

  get kind(): Db['kind'] {
    return this.db.kind;
  }

  migrate(): Promise<number[]> {
    return migrate(this.db);
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.db.close();
  }

  private async workbookId(q: Queryable, name: string, create: boolean): Promise<number | null> {
    if (create) {
      await q.query('INSERT INTO workbooks (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
    }
    const rows = await q.query<{ id: number }>('SELECT id FROM workbooks WHERE name = $1', [name]);
    return rows[0]?.id ?? null;
  }

  async workbookExists(name: string): Promise<boolean> {
    return (await this.workbookId(this.db, name, false)) !== null;
  }

  private audit(
    q: Queryable,
    e: {
      workbookId: number | null;
      actor: string;
      action: AuditAction;
      tokenId?: string | null;
      revision?: number | null;
      rowCounts?: RowCounts | null;
      requestId?: string | null;
    },
  ) {
    return q.query(
      'INSERT INTO audit (workbook_id, actor, action, token_id, revision, row_counts, request_id) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)',
      [
        e.workbookId,
        e.actor,
        e.action,
        e.tokenId ?? null,
        e.revision ?? null,
        e.rowCounts ? JSON.stringify(e.rowCounts) : null,
        e.requestId ?? null,
      ],
    );
  }

  /** Appends an audit row for a request made with a token (exports, indicator reads, issue pages). */
  async record(p: Principal, action: AuditAction, requestId: string, revision: number | null): Promise<void> {
    await this.audit(this.db, {
      workbookId: p.workbookId,
      actor: 'api',
      action,
      tokenId: p.tokenId,
      revision,
      requestId,
    });
  }

  /** Creates the workbook when needed; the token text is returned once and never stored. */
  async createToken(workbook: string, label = '', actor = 'cli'): Promise<{ id: string; token: string }> {
    const t = newToken();
    await this.db.transaction(async (tx) => {
      const id = (await this.workbookId(tx, workbook, true))!;
      await tx.query('INSERT INTO tokens (id, workbook_id, hash, label) VALUES ($1, $2, $3, $4)', [
        t.id,
        id,
        t.hash,
        label,
      ]);
      await this.audit(tx, { workbookId: id, actor, action: 'token.create', tokenId: t.id });
    });
    return { id: t.id, token: t.token };
  }

  async listTokens(workbook: string): Promise<TokenInfo[] | null> {
    const id = await this.workbookId(this.db, workbook, false);
    if (id === null) return null;
    const rows = await this.db.query<{ id: string; label: string; created_at: unknown; revoked_at: unknown }>(
      'SELECT id, label, created_at, revoked_at FROM tokens WHERE workbook_id = $1 ORDER BY created_at, id',
      [id],
    );
    return rows.map((r) => ({
      id: r.id,
      label: r.label,
      createdAt: iso(r.created_at),
      revokedAt: isoOrNull(r.revoked_at),
    }));
  }

  /** Revokes one token of the workbook (false when it has no such live token). */
  async revokeToken(workbook: string, id: string, actor = 'cli'): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const wb = await this.workbookId(tx, workbook, false);
      if (wb === null) return false;
      const done = await tx.query(
        'UPDATE tokens SET revoked_at = now() WHERE id = $1 AND workbook_id = $2 AND revoked_at IS NULL RETURNING id',
        [id, wb],
      );
      if (!done.length) return false;
      await this.audit(tx, { workbookId: wb, actor, action: 'token.revoke', tokenId: id });
      return true;
    });
  }

  /** Revokes every live token of the workbook that carries `label` (the demo token of a previous start). */
  async revokeLabelled(workbook: string, label: string, actor = 'demo'): Promise<number> {
    const tokens = (await this.listTokens(workbook)) ?? [];
    let n = 0;
    for (const t of tokens)
      if (t.label === label && t.revokedAt === null && (await this.revokeToken(workbook, t.id, actor))) n++;
    return n;
  }

  /** The principal a bearer token stands for; null for unknown, malformed or revoked tokens. */
  async authenticate(token: string): Promise<Principal | null> {
    const id = tokenId(token);
    if (id === null) return null;
    const rows = await this.db.query<{ hash: string; workbook_id: number; name: string; revoked_at: unknown }>(
      'SELECT t.hash, t.workbook_id, w.name, t.revoked_at FROM tokens t JOIN workbooks w ON w.id = t.workbook_id WHERE t.id = $1',
      [id],
    );
    const r = rows[0];
    if (!r || !hashesMatch(token, r.hash) || r.revoked_at !== null) return null;
    return { tokenId: id, workbookId: r.workbook_id, workbook: r.name };
  }

  /**
   * Stores the snapshot as the workbook's next revision in one transaction. The workbook row is
   * locked first, so concurrent syncs to one workbook queue up and each gets its own revision.
   */
  async sync(p: Principal, input: SyncInput): Promise<SyncOutcome> {
    return this.db.transaction(async (tx) => {
      const wb = await tx.query<{ current_revision: number }>(
        'SELECT current_revision FROM workbooks WHERE id = $1 FOR UPDATE',
        [p.workbookId],
      );
      const current = wb[0]?.current_revision ?? 0;
      const base = {
        workbookId: p.workbookId,
        actor: 'api',
        tokenId: p.tokenId,
        requestId: input.requestId,
        rowCounts: input.counts,
      };
      if (current > 0) {
        const last = await tx.query<{ content_hash: string }>(
          'SELECT content_hash FROM revisions WHERE workbook_id = $1 AND revision = $2',
          [p.workbookId, current],
        );
        // A retried sync (same content) answers the revision it made, whatever its baseRevision.
        if (last[0]?.content_hash === input.snapshot.contentHash) {
          await this.audit(tx, { ...base, action: 'sync.unchanged', revision: current });
          return { kind: 'unchanged', revision: current };
        }
      }
      if (input.baseRevision !== null && input.baseRevision !== current) {
        await this.audit(tx, { ...base, action: 'sync.conflict', revision: current });
        return { kind: 'conflict', revision: current };
      }
      const revision = current + 1;
      await tx.query(
        'INSERT INTO revisions (workbook_id, revision, content_hash, settings, counts, issue_count, token_id) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7)',
        [
          p.workbookId,
          revision,
          input.snapshot.contentHash,
          input.snapshot.settings,
          JSON.stringify(input.counts),
          input.issueCount,
          p.tokenId,
        ],
      );
      const sheets: string[] = [];
      const positions: number[] = [];
      const hashes: string[] = [];
      // The chunks, not their text: a packed snapshot's chunks go to the engine as the worker's UTF-8
      // bytes (never decoded here), another's text is made one chunk at a time, when inserted.
      const texts = new Map<string, { readonly text: string; readonly bytes?: Uint8Array }>();
      for (const sheet of SHEET_KEYS) {
        input.snapshot.chunks[sheet].forEach((c, n) => {
          sheets.push(sheet);
          positions.push(n);
          hashes.push(c.hash);
          texts.set(c.hash, c);
        });
      }
      const stored = await tx.query<{ hash: string }>(
        'SELECT hash FROM chunks WHERE workbook_id = $1 AND hash = ANY($2::text[])',
        [p.workbookId, [...texts.keys()]],
      );
      for (const { hash } of stored) texts.delete(hash);
      for (const [hash, chunk] of texts) {
        await tx.query('INSERT INTO chunks (workbook_id, hash, rows) VALUES ($1, $2, $3::json)', [
          p.workbookId,
          hash,
          chunk.bytes ?? chunk.text,
        ]);
      }
      if (hashes.length) {
        await tx.query(
          `INSERT INTO revision_chunks (workbook_id, revision, sheet, chunk, hash)
           SELECT $1, $2, t.sheet, t.chunk, t.hash FROM unnest($3::text[], $4::int[], $5::text[]) AS t(sheet, chunk, hash)`,
          [p.workbookId, revision, sheets, positions, hashes],
        );
      }
      await tx.query('UPDATE workbooks SET current_revision = $1 WHERE id = $2', [revision, p.workbookId]);
      await this.audit(tx, { ...base, action: 'sync', revision });
      return { kind: 'created', revision };
    });
  }

  async currentRevision(workbookId: number): Promise<number> {
    const rows = await this.db.query<{ current_revision: number }>(
      'SELECT current_revision FROM workbooks WHERE id = $1',
      [workbookId],
    );
    return rows[0]?.current_revision ?? 0;
  }

  /** A stored revision's snapshot; null when there is none. */
  async snapshot(workbookId: number, revision: number): Promise<Snapshot | null> {
    const head = await this.db.query<{ settings: Record<string, unknown> }>(
      'SELECT settings FROM revisions WHERE workbook_id = $1 AND revision = $2',
      [workbookId, revision],
    );
    if (!head[0]) return null;
    const sheets = Object.fromEntries(SHEET_KEYS.map((k) => [k, [] as RawRow[]])) as Record<SheetKey, RawRow[]>;
    // One chunk per query: the embedded engine's memory grows with its largest answer, not the snapshot.
    const index = await this.db.query<{ sheet: SheetKey; hash: string }>(
      'SELECT sheet, hash FROM revision_chunks WHERE workbook_id = $1 AND revision = $2 ORDER BY sheet, chunk',
      [workbookId, revision],
    );
    for (const { sheet, hash } of index) {
      const got = await this.db.query<{ rows: RawRow[] }>(
        'SELECT rows FROM chunks WHERE workbook_id = $1 AND hash = $2',
        [workbookId, hash],
      );
      const target = sheets[sheet];
      if (target) for (const r of got[0]?.rows ?? []) target.push(r);
    }
    return { settings: head[0].settings, sheets };
  }

  /** The workbook's revisions, newest first, at most `limit` of them. */
  async revisions(workbookId: number, limit = 100): Promise<RevisionInfo[]> {
    const rows = await this.db.query<{
      revision: number;
      created_at: unknown;
      counts: RowCounts;
      issue_count: number;
      content_hash: string;
    }>(
      'SELECT revision, created_at, counts, issue_count, content_hash FROM revisions WHERE workbook_id = $1 ORDER BY revision DESC LIMIT $2',
      [workbookId, limit],
    );
    return rows.map((r) => ({
      revision: r.revision,
      createdAt: iso(r.created_at),
      counts: inSheetOrder(r.counts),
      issueCount: r.issue_count,
      contentHash: r.content_hash,
    }));
  }

  /** The workbook's audit trail, oldest first; null for an unknown workbook. */
  async auditLog(workbook: string): Promise<AuditEntry[] | null> {
    const id = await this.workbookId(this.db, workbook, false);
    if (id === null) return null;
    const rows = await this.db.query<{
      id: number | string;
      at: unknown;
      actor: string;
      action: string;
      token_id: string | null;
      revision: number | null;
      row_counts: RowCounts | null;
      request_id: string | null;
    }>(
      'SELECT id, at, actor, action, token_id, revision, row_counts, request_id FROM audit WHERE workbook_id = $1 ORDER BY id',
      [id],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      at: iso(r.at),
      actor: r.actor,
      action: r.action,
      tokenId: r.token_id,
      revision: r.revision,
      rowCounts: r.row_counts ? inSheetOrder(r.row_counts) : null,
      requestId: r.request_id,
    }));
  }
}
