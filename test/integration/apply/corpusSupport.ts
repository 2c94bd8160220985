// Corpus helpers shared by the apply corpus tests: the PostgreSQL migration folders of the corpus,
// applying a folder file by file with psql (the reference), and a comparable schema dump.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { corpusIndex, corpusPath } from '../../support/corpus';
import { openDirPath } from '../../../server/src/migrate/dir';

export const PGBIN = process.env.PGBIN || '/usr/lib/postgresql/15/bin';

/** Absolute paths of the corpus's PostgreSQL migration folders. */
export function postgresCorpusFolders(): string[] {
  return corpusIndex()
    .filter((r) => r.kind === 'migrations' && r.dialect === 'postgres')
    .map((r) => corpusPath(r.local_path));
}

/** Applies every .sql file with `psql -1 -f` in order; the first failure as `file: error`, else undefined. */
export function psqlApply(url: string, dir: string): string | undefined {
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    // A file with `-- atlas:txmode none` (CREATE INDEX CONCURRENTLY) runs without a transaction, as Atlas runs it.
    const single = openDirPath(dir).file(f)?.txmode() === 'none' ? [] : ['-1'];
    const r = spawnSync(path.join(PGBIN, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...single, '-f', path.join(dir, f), url], { encoding: 'utf8' });
    if (r.status !== 0) return `${f}: ${r.stderr.trim().split('\n')[0]}`;
  }
  return undefined;
}

/** pg_dump --schema-only without comments and the revisions schema. */
export function schemaDump(url: string): string {
  const r = spawnSync(path.join(PGBIN, 'pg_dump'), ['--schema-only', '--no-owner', '-N', 'atlas_schema_revisions', url], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pg_dump: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('--') && !l.startsWith('\\restrict') && !l.startsWith('\\unrestrict'))
    .join('\n');
}
