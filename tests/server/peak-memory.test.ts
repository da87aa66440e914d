// What keeps the PGlite server's peak memory down during a large sync (docs/PERFORMANCE.md, "Sync
// peak memory"): the embedded engine's small buffer pool, and the work of a large body collected
// between its steps (the body's bytes, its text, the validation's registry: one alive at a time),
// with the same answer as without.
import { generateSampleRegistry } from '../../core/sample';
import { toInterchange, withoutPii } from '../../core/registry/interchange';
import { COLLECT_FROM_BYTES, collectGarbageWith, packedSyncWork, syncWork } from '../../server/app/work';
import { unpackSnapshot } from '../../server/snapshot';
import type { Store } from '../../server/store';
import type { Db } from '../../server/store/db';
import { PGLITE_START_PARAMS } from '../../server/store/pglite';
import { openPgliteThread } from './helpers/pglite-thread';
import { storeFactories } from './helpers/stores';

jest.setTimeout(120_000);

const registry = JSON.stringify(toInterchange(withoutPii(generateSampleRegistry({ cases: 300, seed: 5 }))));
const encode = (text: string) => new TextEncoder().encode(text);

describe('PGlite start parameters', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPgliteThread();
  });
  afterAll(() => db.close());

  test('a 16 MB buffer pool (not 128 MB, all resident from the start) and the 4 MB WAL buffers it had', async () => {
    expect(PGLITE_START_PARAMS).toEqual(expect.arrayContaining(['shared_buffers=16MB', 'wal_buffers=4MB']));
    const show = async (name: string) => Object.values((await db.query(`SHOW ${name}`))[0]!)[0];
    expect(await show('shared_buffers')).toBe('16MB');
    expect(await show('wal_buffers')).toBe('4MB');
    // PGlite's own defaults are kept (single user, no parallel workers).
    expect(await show('max_worker_processes')).toBe('0');
  });
});

describe('a large body is collected between its steps', () => {
  let collections = 0;
  beforeAll(() => collectGarbageWith(() => collections++));
  afterAll(() => collectGarbageWith(() => undefined));
  beforeEach(() => (collections = 0));

  test('a small body: no collection', () => {
    const out = packedSyncWork({ bytes: encode(registry), charset: null });
    expect(out.ok).toBe(true);
    expect(collections).toBe(0);
  });

  test('a large body: after the decode, the parse and the validation; the answer is the same as inline', () => {
    // Trailing whitespace makes the body large without changing what it says.
    const text = `${registry}${' '.repeat(COLLECT_FROM_BYTES)}`;
    const out = packedSyncWork({ bytes: encode(text), charset: 'utf-8' });
    expect(collections).toBe(3);
    const inline = syncWork({ bytes: encode(registry), charset: null });
    if (!out.ok || !inline.ok) throw new Error('both bodies are valid');
    expect(out.value.packed.contentHash).toBe(inline.value.serialized.contentHash);
    expect(out.value.counts).toEqual(inline.value.counts);
    expect(out.value.issueTotal).toBe(inline.value.issueTotal);
  });

  test('leading whitespace before the object is read as JSON; anything else first is malformed', () => {
    const spaced = packedSyncWork({ bytes: encode(` \t\r\n${registry}`), charset: null });
    expect(spaced.ok).toBe(true);
    const other = packedSyncWork({ bytes: encode(` x${registry}`), charset: null });
    expect(other.ok ? null : other.fault.code).toBe('json.malformed');
    const scalar = packedSyncWork({ bytes: encode('  42'), charset: null });
    expect(scalar.ok ? null : scalar.fault.code).toBe('json.malformed');
  });
});

describe.each(storeFactories())('a worker-packed sync stored as its UTF-8 bytes ($name)', (factory) => {
  let store: Store;
  beforeAll(async () => {
    store = await factory.open();
  });
  afterAll(async () => {
    await store.close();
    await factory.teardown();
  });

  test('every chunk is stored as the same text as an inline sync, and reads back the same', async () => {
    const packed = packedSyncWork({ bytes: encode(registry), charset: null });
    const inline = syncWork({ bytes: encode(registry), charset: null });
    if (!packed.ok || !inline.ok) throw new Error('the body is valid');
    const serialized = unpackSnapshot(packed.value.packed);
    const texts = Object.values(inline.value.serialized.chunks).flatMap((list) => list.map((c) => c.text));
    expect(
      new Set(Object.values(serialized.chunks).flatMap((l) => l.map((c) => c.bytes instanceof Uint8Array))),
    ).toEqual(new Set([true]));
    const token = await store.createToken('bytes');
    const principal = (await store.authenticate(token.token))!;
    const outcome = await store.sync(principal, {
      snapshot: serialized,
      counts: packed.value.counts,
      issueCount: packed.value.issueTotal,
      baseRevision: null,
      requestId: 'test',
    });
    expect(outcome).toEqual({ kind: 'created', revision: 1 });
    // PGlite's thread was handed the bytes (moved, not copied); a PostgreSQL server got their text.
    const handed = Object.values(serialized.chunks).flatMap((l) => l.map((c) => c.bytes?.byteLength === 0));
    expect(new Set(handed)).toEqual(new Set([factory.name === 'pglite']));
    const stored = await store.db.query<{ text: string }>(
      'SELECT c.rows::text AS text FROM revision_chunks r JOIN chunks c ON c.workbook_id = r.workbook_id AND c.hash = r.hash WHERE r.workbook_id = $1 ORDER BY r.sheet, r.chunk',
      [principal.workbookId],
    );
    expect(stored.map((r) => r.text).sort()).toEqual([...texts].sort());
    const back = await store.snapshot(principal.workbookId, 1);
    expect(back?.sheets.cases.length).toBe(packed.value.counts.cases);
    // The same content as an inline sync of the same body: a retry is found unchanged.
    const again = await store.sync(principal, {
      snapshot: inline.value.serialized,
      counts: inline.value.counts,
      issueCount: inline.value.issueTotal,
      baseRevision: null,
      requestId: 'test',
    });
    expect(again).toEqual({ kind: 'unchanged', revision: 1 });
  });
});
