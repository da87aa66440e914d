// `kasane serve --demo`: the synthetic かさね町 registry (no PII) in a workbook named `demo`, synced
// on the first start, and a fresh demo token at every start (only hashes are stored, so the previous
// one cannot be shown again; it is revoked instead).
import { generateSampleRegistry } from '../core/sample';
import { toInterchange, withoutPii } from '../core/registry/interchange';
import type { Store } from './store';
import { readSnapshot } from './snapshot';
import { prepareSync, storeSync } from './sync';

export const DEMO_WORKBOOK = 'demo';
const DEMO_LABEL = 'demo';

export interface Demo {
  workbook: string;
  token: string;
  revision: number;
  /** True when this start synced the sample (the first start on this data). */
  synced: boolean;
}

export async function prepareDemo(store: Store, cases = 200): Promise<Demo> {
  await store.revokeLabelled(DEMO_WORKBOOK, DEMO_LABEL);
  const { token } = await store.createToken(DEMO_WORKBOOK, DEMO_LABEL, 'demo');
  const principal = (await store.authenticate(token))!;
  const current = await store.currentRevision(principal.workbookId);
  if (current > 0) return { workbook: DEMO_WORKBOOK, token, revision: current, synced: false };
  const read = readSnapshot(toInterchange(withoutPii(generateSampleRegistry({ cases, seed: 1 }))));
  if (!read.ok) throw new Error(`demo snapshot refused: ${read.code}`);
  const prepared = prepareSync(read.snapshot, null);
  const r = await storeSync(store, principal, prepared, prepared.outcome.issues.length, 'demo');
  return { workbook: DEMO_WORKBOOK, token, revision: r.revision, synced: r.kind === 'created' };
}
