// `Validate(dir)` (sql/migrate/dir.go) and the CLI's printChecksumError text (cmdapi/migrate.go).
import type { MigrationDir } from './dir';
import { ChecksumError, compareSums, ErrChecksumNotFound, SumError } from './sum';

export type DirProblem = ChecksumError | SumError;

/** Atlas's Validate: undefined when atlas.sum matches the folder, else the error Atlas would return. */
export function checkDir(dir: MigrationDir): DirProblem | undefined {
  let stored;
  try {
    stored = dir.readSum();
  } catch (e) {
    if (e instanceof SumError) return e;
    throw e;
  }
  if (!stored) return dir.names().length > 0 ? new SumError(ErrChecksumNotFound) : undefined;
  return compareSums(stored, dir.checksum());
}

/** Throws ChecksumError / SumError when the folder does not match its atlas.sum. */
export function validateDir(dir: MigrationDir): void {
  const p = checkDir(dir);
  if (p) throw p;
}

/** What `atlas` prints to stdout before `Error: <msg>` when validation fails (printChecksumError, no colours). */
export function checksumErrorText(err: DirProblem): string {
  let out = 'You have a checksum error in your migration directory.\n';
  if (err instanceof ChecksumError) out += `\n\t${err.detail}\n\n`;
  out += `Please check your migration files and run 'atlas migrate hash' to re-hash the contents\n\n`;
  return out;
}
