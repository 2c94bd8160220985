// Fixture helpers for the PostgreSQL HCL schema tests: read test/fixtures/schemaHcl/<area>/<file>, take out the `|`
// cursor, parse with the real tree-sitter grammar and build the schema model of the file (and its siblings).
import fs from 'node:fs';
import path from 'node:path';
import type { Position } from 'vscode-languageserver';
import { parseHcl } from '../../../server/src/config/parser';
import { buildModel, type SchemaFile, type SchemaModel } from '../../../server/src/lsp/schemaHclModel';
import type { SchemaDoc } from '../../../server/src/lsp/schemaHclNav';

export const fixtures = path.resolve(__dirname, '../../fixtures/schemaHcl');

export const uriOf = (file: string) => `file://${file}`;

/** Loads `area/name` (cursor `|` removed) and, with `siblings`, every other *.pg.hcl of the folder. */
export async function load(area: string, name: string, siblings = false): Promise<{ model: SchemaModel; doc: SchemaDoc; pos: Position; text: string }> {
  const file = path.join(fixtures, area, name);
  const raw = fs.readFileSync(file, 'utf8');
  const at = raw.indexOf('|');
  const text = at >= 0 ? raw.slice(0, at) + raw.slice(at + 1) : raw;
  const before = raw.slice(0, Math.max(0, at)).split('\n');
  const pos = at >= 0 ? { line: before.length - 1, character: before[before.length - 1].length } : { line: 0, character: 0 };
  const parsed = await parseHcl(text);
  const files: SchemaFile[] = [{ uri: uriOf(file), file: parsed.file }];
  if (siblings)
    for (const f of fs.readdirSync(path.dirname(file)).sort())
      if (f !== name && f.endsWith('.pg.hcl'))
        files.push({
          uri: uriOf(path.join(path.dirname(file), f)),
          file: (await parseHcl(fs.readFileSync(path.join(path.dirname(file), f), 'utf8').replace('|', ''))).file,
        });
  return { model: buildModel(files), doc: { uri: uriOf(file), parsed }, pos, text };
}

/** `line:col message` of diagnostics (1-based), for readable assertions. */
export const brief = (ds: Array<{ range: { start: { line: number; character: number } }; message: string }>) =>
  ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
