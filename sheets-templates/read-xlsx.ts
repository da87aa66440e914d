// Placeholder: the XLSX reader is being built.
import type { RawRegistry } from '../core/registry/records';

export async function readRegistryXlsx(_bytes: Buffer): Promise<{ ok: true; raw: RawRegistry } | { ok: false; message: string }> {
  return { ok: false, message: 'XLSX の読み込みはまだ実装されていません。' };
}
