// The TextMate grammars tokenised by vscode-textmate + Oniguruma (the engine VS Code uses).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { fixturePath } from './helpers';

const root = path.resolve(__dirname, '../../..');
const grammarFiles: Record<string, string> = {
  'source.atlas-config': path.join(root, 'syntaxes/atlas-config.tmLanguage.json'),
  'atlas.directives.injection': path.join(root, 'syntaxes/atlas-directives.injection.tmLanguage.json'),
  'source.sql': fixturePath('grammar', 'sql-minimal.tmLanguage.json'),
};

let registry: Registry;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => (grammarFiles[scope] ? parseRawGrammar(fs.readFileSync(grammarFiles[scope], 'utf8'), grammarFiles[scope]) : null),
    getInjections: (scope) => (scope === 'source.sql' ? ['atlas.directives.injection'] : undefined),
  });
});

function tokenize(g: IGrammar, text: string): Array<{ text: string; scopes: string[] }> {
  let state = INITIAL;
  const out: Array<{ text: string; scopes: string[] }> = [];
  for (const line of text.split('\n')) {
    const r = g.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  }
  return out;
}

const scopeOf = (tokens: Array<{ text: string; scopes: string[] }>, text: string) => tokens.find((t) => t.text === text)?.scopes ?? [];

describe('TextMate grammars', () => {
  it('atlas-config: blocks, labels, attributes, strings with templates, heredocs, numbers, bools, calls, references, enums', async () => {
    const g = (await registry.loadGrammar('source.atlas-config'))!;
    const t = tokenize(g, fs.readFileSync(fixturePath('grammar', 'sample.hcl'), 'utf8'));
    const has = (text: string, scope: string) =>
      assert.ok(
        scopeOf(t, text).some((s) => s.startsWith(scope)),
        `${text}: ${scopeOf(t, text).join(' ')}`,
      );
    has('# comment', 'comment.line.number-sign');
    has('variable', 'entity.name.type.block');
    has('"pass"', 'entity.name.label');
    has('type', 'variable.other.property');
    has('\\"', 'constant.character.escape');
    has('postgres://', 'markup.underline.link.scheme');
    has('${', 'punctuation.section.interpolation.begin');
    has('urlescape', 'support.function');
    has('var', 'variable.language');
    has('.pass', 'variable.other.member');
    has('migration', 'entity.name.type.block');
    has('LINEAR_SKIP', 'constant.other.enum');
    has('5432', 'constant.numeric');
    has('true', 'constant.language');
    has('for', 'keyword.control');
    has('SQL', 'keyword.control.heredoc-token');
    has('    select ', 'string.unquoted.heredoc');
    has('local', 'variable.language');
  });

  it('injects Atlas directives into SQL comments only', async () => {
    const g = (await registry.loadGrammar('source.sql'))!;
    const t = tokenize(g, fs.readFileSync(fixturePath('grammar', 'directives.sql'), 'utf8'));
    assert.ok(scopeOf(t, 'atlas:txmode').includes('keyword.control.directive.atlas'), JSON.stringify(t.slice(0, 6)));
    assert.ok(scopeOf(t, 'none').includes('constant.language.atlas'));
    assert.ok(!t.some((x) => x.text.includes('plain') && x.scopes.includes('keyword.control.directive.atlas')));
  });
});
