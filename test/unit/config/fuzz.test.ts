// Bad input never crashes or hangs the atlas.hcl pipeline (parse → model → checks → completion/hover/symbols/format):
// random bytes, binary, unbalanced braces, deep nesting, a 50,000-line file, random edits of real files applied
// incrementally. Bounded in count (a hang fails on the suite's timeout; speed is measured in bench/hcl-latency.ts,
// never asserted here); the incremental parse must equal a fresh parse after every edit.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { corpusEntries } from '../../support/corpus';
import { diagnose, makeDocument, type HclDocument } from '../../../server/src/config/document';
import { commentsOf, loadParser, parseWith, release, reparse, type ParsedDocument } from '../../../server/src/config/parser';
import { formatHcl } from '../../../server/src/config/format';
import { complete } from '../../../server/src/lsp/hclCompletion';
import { documentSymbols, hover, references } from '../../../server/src/lsp/hclNavigation';
import { diffAsChange } from '../../../server/src/lsp/hclStore';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABET = 'env "x" { url = "postgres://a" } var.x local.y data.sql.q ${ } [ ] ( ) = , . # // /* */ <<EOT\nEOT\n \n\t"\\é😀\u0000';

/** Each top-level segment's bounds and tree. */
const trees = (p: ParsedDocument) => p.segments.map((s) => `${s.start}-${s.end} ${s.tree.rootNode.toString()}`);

async function exercise(text: string, rand: () => number): Promise<HclDocument> {
  const parser = await loadParser();
  const doc = makeDocument(parseWith(parser, text), 'file:///tmp/fuzz/atlas.hcl', '/tmp/fuzz/atlas.hcl');
  diagnose(doc, { exists: () => false });
  documentSymbols(doc);
  formatHcl(text, doc.parsed.file, commentsOf(doc.parsed));
  const lines = text.split('\n');
  for (let i = 0; i < 3; i++) {
    const line = Math.floor(rand() * lines.length);
    const pos = { line, character: Math.floor(rand() * (lines[line].length + 1)) };
    complete(doc, pos, { listDir: () => [] });
    hover(doc, pos);
    references(doc, pos, true);
  }
  release(doc.parsed);
  return doc;
}

describe('atlas.hcl robustness (fuzz)', function () {
  this.timeout(120000);

  it('random byte strings (300 documents)', async () => {
    const rand = rng(1);
    for (let n = 0; n < 300; n++) {
      const len = Math.floor(rand() * 600);
      let s = '';
      for (let i = 0; i < len; i++) s += rand() < 0.7 ? ALPHABET[Math.floor(rand() * ALPHABET.length)] : String.fromCharCode(Math.floor(rand() * 0x3000));
      await exercise(s, rand);
    }
  });

  it('a binary file, unbalanced braces and deep nesting', async () => {
    const rand = rng(2);
    const binary = Buffer.from(Array.from({ length: 20000 }, () => Math.floor(rand() * 256))).toString('latin1');
    for (const text of [
      binary,
      '{'.repeat(5000),
      '}'.repeat(5000),
      'env "a" {\n'.repeat(2000),
      `locals {\n  x = ${'['.repeat(3000)}\n}`,
      `locals {\n  x = ${'('.repeat(2000)}1${')'.repeat(2000)}\n}`,
      '"${'.repeat(2000),
      '<<EOT\n'.repeat(500),
    ]) {
      const doc = await exercise(text, rand);
      assert.ok(doc.model.file.syntaxErrors.length > 0 || text.startsWith('locals'));
    }
  });

  it('a 50,000-line file', async () => {
    const block = (i: number) =>
      `env "e${i}" {\n  url = "postgres://localhost:5432/db${i}?sslmode=disable"\n  dev = "docker://postgres/16/dev"\n  migration {\n    dir = "file://migrations"\n  }\n}\n`;
    const parts: string[] = [];
    let lines = 0;
    for (let i = 0; lines < 50000; i++) {
      const broken = i % 997 === 500;
      parts.push(block(i) + (broken ? 'env "broken" {\n' : ''));
      lines += 7 + (broken ? 1 : 0);
    }
    const text = parts.join('');
    const doc = await exercise(text, rng(3));
    assert.ok(text.split('\n').length >= 50000);
    assert.ok(doc.model.envs.length > 500, `${doc.model.envs.length} envs`);
    assert.ok(doc.model.file.syntaxErrors.length > 0);
  });

  it('random edits of real files, re-parsed incrementally, equal a fresh parse', async () => {
    const parser = await loadParser();
    const rand = rng(4);
    const files = corpusEntries('hcl')
      .filter((f) => fs.statSync(f).isFile())
      .slice(0, 25);
    let edits = 0;
    for (const f of files) {
      let text = fs.readFileSync(f, 'utf8');
      let parsed = parseWith(parser, text);
      for (let k = 0; k < 8; k++) {
        const at = Math.floor(rand() * text.length);
        const del = Math.floor(rand() * 5);
        const ins = ['{', '}', '"', '=', '', 'x', '\n', '${', '#', 'var.'][Math.floor(rand() * 10)];
        const next = text.slice(0, at) + ins + text.slice(at + del);
        const change = diffAsChange(text, next);
        if (!change) continue;
        parsed = reparse(parser, parsed, [change], next);
        const fresh = parseWith(parser, next);
        assert.deepEqual(trees(parsed), trees(fresh), `${f} edit ${k}`);
        assert.deepEqual(parsed.file, fresh.file);
        // diagnostics reused for kept items (cache) equal those of a fresh check
        const cached = diagnose(makeDocument(parsed, 'file:///x/atlas.hcl', f), { cacheKey: f });
        assert.deepEqual(cached, diagnose(makeDocument(fresh, 'file:///x/atlas.hcl', f)), `${f} edit ${k}: diagnostics`);
        release(fresh);
        text = next;
        edits++;
      }
      release(parsed);
    }
    assert.ok(edits > 150, `${edits} edits`);
  });
});
