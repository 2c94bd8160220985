// Hover, go-to-definition, references, rename and document symbols for atlas.hcl. Pure functions over the model.
import path from 'node:path';
import { SymbolKind, type DocumentSymbol, type Hover, type Location, type Position, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import { attr, attributes, blocks, staticString, type Block } from '../config/ast';
import type { HclDocument } from '../config/document';
import { maskUrl, shown } from '../secrets';
import { environWithDotenv, findEnvFile } from '../config/dotenv';
import { Evaluator } from '../config/evaluate';
import { functions, isUnknown, type Value } from '../config/functions';
import { declarationOf, locate, nameRangeOf, referencesTo, symbolOf, type SymbolRef } from '../config/locate';
import { dataKinds, type AttrSpec, type BlockSpec } from '../config/schema';

const linesCache = new WeakMap<HclDocument, string[]>();

function exprText(doc: HclDocument, r: Range): string {
  let lines = linesCache.get(doc);
  if (!lines) linesCache.set(doc, (lines = doc.parsed.text.split('\n')));
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  return [lines[r.start.line].slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line].slice(0, r.end.character)].join('\n');
}

function attrHover(a: AttrSpec): string {
  const parts = [`**${a.name}** \`${a.type}\`${a.required ? ' · required' : ''}${a.pro ? ' · Atlas Pro' : ''}`, a.doc];
  if (a.enum) parts.push(`One of: ${a.enum.map((v) => `\`${v}\``).join(', ')}`);
  if (a.flag) parts.push(`CLI flag: \`${a.flag}\``);
  return parts.join('\n\n');
}

function blockHover(b: BlockSpec): string {
  const attrs = (b.attrs ?? []).map((a) => `\`${a.name}\`${a.required ? '*' : ''}`).join(', ');
  return [`**${b.name}** block${b.pro ? ' · Atlas Pro' : ''}`, b.doc, attrs ? `Attributes: ${attrs}` : ''].filter(Boolean).join('\n\n');
}

/** `dotenvPath`: the env file getenv() falls back to (the envFile setting's file); the `.env` lookup when absent. */
export function hover(doc: HclDocument, pos: Position, environ: Record<string, string | undefined> = process.env, dotenvPath?: string): Hover | null {
  const loc = locate(doc.model, pos);
  const md = (value: string, range?: Range): Hover => ({ contents: { kind: 'markdown', value }, range });
  if (loc.blockHead?.spec) {
    const b = loc.blockHead.block;
    if (b.type === 'data' && loc.blockHead.label === 0)
      return md(`**data "${b.labels[0].value}"**\n\n${dataKinds[b.labels[0].value]?.doc ?? ''}`, b.labels[0].range);
    return md(blockHover(loc.blockHead.spec), b.typeRange);
  }
  if (loc.attribute && loc.onAttrName) {
    const spec = loc.path.length ? loc.path[loc.path.length - 1].spec : undefined;
    const a = spec?.attrs?.find((x) => x.name === loc.attribute!.name);
    if (a) return md(attrHover(a), loc.attribute.nameRange);
    if (spec?.lenientAttrs) return md(`**${loc.attribute.name}**\n\nExtra env attribute: Atlas passes it on as an input variable.`, loc.attribute.nameRange);
    if (spec?.anyAttrs) return md(`**local.${loc.attribute.name}**\n\n\`\`\`hcl\n${exprText(doc, loc.attribute.expr.range)}\n\`\`\``, loc.attribute.nameRange);
    return null;
  }
  if (loc.call) {
    const f = functions.get(loc.call.name);
    return f ? md(`\`\`\`\n${f.signature}\n\`\`\`\n\n${f.doc}`, loc.call.nameRange) : null;
  }
  if (loc.traversal) {
    const sym = symbolOf(loc.traversal.expr);
    const range = loc.traversal.expr.range;
    if (sym?.kind === 'var') {
      const v = doc.model.variables.get(sym.name);
      if (!v) return loc.attribute && !loc.onAttrName ? valueHover(doc, loc, environ, dotenvPath) : null;
      const t = attr(v.block.body, 'type');
      const d = attr(v.block.body, 'default');
      const desc = attr(v.block.body, 'description');
      return md(
        [
          `**var.${sym.name}**${t ? ` \`${exprText(doc, t.expr.range)}\`` : ''}`,
          desc ? (staticString(desc.expr) ?? '') : '',
          d ? `Default: \`${exprText(doc, d.expr.range)}\`` : 'Required: set it with `--var ' + sym.name + '=…`',
        ]
          .filter(Boolean)
          .join('\n\n'),
        range,
      );
    }
    if (sym?.kind === 'local') {
      const l = doc.model.locals.get(sym.name);
      if (l) return md(`**local.${sym.name}**\n\n\`\`\`hcl\n${exprText(doc, l.expr.range)}\n\`\`\``, range);
    }
    if (sym?.kind === 'data') {
      const [kind] = sym.name.split('.');
      if (doc.model.data.has(sym.name)) return md(`**data.${sym.name}**\n\n${dataKinds[kind]?.doc ?? ''}`, range);
    }
    if (loc.traversal.expr.root === 'atlas') return md('**atlas.env**\n\nThe value of `--env`.', range);
    if (loc.traversal.expr.root === 'each') return md("**each**\n\n`each.key` and `each.value` of the block's `for_each` element.", range);
  }
  if (loc.attribute && !loc.onAttrName) return valueHover(doc, loc, environ, dotenvPath);
  return null;
}

