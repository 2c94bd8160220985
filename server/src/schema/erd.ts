// Mermaid `erDiagram` of a model: one entity per table (columns with types, PK/FK/UK marks) and one
// relationship per foreign key. Entity names are schema-qualified when the model has several schemas.
import type { Realm, Table } from './model';

/** Mermaid identifiers allow letters, digits, `_` and `-`; anything else is replaced. */
const ident = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_');
/** Mermaid attribute types: no spaces or parentheses. */
const typeName = (s: string): string =>
  s
    .replace(/\s+/g, '_')
    .replace(/[(),]/g, (c) => (c === ',' ? '-' : c === '(' ? '_' : ''))
    .replace(/\[\]/g, '_array');

export function mermaidErd(realm: Realm): string {
  const multi = realm.schemas.filter((s) => s.tables.length).length > 1;
  const name = (schema: string, table: string) => ident(multi ? `${schema}.${table}` : table);
  const lines = ['erDiagram'];
  const tables = realm.schemas.flatMap((s) => s.tables);
  for (const t of tables) {
    lines.push(`    ${name(t.schema, t.name)} {`);
    for (const c of t.columns) {
      const marks = keyMarks(t, c.name);
      const type = c.typeRef ? c.typeRef.name + '[]'.repeat(c.typeRef.array) : c.type;
      lines.push(`        ${typeName(type)} ${ident(c.name)}${marks.length ? ' ' + marks.join(', ') : ''}${c.notNull ? '' : ' "null"'}`);
    }
    lines.push('    }');
  }
  for (const t of tables) {
    for (const f of t.foreignKeys) {
      if (!tables.some((x) => x.schema === f.refSchema && x.name === f.refTable)) continue;
      const nullable = f.columns.some((c) => !t.columns.find((x) => x.name === c)?.notNull);
      const unique = isUnique(t, f.columns);
      // referenced side: exactly one (or zero-or-one when the FK columns may be NULL); referencing side: many or one.
      const left = nullable ? '|o' : '||';
      const right = unique ? 'o|' : 'o{';
      lines.push(`    ${name(f.refSchema, f.refTable)} ${left}--${right} ${name(t.schema, t.name)} : "${f.name.replace(/"/g, "'")}"`);
    }
  }
  return lines.join('\n') + '\n';
}

function keyMarks(t: Table, column: string): string[] {
  const marks: string[] = [];
  if (t.primaryKey?.columns.includes(column)) marks.push('PK');
  if (t.foreignKeys.some((f) => f.columns.includes(column))) marks.push('FK');
  if (
    t.uniques.some((u) => u.columns.length === 1 && u.columns[0] === column) ||
    t.indexes.some((i) => i.unique && i.parts.length === 1 && i.parts[0].column === column && i.where === undefined)
  )
    marks.push('UK');
  return marks;
}

function isUnique(t: Table, cols: string[]): boolean {
  const eq = (a: string[]) => a.length === cols.length && a.every((c) => cols.includes(c));
  return (
    (!!t.primaryKey && eq(t.primaryKey.columns)) ||
    t.uniques.some((u) => eq(u.columns)) ||
    t.indexes.some((i) => i.unique && i.where === undefined && i.parts.every((p) => p.column !== undefined) && eq(i.parts.map((p) => p.column!)))
  );
}
