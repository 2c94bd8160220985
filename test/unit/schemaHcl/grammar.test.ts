// The atlas-schema-postgresql TextMate grammar, tokenised by vscode-textmate + Oniguruma (the engine VS Code uses).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar } from 'vscode-textmate';

const file = path.resolve(__dirname, '../../../syntaxes/atlas-schema-postgresql.tmLanguage.json');

describe('schemaHcl/grammar', () => {
  it('scopes block kinds, labels, column types, references and actions', async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).catch(() => undefined); // already loaded by another suite
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scope) => (scope === 'source.atlas-schema-postgresql' ? parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null),
    });
    const g = (await registry.loadGrammar('source.atlas-schema-postgresql'))!;
    const text =
      'table "users" {\n  column "id" {\n    type = varchar(255)\n  }\n  foreign_key "fk" {\n    ref_columns = [table.t.column.id]\n    on_delete   = CASCADE\n  }\n}';
    let state = INITIAL;
    const scopes = new Map<string, string>();
    for (const line of text.split('\n')) {
      const r = g.tokenizeLine(line, state);
      for (const t of r.tokens)
        if (!scopes.has(line.slice(t.startIndex, t.endIndex).trim())) scopes.set(line.slice(t.startIndex, t.endIndex).trim(), t.scopes.join(' '));
      state = r.ruleStack;
    }
    assert.match(scopes.get('table')!, /entity\.name\.type\.block/);
    assert.match(scopes.get('"users"')!, /entity\.name\.label/);
    assert.match(scopes.get('varchar')!, /support\.function|storage\.type/);
    assert.match(scopes.get('CASCADE')!, /keyword\.other\.action/);
    assert.match(scopes.get('type')!, /variable\.other\.property/);
  });
});
