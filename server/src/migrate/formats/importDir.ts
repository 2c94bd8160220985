// `migrate import`: a foreign folder rewritten as Atlas-format files, as Atlas's cmdapi does it. Every file is read
// with Atlas's generic scanner (not the PostgreSQL one; goose and dbmate up parts only), each statement keeps the
// comments attached to it, and the file becomes `<version>_<desc>.sql` holding `<statement>;\n` lines. Flyway's
// repeatable files get the version of the file before them plus `R`.
import { SplitError, splitStatements } from '../splitter';
import { newVersion } from '../version';
import { genericScannerOptions, formatStmts } from './index';
import { flywayDesc, flywayVersion, repeatableNames } from './flyway';

export interface ImportSource {
  format: string;
  files: Array<{ name: string; version: string; desc: string; bytes: Uint8Array; text: string }>;
}

export interface ImportedFile {
  name: string;
  content: string;
}

/** A source file whose SQL cannot be read; the message names the file. */
export class ImportError extends Error {}

/** The Atlas-format files for a foreign folder's files (throws SplitError/PragmaError on unreadable SQL). */
export function importFiles(src: ImportSource, now: () => string = newVersion): ImportedFile[] {
  const renamed = src.format === 'flyway' ? repeatableNames(src.files.map((f) => f.name)) : undefined;
  return src.files.map((f, i) => {
    const version = renamed ? flywayVersion(renamed[i]) : f.version;
    const desc = renamed ? flywayDesc(renamed[i]) : f.desc;
    let stmts;
    try {
      stmts = formatStmts(src.format, f.name, f.bytes, () => f.text) ?? splitStatements(f.bytes, genericScannerOptions);
    } catch (e) {
      if (e instanceof SplitError) throw new ImportError(e.message.includes(f.name) ? e.message : `${f.name}: ${e.message}`);
      throw e;
    }
    let content = '';
    for (const s of stmts) {
      for (const c of s.comments) content += c.endsWith('\n') ? c : `${c}\n`;
      content += `${s.text.endsWith(';') ? s.text.slice(0, -1) : s.text};\n`;
    }
    return { name: `${version || now()}${desc ? `_${desc}` : ''}.sql`, content };
  });
}
