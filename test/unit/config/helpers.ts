// Fixture helpers for the atlas.hcl tests: read test/fixtures/config/<area>/<case>.hcl, take out the `|` cursor.
import fs from 'node:fs';
import path from 'node:path';
import type { Position } from 'vscode-languageserver';
import { makeDocument, type HclDocument } from '../../../server/src/config/document';
import { parseHcl } from '../../../server/src/config/parser';

export const fixtures = path.resolve(__dirname, '../../fixtures/config');

export function fixturePath(area: string, name: string): string {
  return path.join(fixtures, area, name);
}

/** Loads a fixture; the first `|` (if any) is the cursor and is removed from the text. */
export async function loadFixture(area: string, name: string): Promise<{ doc: HclDocument; pos: Position; text: string }> {
  const file = fixturePath(area, name);
  const raw = fs.readFileSync(file, 'utf8');
  return docFromMarked(raw, file);
}

export async function docFromMarked(raw: string, file: string): Promise<{ doc: HclDocument; pos: Position; text: string }> {
  const at = raw.indexOf('|');
  const text = at >= 0 ? raw.slice(0, at) + raw.slice(at + 1) : raw;
  const before = raw.slice(0, Math.max(0, at)).split('\n');
  const pos = at >= 0 ? { line: before.length - 1, character: before[before.length - 1].length } : { line: 0, character: 0 };
  const doc = makeDocument(await parseHcl(text), `file://${file}`, file);
  return { doc, pos, text };
}
