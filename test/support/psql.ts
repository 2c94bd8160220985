// The independent referee for corpus tests: PostgreSQL's own client loads a folder's files, so "the
// server cannot load this" (a missing extension, newer syntax) is decided without our splitter or
// executor. Anything psql loads and we do not is our failure.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const PGBIN = process.env.PGBIN || '/usr/lib/postgresql/15/bin';

/** psql of the test server's major version (required: a missing psql fails the test, never skips it). */
export function psqlPath(): string {
  const p = path.join(PGBIN, 'psql');
  if (!fs.existsSync(p)) throw new Error(`psql not found at ${p} (set PGBIN to the PostgreSQL 15 bin folder)`);
  return p;
}

/** Runs the files in order with psql, stopping at the first error; returns that error, or undefined when all loaded. */
export function psqlLoad(url: string, files: string[]): Promise<string | undefined> {
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, ...files.flatMap((f) => ['-f', f])];
  return new Promise((resolve) => {
    execFile(psqlPath(), args, { maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      resolve(err ? (stderr.split('\n').find((l) => /ERROR|FATAL|error/.test(l)) ?? (stderr.trim() || err.message)) : undefined);
    });
  });
}