/** Hover on a URL attribute's value: what it resolves to statically (password masked), or why it does not. */
function valueHover(doc: HclDocument, loc: ReturnType<typeof locate>, environ: Record<string, string | undefined>, dotenvPath?: string): Hover | null {
  const a = loc.attribute!;
  const spec = loc.path.length ? loc.path[loc.path.length - 1].spec?.attrs?.find((x) => x.name === a.name) : undefined;
  if (!spec?.url) return null;
  const baseDir = doc.path ? path.dirname(doc.path) : process.cwd();
  const env = loc.path.find((p) => p.block.type === 'env')?.block;
  const ev = new Evaluator(doc.model, {
    baseDir,
    environ: environWithDotenv(environ, dotenvPath ?? findEnvFile(baseDir, undefined)),
    atlasEnv: env?.labels[0]?.value,
  });
  const v = ev.eval(a.expr, {});
  const show = (x: Value): string => (typeof x === 'string' ? maskUrl(x) : Array.isArray(x) ? x.map(show).join(', ') : JSON.stringify(x));
  const text = isUnknown(v) ? `Not resolved statically: ${v.reason}` : `Resolves to \`${show(v)}\``;
  return { contents: { kind: 'markdown', value: shown(`**${a.name}**\n\n${text}`) }, range: a.expr.range };
}

function symbolAt(doc: HclDocument, pos: Position): SymbolRef | undefined {
  const loc = locate(doc.model, pos);
  if (loc.traversal) return symbolOf(loc.traversal.expr);
  const h = loc.blockHead;
  if (h?.block.type === 'variable' && h.label === 0) return { kind: 'var', name: h.block.labels[0].value };
  if (h?.block.type === 'data' && h.label === 1) return { kind: 'data', name: `${h.block.labels[0].value}.${h.block.labels[1].value}` };
  if (loc.attribute && loc.onAttrName && loc.path.length === 1 && loc.path[0].block.type === 'locals') return { kind: 'local', name: loc.attribute.name };
  return undefined;
}

export function definition(doc: HclDocument, pos: Position): Location | null {
  const sym = symbolAt(doc, pos);
  const r = sym && declarationOf(doc.model, sym);
  return r ? { uri: doc.uri, range: r } : null;
}

export function references(doc: HclDocument, pos: Position, includeDeclaration: boolean): Location[] {
  const sym = symbolAt(doc, pos);
  if (!sym) return [];
  const out: Location[] = [];
  const decl = declarationOf(doc.model, sym);
  if (includeDeclaration && decl) out.push({ uri: doc.uri, range: decl });
  for (const t of referencesTo(doc.model, sym)) out.push({ uri: doc.uri, range: t.range });
  return out;
}

/** Range and current name for a rename at pos (variables and locals only). */
export function prepareRename(doc: HclDocument, pos: Position): { range: Range; placeholder: string } | null {
  const sym = symbolAt(doc, pos);
  if (!sym || sym.kind === 'data' || !declarationOf(doc.model, sym)) return null;
  const loc = locate(doc.model, pos);
  const range = loc.traversal ? nameRangeOf(loc.traversal.expr) : sym.kind === 'var' ? inner(declarationOf(doc.model, sym)!) : declarationOf(doc.model, sym);
  return range ? { range, placeholder: sym.name } : null;
}

const inner = (r: Range): Range => ({
  start: { line: r.start.line, character: r.start.character + 1 },
  end: { line: r.end.line, character: r.end.character - 1 },
});

export function rename(doc: HclDocument, pos: Position, newName: string): WorkspaceEdit | null {
  const sym = symbolAt(doc, pos);
  if (!sym || sym.kind === 'data' || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(newName)) return null;
  const decl = declarationOf(doc.model, sym);
  if (!decl) return null;
  const edits = [{ range: sym.kind === 'var' ? inner(decl) : decl, newText: newName }];
  for (const t of referencesTo(doc.model, sym)) {
    const r = nameRangeOf(t);
    if (r) edits.push({ range: r, newText: newName });
  }
  return { changes: { [doc.uri]: edits } };
}

export function documentSymbols(doc: HclDocument): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const sym = (name: string, kind: SymbolKind, b: Block, sel: Range, detail?: string, children?: DocumentSymbol[]): DocumentSymbol => ({
    name: name || '(unnamed)',
    kind,
    range: b.range,
    selectionRange: sel,
    detail,
    children,
  });
  for (const b of blocks(doc.model.file.body)) {
    const label = b.labels.map((l) => l.value);
    switch (b.type) {
      case 'env': {
        const n = label[0] ?? (attr(b.body, 'name') ? exprText(doc, attr(b.body, 'name')!.expr.range) : '');
        const url = attr(b.body, 'url');
        const kids = blocks(b.body).map((c) => sym(c.type, SymbolKind.Struct, c, c.typeRange));
        out.push(sym(`env ${n}`, SymbolKind.Namespace, b, b.labels[0]?.range ?? b.typeRange, url ? shown(exprText(doc, url.expr.range)) : undefined, kids));
        break;
      }
      case 'variable':
        out.push(
          sym(
            `var.${label[0] ?? ''}`,
            SymbolKind.Variable,
            b,
            b.labels[0]?.range ?? b.typeRange,
            attr(b.body, 'type') ? exprText(doc, attr(b.body, 'type')!.expr.range) : undefined,
          ),
        );
        break;
      case 'locals':
        for (const a of attributes(b.body)) out.push({ name: `local.${a.name}`, kind: SymbolKind.Constant, range: a.range, selectionRange: a.nameRange });
        break;
      case 'data':
        out.push(sym(`data.${label.join('.')}`, SymbolKind.Object, b, b.labels[1]?.range ?? b.typeRange));
        break;
      default:
        out.push(sym([b.type, ...label].join(' '), SymbolKind.Module, b, b.typeRange));
    }
  }
  return out;
}
