// Diagnostics of one PostgreSQL HCL schema file, in the context of the whole schema (all its files): syntax,
// unknown blocks and attributes (did-you-mean), column types and their parameters, references that resolve to
// nothing, duplicate names, foreign keys whose target columns are not unique or whose types do not match. Pure.
import { attr, blocks, type Block, type Body } from '../config/ast';
import { didYouMean, type ConfigDiagnostic } from '../config/diagnostic';
import { segments, type Def, type SchemaModel } from './schemaHclModel';
import { childSpec, TOP_BLOCKS, type BlockSpec } from '../schema/hclSpec';
import { checkType, readType } from './schemaHclTypes';

const META = new Set(['for_each', 'count']);

export function checkSchemaFile(m: SchemaModel, uri: string): ConfigDiagnostic[] {
  const f = m.files.find((x) => x.uri === uri);
  if (!f) return [];
  const out: ConfigDiagnostic[] = f.file.syntaxErrors.map((e) => ({ range: e.range, severity: 'error' as const, message: e.message, code: 'syntax' }));
  checkBody(f.file.body, undefined, out);
  for (const u of m.refs)
    if (u.uri === uri && u.error)
      out.push(didYouMean(`Unknown reference: ${u.error.message}.`, u.error.range, u.error.name, u.error.candidates, 'unknown-reference'));
  duplicates(m, uri, out);
  for (const d of m.defs) if (d.uri === uri && d.kind === 'table') foreignKeys(m, d, out);
  return out;
}

function checkBody(body: Body, parent: BlockSpec | undefined, out: ConfigDiagnostic[]): void {
  for (const it of body.items) {
    if (it.kind === 'attribute') {
      if (!parent) {
        out.push({
          range: it.nameRange,
          severity: 'error',
          code: 'unknown-attribute',
          message: `Attributes are not allowed at the top level of a schema file ("${it.name}").`,
        });
        continue;
      }
      if (parent.anyAttr || META.has(it.name)) continue;
      const known = parent.attrs.some((a) => a.name === it.name);
      if (!known) {
        out.push(
          didYouMean(
            `Unsupported argument "${it.name}" in block "${parent.name}".`,
            it.nameRange,
            it.name,
            parent.attrs.map((a) => a.name),
            'unknown-attribute',
          ),
        );
      } else if (it.name === 'type' && TYPED.has(parent.name)) out.push(...checkType(it.expr));
      continue;
    }
    const spec = childSpec(parent, it.type);
    if (!spec) {
      const names = (parent ? parent.blocks : undefined)?.map((b) => b.name) ?? TOP_NAMES();
      out.push(didYouMean(`Unsupported block type "${it.type}"${parent ? ` in block "${parent.name}"` : ''}.`, it.typeRange, it.type, names, 'unknown-block'));
      continue;
    }
    if (spec.notLoaded)
      out.push({
        range: it.typeRange,
        severity: 'warning',
        code: 'not-loaded',
        message: `"${it.type}" blocks are Atlas HCL, but atlas-wb cannot load them into the desired state yet; schema apply and migrate diff will stop here (write it in a SQL schema file).`,
      });
    labels(it, spec, out);
    checkBody(it.body, spec, out);
  }
}

/** Blocks whose `type` attribute is a column type. */
const TYPED = new Set(['column', 'domain', 'field', 'arg']);
const TOP_NAMES = () => TOP_BLOCKS.map((b) => b.name);

function labels(b: Block, spec: BlockSpec, out: ConfigDiagnostic[]): void {
  if (spec.labels === 0 && b.labels.length)
    out.push({ range: b.labels[0].range, severity: 'error', code: 'bad-labels', message: `Block "${b.type}" takes no label.` });
  else if (spec.labels > 0 && !spec.optionalLabel && b.labels.length === 0 && !attr(b.body, 'for_each'))
    out.push({ range: b.typeRange, severity: 'error', code: 'bad-labels', message: `Block "${b.type}" needs a name: ${b.type} "name" { … }.` });
  else if (b.labels.length > spec.labels && spec.labels > 0)
    out.push({
      range: b.labels[spec.labels].range,
      severity: 'error',
      code: 'bad-labels',
      message: `Block "${b.type}" takes at most ${spec.labels} label${spec.labels > 1 ? 's' : ''}.`,
    });
}

const where = (d: Def) => `${d.uri.replace(/^.*\//, '')}:${d.nameRange.start.line + 1}`;

