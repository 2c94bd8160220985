// Default `schema inspect` output: the model in Atlas's HCL schema language. Tables, enums and schemas are
// printed byte for byte as Atlas's open-source build prints them (sql/postgres/sqlspec.go: tables, then enums,
// then schemas; attributes aligned as hclwrite aligns them). The kinds that build does not print follow in our
// documented form (hclObjects.ts), so an inspected file diffs to nothing against its database.
import { hclObjects, implicitSequence } from './hclObjects';
import { block, colRef, hstr, indexBlock, type Attrs, type HclNames } from './hclText';
import type { Column, Realm, Table } from './model';
import { includeOf } from './sqlText';

function columnType(c: Column, names: HclNames): string {
  if (c.serial) return c.serial;
  if (c.typeRef && !c.typeRef.array) return names.typeRef(c.typeRef.schema, c.typeRef.name);
  // Interval fields are spelled without the `interval` prefix (`second(1)`, `day_to_second(4)`).
  const bare = c.type.replace(/^interval (?=[a-z])/, '').replace(/ /g, '_');
  return /^[a-z][a-z0-9_]*(\(\d+(,\d+)?\))?$/.test(bare) ? bare : `sql(${hstr(c.type)})`;
}

function hclDefault(d: string, c: Column): string {
  if (/^-?\d+(\.\d+)?$|^(true|false)$/.test(d)) return d;
  // Atlas keeps the cast of interval literals (`sql("'03:00:00'::interval")`).
  if (/^interval\b/.test(c.type) && /^'(?:[^']|'')*'$/.test(d)) return `sql(${hstr(`${d}::interval`)})`;
  const m = /^'((?:[^']|'')*)'$/.exec(d);
  return m ? hstr(m[1].replace(/''/g, "'")) : `sql(${hstr(d)})`;
}

function columnBlock(c: Column, names: HclNames): string[] {
  const attrs: Attrs = [
    ['null', String(!c.notNull)],
    ['type', columnType(c, names)],
  ];
  if (c.default !== undefined && !c.serial) attrs.push(['default', hclDefault(c.default, c)]);
  if (c.collation !== undefined) attrs.push(['collate', hstr(c.collation)]);
  if (c.comment !== undefined) attrs.push(['comment', hstr(c.comment)]);
  const sub: string[][] = [];
  if (c.identity) {
    const id: Attrs = [['generated', c.identity.always ? 'ALWAYS' : 'BY_DEFAULT']];
    if (c.identity.start !== '1') id.push(['start', c.identity.start]);
    if (c.identity.increment !== '1') id.push(['increment', c.identity.increment]);
    sub.push(block('identity', id));
  }
  if (c.generated !== undefined)
    sub.push(
      block('as', [
        ['expr', hstr(c.generated)],
        ['type', 'STORED'],
      ]),
    );
  return block(`column ${hstr(c.name)}`, attrs, sub);
}

const deferral = (d: { deferrable: boolean; initiallyDeferred: boolean }): Attrs =>
  d.deferrable ? [['deferrable', d.initiallyDeferred ? 'INITIALLY_DEFERRED' : 'true']] : [];

function tableBlock(t: Table, names: HclNames): string[] {
  const children: string[][] = t.columns.filter((c) => !c.inherited).map((c) => columnBlock(c, names));
  if (t.primaryKey) {
    const pkAttrs: Attrs = [['columns', `[${t.primaryKey.columns.map(colRef).join(', ')}]`]];
    if (t.primaryKey.include?.length) pkAttrs.push(['include', `[${t.primaryKey.include.map(colRef).join(', ')}]`]);
    pkAttrs.push(...deferral(t.primaryKey));
    children.push(block(t.primaryKey.name === `${t.name}_pkey` ? 'primary_key' : `primary_key ${hstr(t.primaryKey.name)}`, pkAttrs));
  }
  for (const f of t.foreignKeys) {
    const tbl = names.tableRef(f.refSchema, f.refTable);
    children.push(
      block(`foreign_key ${hstr(f.name)}`, [
        ['columns', `[${f.columns.map(colRef).join(', ')}]`],
        ['ref_columns', `[${f.refColumns.map((c) => `${tbl}.${colRef(c)}`).join(', ')}]`],
        ['on_update', f.onUpdate.replace(' ', '_')],
        ['on_delete', f.onDelete.replace(' ', '_')],
        ...deferral(f),
      ]),
    );
  }
  for (const i of t.indexes) children.push(indexBlock(i));
  for (const u of t.uniques) {
    const attrs: Attrs = [['columns', `[${u.columns.map(colRef).join(', ')}]`]];
    const inc = includeOf(u.def);
    if (inc.length) attrs.push(['include', `[${inc.map(colRef).join(', ')}]`]);
    if (u.nullsNotDistinct) attrs.push(['nulls_distinct', 'false']);
    children.push(block(`unique ${hstr(u.name)}`, [...attrs, ...deferral(u)]));
  }
  for (const c of t.checks) {
    const attrs: Attrs = [['expr', hstr(c.expr)]];
    if (c.noInherit) attrs.push(['no_inherit', 'true']);
    children.push(block(`check ${hstr(c.name)}`, attrs));
  }
  for (const x of t.exclusions) children.push(block(`exclude ${hstr(x.name)}`, [['as', hstr(x.def)]]));
  if (t.partitionBy) children.push(partitionBlock(t.partitionBy));
  if (t.rls.enabled || t.rls.forced) {
    const rls: Attrs = [['enabled', String(t.rls.enabled)]];
    if (t.rls.forced) rls.push(['enforced', 'true']);
    children.push(block('row_security', rls));
  }
  const attrs: Attrs = [['schema', names.schemaRef(t.schema)]];
  if (t.comment !== undefined) attrs.push(['comment', hstr(t.comment)]);
  if (t.unlogged) attrs.push(['unlogged', 'true']);
  if (t.inherits.length) attrs.push(['inherits', `[${t.inherits.map((p) => names.tableRef(p.schema, p.table)).join(', ')}]`]);
  if (t.partitionOf) {
    attrs.push(['partition_of', names.tableRef(t.partitionOf.schema, t.partitionOf.table)]);
    attrs.push(['partition_bound', hstr(t.partitionOf.bound)]);
  }
  return block(names.tableHeader(t.schema, t.name), attrs, children);
}

