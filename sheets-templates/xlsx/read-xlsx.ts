// Reads an XLSX into a RawRegistry in Node (the CLI, the server, tests): the shared reader
// (xlsx-registry.ts) with zlib and Buffer's decoding (xlsx-node.ts). The offline page reads with the
// same code through read-xlsx-web.ts.
import { NODE_IO } from './xlsx-node';
import { readXlsxRegistry, type XlsxRead } from './xlsx-registry';

export { plainValue, type XlsxRead } from './xlsx-registry';

export function readRegistryXlsx(bytes: Buffer): Promise<XlsxRead> {
  return readXlsxRegistry(bytes, NODE_IO);
}
