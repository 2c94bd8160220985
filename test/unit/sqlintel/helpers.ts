// Fixture helpers for the schema-aware SQL features: a migration folder under test/fixtures/sqlintel/<folder>/,
// and a case file (test/fixtures/sqlintel/cases/<name>.sql, `|` = cursor) typed as a new, unsaved last migration.
import fs from 'node:fs';
import path from 'node:path';
import type { Position } from 'vscode-languageserver';
import { LintModel } from '../../../server/src/lsp/lintModel';
import { SqlIntel, type SqlDoc, type SqlLocation } from '../../../server/src/lsp/sqlIntelModel';
import { initSqlParser } from '../../../server/src/sql/parser';

export const ready = (): Promise<void> => initSqlParser();
export const fixtures = path.resolve(__dirname, '../../fixtures/sqlintel');

export interface Case {
  intel: SqlIntel;
  doc: SqlDoc;
  pos: Position;
  text: string;
  path: string;
}

/** Splits a marked text into the text without the first `|` and the cursor position. */
export function unmark(raw: string): { text: string; pos: Position } {
  const at = raw.indexOf('|');
  const text = at >= 0 ? raw.slice(0, at) + raw.slice(at + 1) : raw;
  const before = raw.slice(0, Math.max(0, at)).split('\n');
  return { text, pos: at >= 0 ? { line: before.length - 1, character: before[before.length - 1].length } : { line: 0, character: 0 } };
}

/** Opens case `name` as `asName` (an unsaved file after the folder's migrations) in fixture folder `folder`. */
export function openCase(name: string, folder = 'app', asName = '9_typing.sql'): Case {
  const { text, pos } = unmark(fs.readFileSync(path.join(fixtures, 'cases', `${name}.sql`), 'utf8'));
  const dir = path.join(fixtures, folder);
  const abs = path.join(dir, asName);
  return open(dir, abs, text, pos, { folder: dir, only: false, desired: false, related: [] });
}

/** Opens a fixture file of a folder as it is on disk (its `|` taken out), with a location of choice. */
export function openFile(folder: string, name: string, loc?: Partial<SqlLocation>): Case {
  const dir = path.join(fixtures, folder);
  const abs = path.join(dir, name);
  const { text, pos } = unmark(fs.readFileSync(abs, 'utf8'));
  return open(dir, abs, text, pos, { folder: dir, only: false, desired: false, related: [], ...loc });
}

/** The same file of a case with another text (and cursor). */
export function openText(c: Case, text: string, pos: Position): Case {
  return open(c.doc.loc.folder, c.path, text, pos, c.doc.loc);
}

function open(dir: string, abs: string, text: string, pos: Position, loc: SqlLocation): Case {
  const docs = new Map([[abs, text]]);
  const intel = new SqlIntel(new LintModel((p) => docs.get(p)), (p) => (path.dirname(p) === dir ? loc : undefined));
  const doc = intel.doc(abs);
  if (!doc) throw new Error(`no document for ${abs}`);
  return { intel, doc, pos, text, path: abs };
}