function duplicates(m: SchemaModel, uri: string, out: ConfigDiagnostic[]): void {
  for (const [, list] of m.byId) {
    if (list.length < 2) continue;
    for (const d of list.slice(1)) {
      if (d.uri !== uri) continue;
      const what =
        d.kind === 'column'
          ? `column "${d.name}" in ${d.parent!.kind} "${d.parent!.name}"`
          : `${d.kind} "${d.schema && d.kind !== 'schema' ? `${d.schema}.` : ''}${d.name}"`;
      out.push({ range: d.nameRange, severity: 'error', code: 'duplicate-name', message: `Duplicate ${what}: first defined at ${where(list[0])}.` });
    }
  }
  // index and constraint names within one table
  for (const d of m.defs) {
    if (d.uri !== uri || d.kind !== 'table') continue;
    const seen = new Map<string, Block>();
    for (const b of d.block.body.items) {
      if (b.kind !== 'block' || !['index', 'foreign_key', 'check', 'unique', 'primary_key', 'exclude'].includes(b.type) || !b.labels[0]) continue;
      const n = b.labels[0].value;
      const first = seen.get(n);
      if (first)
        out.push({
          range: b.labels[0].range,
          severity: 'error',
          code: 'duplicate-name',
          message: `Duplicate ${b.type} "${n}" in table "${d.name}": first defined at line ${first.range.start.line + 1}.`,
        });
      else seen.set(n, b);
    }
  }
}

/** Column names of a `columns = [column.a, …]` list (undefined when any element is not a plain column reference). */
export function columnList(b: Body, name = 'columns'): string[] | undefined {
  const e = attr(b, name)?.expr;
  if (e?.kind !== 'tuple') return undefined;
  const out: string[] = [];
  for (const x of e.items) {
    if (x.kind !== 'traversal') return undefined;
    const s = segments(x);
    if (x.root === 'column' && s.length === 1) out.push(s[0].name);
    else if (x.root === 'table' && s.length >= 3 && s[s.length - 2].name === 'column') out.push(s[s.length - 1].name);
    else return undefined;
  }
  return out;
}

/** The column sets that are unique in a table: its primary key, unique constraints, full unique indexes. */
export function uniqueSets(table: Block): string[][] {
  const sets: string[][] = [];
  for (const b of blocks(table.body)) {
    if (b.type === 'primary_key' || b.type === 'unique' || (b.type === 'index' && isTrue(attr(b.body, 'unique')?.expr) && !attr(b.body, 'where'))) {
      const cols = columnList(b.body) ?? (b.type === 'index' ? blocks(b.body, 'on').map((p) => columnOfPart(p)) : undefined);
      if (cols && cols.every((c): c is string => !!c)) sets.push(cols as string[]);
    }
  }
  return sets;
}

const isTrue = (e: { kind: string; value?: unknown } | undefined) => e?.kind === 'literal' && e.value === true;

function columnOfPart(p: Block): string | undefined {
  const e = attr(p.body, 'column')?.expr;
  return e?.kind === 'traversal' && e.root === 'column' ? segments(e)[0]?.name : undefined;
}

function foreignKeys(m: SchemaModel, table: Def, out: ConfigDiagnostic[]): void {
  for (const fk of blocks(table.block.body, 'foreign_key')) {
    const refAttr = attr(fk.body, 'ref_columns');
    const refs = refAttr?.expr.kind === 'tuple' ? refAttr.expr.items : [];
    const uses = refs.map((e) => m.refs.find((u) => u.range === e.range && u.uri === table.uri));
    if (!uses.length || uses.some((u) => !u?.target || !u.target.startsWith('column:'))) continue;
    const targets = uses.map((u) => m.byId.get(u!.target!)![0]);
    const target = targets[0].parent!;
    const names = targets.map((t) => t.name);
    const unique = uniqueSets(target.block).some((s) => s.length === names.length && s.every((c) => names.includes(c)));
    if (!unique)
      out.push({
        range: refAttr!.expr.range,
        severity: 'error',
        code: 'fk-not-unique',
        message: `Foreign key "${fk.labels[0]?.value ?? ''}": there is no unique constraint matching the referenced columns (${names.join(', ')}) of table "${target.name}" (a primary key, unique constraint or unique index on exactly these columns).`,
      });
    const cols = columnList(fk.body);
    if (!cols) continue;
    cols.forEach((c, i) => {
      const col = blocks(table.block.body, 'column').find((b) => b.labels[0]?.value === c);
      const tgt = targets[i];
      if (!col || !tgt) return;
      const a = readType(m, attr(col.body, 'type')?.expr);
      const b = readType(m, attr(tgt.block.body, 'type')?.expr);
      if (!a?.known || !b?.known || a.sql === b.sql) return;
      const colsExpr = attr(fk.body, 'columns')!.expr;
      const range = colsExpr.kind === 'tuple' && colsExpr.items[i] ? colsExpr.items[i].range : colsExpr.range;
      const same = a.family === b.family || (INTS.has(a.family) && INTS.has(b.family));
      out.push({
        range,
        severity: same ? 'warning' : 'error',
        code: 'fk-type-mismatch',
        message: same
          ? `Column "${c}" (${a.sql}) references "${target.name}"."${tgt.name}" (${b.sql}): the types differ; use the same type on both sides.`
          : `Column "${c}" (${a.sql}) references "${target.name}"."${tgt.name}" (${b.sql}): incompatible types, PostgreSQL rejects this foreign key.`,
      });
    });
  }
}

const INTS = new Set(['int2', 'int4', 'int8']);
