// Default `schema inspect` output: the model in Atlas's HCL schema language (sql/postgres/sqlspec.go doc
// order: tables, then enums, then schemas). Covers tables, columns, keys, indexes, checks, enums and schemas;
// objects Atlas prints only in Pro builds (views, functions, triggers, ...) are left to `{{ sql . }}`.
import type { Column, Realm, Table } from './model';

const str = (s: string) => JSON.stringify(s);
const ref = (name: string) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : `${str(name)}`);
const colRef = (c: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(c) ? `column.${c}` : `column[${str(c)}]`);

/** Aligns the `=` of consecutive attribute lines, as hclwrite does. */
function block(header: string, attrs: Array<[string, string]>, children: string[][], indent: string): string[] {
  const width = Math.max(0, ...attrs.map(([k]) => k.length));
  return [`${indent}${header} {`, ...attrs.map(([k, v]) => `${indent}  ${k.padEnd(width)} = ${v}`), ...children.flat().map((l) => `  ${l}`), `${indent}}`];
}

function columnType(c: Column): string {
  if (c.typeRef && !c.typeRef.array) return `enum.${ref(c.typeRef.name)}`;
  const bare = c.type.replace(/ /g, '_');
  return /^[a-z][a-z0-9_]*(\(\d+(,\d+)?\))?$/.test(bare) ? bare : `sql(${str(c.type)})`;
}

function hclDefault(d: string): string {
  if (/^-?\d+(\.\d+)?$|^(true|false)$/.test(d)) return d;
  const m = /^'((?:[^']|'')*)'$/.exec(d);
  return m ? str(m[1].replace(/''/g, "'")) : `sql(${str(d)})`;
}

function tableBlock(t: Table): string[] {
  const children: string[][] = [];
  for (const c of t.columns) {
    const attrs: Array<[string, string]> = [
      ['null', String(!c.notNull)],
      ['type', columnType(c)],
    ];
    if (c.default !== undefined && !c.serial) attrs.push(['default', hclDefault(c.default)]);
    if (c.comment !== undefined) attrs.push(['comment', str(c.comment)]);
    const sub: string[][] = [];
    if (c.identity) sub.push(block('identity', [['generated', c.identity.always ? 'ALWAYS' : 'BY_DEFAULT']], [], ''));
    if (c.generated !== undefined)
      sub.push(
        block(
          'as',
          [
            ['expr', str(c.generated)],
            ['type', 'STORED'],
          ],
          [],
          '',
        ),
      );
    children.push(block(`column ${str(c.name)}`, attrs, sub, ''));
  }
  if (t.primaryKey) children.push(block('primary_key', [['columns', `[${t.primaryKey.columns.map(colRef).join(', ')}]`]], [], ''));
  for (const f of t.foreignKeys) {
    const tbl = `table.${ref(f.refTable)}`;
    children.push(
      block(
        `foreign_key ${str(f.name)}`,
        [
          ['columns', `[${f.columns.map(colRef).join(', ')}]`],
          ['ref_columns', `[${f.refColumns.map((c) => `${tbl}.${colRef(c)}`).join(', ')}]`],
          ['on_update', f.onUpdate.replace(' ', '_')],
          ['on_delete', f.onDelete.replace(' ', '_')],
        ],
        [],
        '',
      ),
    );
  }
  for (const i of [
    ...t.uniques.map((u) => ({ name: u.name, unique: true, cols: u.columns, where: undefined as string | undefined, method: 'btree' })),
    ...t.indexes.map((i) => ({
      name: i.name,
      unique: i.unique,
      cols: i.parts.every((p) => p.column !== undefined) ? i.parts.map((p) => p.column!) : undefined,
      where: i.where,
      method: i.method,
      parts: i.parts,
    })),
  ]) {
    const attrs: Array<[string, string]> = [];
    if (i.unique) attrs.push(['unique', 'true']);
    if (i.method !== 'btree') attrs.push(['type', i.method.toUpperCase()]);
    const sub: string[][] = [];
    if (i.cols) attrs.push(['columns', `[${i.cols.map(colRef).join(', ')}]`]);
    else
      for (const p of (i as { parts?: Table['indexes'][number]['parts'] }).parts ?? [])
        sub.push(block('on', p.column !== undefined ? [['column', colRef(p.column)]] : [['expr', str(p.expr ?? '')]], [], ''));
    if (i.where !== undefined) attrs.push(['where', str(i.where)]);
    children.push(block(`index ${str(i.name)}`, attrs, sub, ''));
  }
  for (const c of t.checks) children.push(block(`check ${str(c.name)}`, [['expr', str(c.expr)]], [], ''));
  const attrs: Array<[string, string]> = [['schema', `schema.${ref(t.schema)}`]];
  if (t.comment !== undefined) attrs.push(['comment', str(t.comment)]);
  return block(`table ${str(t.name)}`, attrs, children, '');
}

export function inspectHcl(realm: Realm): string {
  const out: string[] = [];
  for (const s of realm.schemas) for (const t of s.tables) out.push(...tableBlock(t));
  for (const s of realm.schemas)
    for (const e of s.enums)
      out.push(
        ...block(
          `enum ${str(e.name)}`,
          [
            ['schema', `schema.${ref(e.schema)}`],
            ['values', `[${e.values.map(str).join(', ')}]`],
          ],
          [],
          '',
        ),
      );
  for (const s of realm.schemas) out.push(...block(`schema ${str(s.name)}`, s.comment !== undefined ? [['comment', str(s.comment)]] : [], [], ''));
  return out.join('\n') + '\n';
}
