// The kinds Atlas's open-source build does not print in `schema inspect`, in our documented HCL form (read back by
// hclSchema.ts): extension, domain, composite, sequence, view, materialized, function/procedure (`as` = the full
// CREATE statement), trigger (`on` + `as` = the CREATE TRIGGER statement), policy. Block and attribute names
// follow Atlas's HCL where Atlas has them.
import { block, hstr, indexBlock, type Attrs, type HclNames } from './hclText';
import type { Realm, Trigger } from './model';

/** Sequences PostgreSQL creates with their column (serial and identity columns). */
export function implicitSequence(realm: Realm, schema: string, name: string): boolean {
  const s = realm.schemas.find((x) => x.name === schema);
  const seq = s?.sequences.find((x) => x.name === name);
  if (!seq?.ownedBy) return false;
  const col = s?.tables.find((t) => t.name === seq.ownedBy!.table)?.columns.find((c) => c.name === seq.ownedBy!.column);
  return !!col && (!!col.serial || !!col.identity);
}

const TYPE_MAX: Record<string, string> = { smallint: '32767', integer: '2147483647', bigint: '9223372036854775807' };

const commented = (attrs: Attrs, comment: string | undefined): Attrs => (comment !== undefined ? [...attrs, ['comment', hstr(comment)]] : attrs);

function triggerBlock(t: Trigger, on: string): string[] {
  return block(
    `trigger ${hstr(t.name)}`,
    commented(
      [
        ['on', on],
        ['as', hstr(t.def)],
      ],
      t.comment,
    ),
  );
}

export function hclObjects(realm: Realm, names: HclNames): string[] {
  const out: string[] = [];
  for (const e of realm.extensions) {
    const attrs: Attrs = [];
    if (realm.schemas.some((s) => s.name === e.schema)) attrs.push(['schema', names.schemaRef(e.schema)]);
    attrs.push(['version', hstr(e.version)]);
    out.push(...block(`extension ${hstr(e.name)}`, attrs));
  }
  for (const s of realm.schemas) {
    for (const d of s.domains) {
      const attrs: Attrs = [
        ['schema', names.schemaRef(d.schema)],
        ['type', `sql(${hstr(d.type)})`],
        ['null', String(!d.notNull)],
      ];
      if (d.default !== undefined) attrs.push(['default', `sql(${hstr(d.default)})`]);
      if (d.collation !== undefined) attrs.push(['collate', hstr(d.collation)]);
      out.push(
        ...block(
          `domain ${hstr(d.name)}`,
          commented(attrs, d.comment),
          d.checks.map((c) => block(`check ${hstr(c.name)}`, [['expr', hstr(c.expr.replace(/^\((.*)\)$/s, '$1'))]])),
        ),
      );
    }
    for (const c of s.composites)
      out.push(
        ...block(
          `composite ${hstr(c.name)}`,
          commented([['schema', names.schemaRef(c.schema)]], c.comment),
          c.fields.map((f) => block(`field ${hstr(f.name)}`, [['type', `sql(${hstr(f.type)})`]])),
        ),
      );
    for (const q of s.sequences) {
      if (names.implicit(q.schema, q.name)) continue;
      // Bounds are printed only when they differ from the type's defaults; numbers beyond a double's precision as strings.
      const num = (v: string) => (v.replace(/^-/, '').length > 15 ? hstr(v) : v);
      const up = !q.increment.startsWith('-');
      const attrs: Attrs = [
        ['schema', names.schemaRef(q.schema)],
        ['type', q.type],
        ['start', num(q.start)],
        ['increment', num(q.increment)],
      ];
      if (q.min !== (up ? '1' : `-${TYPE_MAX[q.type] ?? ''}`) && !(!up && q.min === `-${BigInt(TYPE_MAX[q.type] ?? '0') + 1n}`))
        attrs.push(['min_value', num(q.min)]);
      if (q.max !== (up ? TYPE_MAX[q.type] : '-1')) attrs.push(['max_value', num(q.max)]);
      if (q.cache !== '1') attrs.push(['cache', num(q.cache)]);
      if (q.cycle) attrs.push(['cycle', 'true']);
      if (q.ownedBy) attrs.push(['owned_by', `${names.tableRef(q.schema, q.ownedBy.table)}.column.${q.ownedBy.column}`]);
      out.push(...block(`sequence ${hstr(q.name)}`, commented(attrs, q.comment)));
    }
  }
  for (const s of realm.schemas)
    for (const f of s.functions)
      out.push(
        ...block(
          `${f.kind} ${hstr(f.name)}`,
          commented(
            [
              ['schema', names.schemaRef(f.schema)],
              ['as', hstr(f.def)],
            ],
            f.comment,
          ),
        ),
      );
  for (const s of realm.schemas)
    for (const v of s.views) {
      const kind = v.materialized ? 'materialized' : 'view';
      out.push(
        ...block(
          `${kind} ${hstr(v.name)}`,
          commented(
            [
              ['schema', names.schemaRef(v.schema)],
              ['as', hstr(v.def.trim())],
            ],
            v.comment,
          ),
          v.indexes.map(indexBlock),
        ),
      );
      for (const t of v.triggers) out.push(...triggerBlock(t, names.tableRef(v.schema, v.name).replace(/^table/, kind)));
    }
  for (const s of realm.schemas)
    for (const t of s.tables) {
      for (const tr of t.triggers) out.push(...triggerBlock(tr, names.tableRef(t.schema, t.name)));
      for (const p of t.policies) {
        const attrs: Attrs = [
          ['on', names.tableRef(t.schema, t.name)],
          ['as', p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'],
          ['for', p.command],
          ['to', `[${p.roles.map(hstr).join(', ')}]`],
        ];
        if (p.using !== undefined) attrs.push(['using', hstr(p.using)]);
        if (p.withCheck !== undefined) attrs.push(['check', hstr(p.withCheck)]);
        out.push(...block(`policy ${hstr(p.name)}`, attrs));
      }
    }
  return out;
}
