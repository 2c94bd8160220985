// What differs per migration folder format (`?format=` / `migration { format }`), as Atlas's sqltool dirs do it:
// which files count and in which order, their versions and descriptions, and how their statements are read.
// Everything else (atlas.sum over the files that count, revisions, apply) is shared with Atlas-format folders.
import { splitStatements, type ScannerOptions, type Stmt } from '../splitter';
import { dbmateUpText, gooseUpText } from './annotated';
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

/** `dirFormatBC`: adds `format=<f>` to a dir URL that has no `format` parameter (the --dir-format flag, the env's
 * `migration { format }`). */
export function withDirFormat(url: string, format: string | undefined): string {
  if (!format || /[?&]format=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}format=${encodeURIComponent(format)}`;
}
