// What differs per migration folder format (`?format=` / `migration { format }`), as Atlas's sqltool dirs do it:
// which files count and in which order, their versions and descriptions, and how their statements are read.
// Everything else (atlas.sum over the files that count, revisions, apply) is shared with Atlas-format folders.
import { splitStatements, type ScannerOptions, type Stmt } from '../splitter';
import { dbmateUp, dbmateUpText, gooseUp, gooseUpText, upPartSourceOffset } from './annotated';
import { flywayDesc, flywayFiles, flywayVersion } from './flyway';

/** `migrate.Stmts`: the scanner options Atlas uses for files it does not hand to the PostgreSQL driver. */
export const genericScannerOptions: ScannerOptions = { matchBeginAtomic: true, matchDollarQuote: true };

type Listing = Array<{ name: string; nameBytes?: Uint8Array }>;

/** The files that count, in order: `sorted` is the folder's top-level `*.sql` listing (Atlas's LocalDir). */
export function formatListing(format: string, root: string, sorted: Listing): Listing {
  switch (format) {
    case 'golang-migrate':
      return sorted.filter((n) => n.name.endsWith('.up.sql'));
    case 'flyway':
      return flywayFiles(root).map((name) => ({ name }));
    default:
      return sorted;
  }
}

/** The version of a file, or undefined when the format uses Atlas's rule (before the first `_`). */
export function formatVersion(format: string, name: string): string | undefined {
  return format === 'flyway' ? flywayVersion(name) : undefined;
}

/** The description of a file, or undefined when the format uses Atlas's rule. */
export function formatDesc(format: string, name: string, atlasDesc: string): string | undefined {
  if (format === 'flyway') return flywayDesc(name);
  if (format === 'golang-migrate') return atlasDesc.endsWith('.up') ? atlasDesc.slice(0, -3) : atlasDesc;
  return undefined;
}

/**
 * The statements of a file, or undefined when the PostgreSQL driver's scanner reads it (Atlas and Liquibase
 * folders hold plain files). The others are read by Atlas's generic scanner; goose and dbmate only their up part.
 */
export function formatStmts(format: string, name: string, bytes: Uint8Array, text: () => string): Stmt[] | undefined {
  switch (format) {
    case 'golang-migrate':
    case 'flyway':
      return splitStatements(bytes, genericScannerOptions);
    case 'goose':
      return splitStatements(gooseUpText(name, text()), genericScannerOptions);
    case 'dbmate':
      return splitStatements(dbmateUpText(text()), genericScannerOptions);
    default:
      return undefined;
  }
}

/**
 * For the formats whose statements are read from a rewritten up part (goose, dbmate): maps a byte offset in what
 * the scanner read to the byte offset in the file itself, so editor positions land on the file's own lines.
 * Undefined when the scanner reads the file as it is.
 */
export function formatSourceOffset(format: string, name: string, text: string): ((byte: number) => number) | undefined {
  if (format === 'goose') return upPartSourceOffset(gooseUp(name, text), text);
  if (format === 'dbmate') return upPartSourceOffset(dbmateUp(text), text);
  return undefined;
}

/** Whether a top-level file of that name is a migration of the format (a golang-migrate down file or a Flyway undo
 * file is not). */
export function formatCountsFile(format: string, name: string): boolean {
  if (!name.endsWith('.sql')) return false;
  if (format === 'golang-migrate') return name.endsWith('.up.sql');
  if (format === 'flyway') return name.length >= 4 && 'VBR'.includes(name[0]);
  return true;
}

/** `dirFormatBC`: adds `format=<f>` to a dir URL that has no `format` parameter (the --dir-format flag, the env's
 * `migration { format }`). */
export function withDirFormat(url: string, format: string | undefined): string {
  if (!format || /[?&]format=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}format=${encodeURIComponent(format)}`;
}
