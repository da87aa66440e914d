// Versioned migrations, in order. Each is SQL in a TS module so the esbuild bundle carries it.
import initial from './001_initial';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'initial', sql: initial }];
