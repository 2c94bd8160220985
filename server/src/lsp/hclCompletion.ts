// Completion for atlas.hcl: block and attribute names of the enclosing block (snippets), enum values, var./local./
// data./each./atlas. members, URL scheme templates, file:// paths, function names with signatures. Pure.
import fs from 'node:fs';
import path from 'node:path';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { HclDocument } from '../config/document';
import { functions } from '../config/functions';
import { locate } from '../config/locate';
import { dataKinds, dataOutputs, topBlocks, URL_TEMPLATES, type AttrSpec, type BlockSpec } from '../config/schema';

export interface CompletionOptions {
  listDir?: (dir: string) => Array<{ name: string; dir: boolean }>;
}

function defaultListDir(dir: string): Array<{ name: string; dir: boolean }> {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.'))
      .map((e) => ({ name: e.name, dir: e.isDirectory() }));
  } catch {
    return [];
  }
}

export function complete(doc: HclDocument, pos: Position, opts: CompletionOptions = {}): CompletionItem[] {
  const lines = doc.parsed.text.split('\n');
  const line = lines[pos.line] ?? '';
  const prefix = line.slice(0, pos.character);
  const loc = locate(doc.model, pos);
  const m = doc.model;
  let r: RegExpExecArray | null;

  // Block labels with a fixed set of values: data "<kind>", docker "<driver>", hook "sql".
  if ((r = /^\s*(data|docker|hook)\s+"(\w*)$/.exec(prefix))) {
    const spec = topBlocks.find((b) => b.name === r![1])!;
    return (spec.labelEnum ?? []).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, detail: r![1] === 'data' ? dataKinds[v]?.doc : spec.doc }));
  }
  // Inside a string: file:// paths, URL templates.
  const str = openString(prefix);
  if (str !== undefined) {
    if ((r = /file:\/\/([^"]*)$/.exec(str))) return filePaths(doc, r[1], opts);
    const attrName = /^\s*([A-Za-z_][\w-]*)\s*=/.exec(line)?.[1];
    const spec = attrName ? enclosingSpec(loc.path)?.attrs?.find((a) => a.name === attrName) : undefined;
    if (spec?.enum && /^[\w-]*$/.test(str)) return enumItems(spec, false);
    if ((spec?.url || attrName === 'url') && /^[a-z+]*$/.test(str)) {
      return URL_TEMPLATES.map((t, i) => ({
        label: t.label,
        kind: CompletionItemKind.Value,
        detail: t.doc,
        insertText: t.snippet,
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: String(i).padStart(2, '0'),
        filterText: t.label,
      }));
    }
    if (!/\$\{[^}]*$/.test(str)) return [];
  }
  if ((r = /(?:^|[^\w.])var\.(\w*)$/.exec(prefix))) {
    return [...m.variables.values()].map((v) => ({ label: v.name, kind: CompletionItemKind.Variable, detail: `variable "${v.name}"` }));
  }
  if ((r = /(?:^|[^\w.])local\.(\w*)$/.exec(prefix))) {
    return [...m.locals.values()].map((a) => ({ label: a.name, kind: CompletionItemKind.Constant, detail: 'local value' }));
  }
  if ((r = /(?:^|[^\w.])data\.(\w+)\.(\w+)\.(\w*)$/.exec(prefix))) {
    return (dataOutputs[r[1]] ?? []).map((o) => ({ label: o, kind: CompletionItemKind.Property, detail: `data.${r![1]}.${r![2]}.${o}` }));
  }
  if ((r = /(?:^|[^\w.])data\.(\w+)\.(\w*)$/.exec(prefix))) {
    const kind = r[1];
    return [...m.data.keys()]
      .filter((k) => k.startsWith(`${kind}.`))
      .map((k) => ({ label: k.slice(kind.length + 1), kind: CompletionItemKind.Module, detail: `data "${kind}"` }));
  }
  if ((r = /(?:^|[^\w.])data\.(\w*)$/.exec(prefix))) {
    const kinds = new Set([...m.data.keys()].map((k) => k.split('.')[0]));
    return [...kinds].map((k) => ({ label: k, kind: CompletionItemKind.Module, detail: dataKinds[k]?.doc }));
  }
  if (/(?:^|[^\w.])each\.\w*$/.test(prefix))
    return ['key', 'value'].map((k) => ({ label: k, kind: CompletionItemKind.Property, detail: `each.${k} of for_each` }));
  if (/(?:^|[^\w.])atlas\.\w*$/.test(prefix)) return [{ label: 'env', kind: CompletionItemKind.Property, detail: 'the --env value' }];

  // Value position: after `name =` (or inside brackets / calls / interpolations).
  const assign = /^\s*([A-Za-z_][\w-]*)\s*=\s*(.*)$/.exec(prefix);
  if (assign || str !== undefined || /[([,]\s*\w*$/.test(prefix)) {
    const spec = assign ? enclosingSpec(loc.path)?.attrs?.find((a) => a.name === assign[1]) : undefined;
    const items: CompletionItem[] = [];
    if (spec?.enum && assign && /^[\w-]*$/.test(assign[2])) items.push(...enumItems(spec, true));
    if (spec?.type === 'bool' && assign) items.push(...['true', 'false'].map((b) => ({ label: b, kind: CompletionItemKind.Keyword })));
    if (spec?.type === 'type')
      items.push(
        ...['string', 'number', 'bool', 'any', 'list(string)', 'map(string)', 'set(string)'].map((t) => ({ label: t, kind: CompletionItemKind.TypeParameter })),
      );
    // An enum value shadows a reference root of the same name (`format = atlas`: the directory format, not atlas.env).
    const taken = new Set(items.map((i) => i.label));
    items.push(
      ...valueItems(
        doc,
        loc.path.some((p) => p.block.body.items.some((i) => i.kind === 'attribute' && i.name === 'for_each')),
      ).filter((i) => !taken.has(i.label)),
    );
    return items;
  }

  // Start of a line: block and attribute names of the enclosing block.
  if (/^\s*[A-Za-z_]*$/.test(prefix)) return namesFor(loc.path);
  return [];
}

/** The text of the string literal that is open at the end of prefix, or undefined. */
function openString(prefix: string): string | undefined {
  let inStr = false;
  let start = 0;
  let depth = 0;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (inStr) {
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '$' && prefix[i + 1] === '{') {
        depth++;
        inStr = false;
        i++;
        continue;
      }
      if (c === '"') inStr = false;
    } else {
      if (c === '#' || (c === '/' && prefix[i + 1] === '/')) return undefined;
      if (c === '"') {
        inStr = true;
        start = i + 1;
      } else if (c === '}' && depth > 0) {
        depth--;
        inStr = true;
        start = i + 1;
      }
    }
  }
  return inStr ? prefix.slice(start) : undefined;
}

function enclosingSpec(p: Array<{ spec?: BlockSpec }>): BlockSpec | undefined {
  return p.length ? p[p.length - 1].spec : undefined;
}

/** The values of an enum attribute, in the schema's order and ahead of every other item (sortText "0…"). */
function enumItems(spec: AttrSpec, quote: boolean): CompletionItem[] {
  return spec.enum!.map((v, i) => ({
    label: v,
    kind: CompletionItemKind.EnumMember,
    detail: `${spec.name} value`,
    insertText: quote ? `"${v}"` : v,
    sortText: `0${String(i).padStart(2, '0')}`,
    documentation: {
      kind: MarkupKind.Markdown,
      value: [
        spec.enumDocs?.[v] ? `\`${v}\`: ${spec.enumDocs[v]}` : `\`${v}\``,
        `**${spec.name}**: ${spec.doc}`,
        `One of ${spec.enum!.map((x) => `\`${x}\``).join(', ')}.`,
      ].join('\n\n'),
    },
  }));
}

function valueItems(doc: HclDocument, hasEach: boolean): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const f of functions.values()) {
    if (['list', 'set', 'map', 'tuple', 'object'].includes(f.name)) continue;
    items.push({
      label: f.name,
      kind: CompletionItemKind.Function,
      detail: f.signature,
      documentation: f.doc,
      insertText: `${f.name}($1)`,
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `2${f.name}`,
    });
  }
  const roots: Array<[string, string, boolean]> = [
    ['var', 'input variables', doc.model.variables.size > 0],
    ['local', 'local values', doc.model.locals.size > 0],
    ['data', 'data sources', doc.model.data.size > 0],
    ['atlas', 'atlas.env: the --env value', true],
    ['each', 'each.key / each.value of for_each', hasEach],
  ];
  for (const [name, detail, ok] of roots)
    if (ok)
      items.push({
        label: name,
        kind: CompletionItemKind.Module,
        detail,
        sortText: `1${name}`,
        command: { title: 'members', command: 'editor.action.triggerSuggest' },
        insertText: `${name}.`,
      });
  return items;
}

function namesFor(p: Array<{ block: { body: { items: Array<{ kind: string; name?: string; type?: string }> } }; spec?: BlockSpec }>): CompletionItem[] {
  if (p.length === 0) {
    return topBlocks.map((b) => ({
      label: b.name,
      kind: CompletionItemKind.Class,
      detail: b.pro ? `${b.doc} (Pro)` : b.doc,
      insertText: b.snippet ?? blockSnippet(b),
      insertTextFormat: InsertTextFormat.Snippet,
    }));
  }
  const spec = enclosingSpec(p);
  if (!spec) return [];
  const present = new Set(p[p.length - 1].block.body.items.filter((i) => i.kind === 'attribute').map((i) => i.name));
  const items: CompletionItem[] = [];
  for (const a of spec.attrs ?? []) {
    if (present.has(a.name)) continue;
    items.push({
      label: a.name,
      kind: CompletionItemKind.Property,
      detail: `${a.type}${a.required ? ' (required)' : ''}${a.flag ? ` · ${a.flag}` : ''}`,
      documentation: a.doc,
      insertText: attrSnippet(a),
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `${a.required ? 0 : 1}${a.name}`,
    });
  }
  for (const b of spec.blocks ?? [])
    items.push({
      label: b.name,
      kind: CompletionItemKind.Class,
      detail: b.pro ? `${b.doc} (Pro)` : b.doc,
      insertText: blockSnippet(b),
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `3${b.name}`,
    });
  return items;
}

function attrSnippet(a: AttrSpec): string {
  if (a.enum) return `${a.name} = \${1|${a.enum.join(',')}|}`;
  switch (a.type) {
    case 'bool':
      return `${a.name} = \${1|true,false|}`;
    case 'number':
      return `${a.name} = \${1:0}`;
    case 'list':
      return `${a.name} = [\${1}]`;
    case 'map':
      return `${a.name} = {\n  \${1}\n}`;
    case 'type':
      return `${a.name} = \${1:string}`;
    case 'any':
      return `${a.name} = \${1}`;
    default:
      return `${a.name} = "\${1}"`;
  }
}

function blockSnippet(b: BlockSpec): string {
  const labels = (b.labels ?? []).map((l, i) => (i === 0 && b.labelEnum ? `"\${${i + 1}|${b.labelEnum.join(',')}|}"` : `"\${${i + 1}:${l}}"`)).join(' ');
  const req = (b.attrs ?? []).filter((a) => a.required).map((a) => `  ${attrSnippet(a).replace(/\$\{1/g, '${9')}`);
  return `${b.name}${labels ? ' ' + labels : ''} {\n${req.length ? req.join('\n') + '\n' : ''}  $0\n}`;
}

function filePaths(doc: HclDocument, typed: string, opts: CompletionOptions): CompletionItem[] {
  if (!doc.path) return [];
  const base = path.dirname(doc.path);
  const slash = typed.lastIndexOf('/');
  const dirPart = slash >= 0 ? typed.slice(0, slash + 1) : '';
  const dir = path.isAbsolute(dirPart) ? dirPart : path.resolve(base, dirPart || '.');
  return (opts.listDir ?? defaultListDir)(dir).map((e) => ({
    label: e.dir ? `${e.name}/` : e.name,
    kind: e.dir ? CompletionItemKind.Folder : CompletionItemKind.File,
    detail: path.join(dirPart, e.name),
    insertText: e.name,
    sortText: `${e.dir ? 0 : 1}${e.name}`,
  }));
}