/** `RANGE (a, lower(b))` → a `partition` block: `columns` when every key is a column, `by` blocks otherwise. */
function partitionBlock(by: string): string[] {
  const m = /^(\w+) \((.*)\)$/s.exec(by);
  if (!m) return block('partition', [['type', 'RANGE']]);
  const keys = splitTop(m[2]);
  const col = (k: string) => (/^"(?:[^"]|"")+"$|^[a-z_][a-z0-9_$]*$/.test(k) ? k.replace(/^"|"$/g, '').replace(/""/g, '"') : undefined);
  if (keys.every((k) => col(k) !== undefined))
    return block('partition', [
      ['type', m[1]],
      ['columns', `[${keys.map((k) => colRef(col(k)!)).join(', ')}]`],
    ]);
  return block(
    'partition',
    [['type', m[1]]],
    keys.map((k) => block('by', col(k) !== undefined ? [['column', colRef(col(k)!)]] : [['expr', hstr(k.replace(/^\((.*)\)$/s, '$1'))]])),
  );
}

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out;
}

export function inspectHcl(realm: Realm): string {
  const names = hclNames(realm);
  const out: string[] = [];
  for (const s of realm.schemas) for (const t of s.tables) out.push(...tableBlock(t, names));
  for (const s of realm.schemas)
    for (const e of s.enums) {
      const attrs: Attrs = [
        ['schema', names.schemaRef(e.schema)],
        ['values', `[${e.values.map(hstr).join(', ')}]`],
      ];
      if (e.comment !== undefined) attrs.push(['comment', hstr(e.comment)]);
      out.push(...block(`enum ${hstr(e.name)}`, attrs));
    }
  out.push(...hclObjects(realm, names));
  for (const s of realm.schemas) out.push(...block(`schema ${hstr(s.name)}`, s.comment !== undefined ? [['comment', hstr(s.comment)]] : []));
  return out.join('\n') + '\n';
}

/** How the file names tables and types: `table.t`, or `table.s.t` (with a `table "s" "t"` header) when names repeat across schemas. */
function hclNames(realm: Realm): HclNames {
  const count = new Map<string, number>();
  for (const s of realm.schemas) for (const t of [...s.tables, ...s.views]) count.set(t.name, (count.get(t.name) ?? 0) + 1);
  const id = (n: string) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(n) ? `.${n}` : `[${hstr(n)}]`);
  const kindOf = new Map<string, string>();
  for (const s of realm.schemas) {
    for (const e of s.enums) kindOf.set(`${s.name}.${e.name}`, 'enum');
    for (const d of s.domains) kindOf.set(`${s.name}.${d.name}`, 'domain');
    for (const c of s.composites) kindOf.set(`${s.name}.${c.name}`, 'composite');
  }
  return {
    schemaRef: (s) => `schema${id(s)}`,
    tableRef: (s, t) => ((count.get(t) ?? 0) > 1 ? `table${id(s)}${id(t)}` : `table${id(t)}`),
    tableHeader: (s, t) => ((count.get(t) ?? 0) > 1 ? `table ${hstr(s)} ${hstr(t)}` : `table ${hstr(t)}`),
    typeRef: (s, n) => `${kindOf.get(`${s}.${n}`) ?? 'enum'}${id(n)}`,
    implicit: (s, n) => implicitSequence(realm, s, n),
  };
}
