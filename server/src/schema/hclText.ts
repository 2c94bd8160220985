// Text helpers of the HCL writer: quoted strings (HCL escapes, `${`/`%{` doubled), references, blocks with
// their attributes' `=` aligned as hclwrite aligns them, and index blocks (tables and materialized views).
import type { Index } from './model';

/** An HCL string literal: JSON's escapes plus HCL's template escapes. */
export const hstr = (s: string): string => JSON.stringify(s).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');

export const colRef = (c: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(c) ? `column.${c}` : `column[${hstr(c)}]`);

export type Attrs = Array<[string, string]>;

export interface HclNames {
  schemaRef(schema: string): string;
  tableRef(schema: string, table: string): string;
  tableHeader(schema: string, table: string): string;
  typeRef(schema: string, name: string): string;
  /** sequences created with their column (serial, identity): not printed */
  implicit(schema: string, name: string): boolean;
}

/** A block with aligned attributes followed by its child blocks, indented by two spaces per level. */
export function block(header: string, attrs: Attrs, children: string[][] = []): string[] {
  const width = Math.max(0, ...attrs.map(([k]) => k.length));
  return [`${header} {`, ...attrs.map(([k, v]) => `  ${k.padEnd(width)} = ${v}`), ...children.flat().map((l) => `  ${l}`), '}'];
}

/** An `index` block: `columns` when every part is a plain ascending column, `on` blocks otherwise. */
export function indexBlock(i: Index): string[] {
  const attrs: Attrs = [];
  if (i.unique) attrs.push(['unique', 'true']);
  if (i.method !== 'btree') attrs.push(['type', i.method.toUpperCase()]);
  const sub: string[][] = [];
  const plain = i.parts.every((p) => p.column !== undefined && !p.desc && !p.opclass && p.collation === undefined && p.nullsFirst === p.desc);
  if (plain) attrs.push(['columns', `[${i.parts.map((p) => colRef(p.column!)).join(', ')}]`]);
  else
    for (const p of i.parts) {
      const on: Attrs = p.column !== undefined ? [['column', colRef(p.column)]] : [['expr', hstr(p.expr ?? '')]];
      if (p.desc) on.push(['desc', 'true']);
      if (p.nullsFirst !== p.desc) on.push([p.nullsFirst ? 'nulls_first' : 'nulls_last', 'true']);
      if (p.opclass) on.push(['ops', /^[a-z_][a-z0-9_]*$/.test(p.opclass) ? p.opclass : `sql(${hstr(p.opclass)})`]);
      if (p.collation !== undefined) on.push(['collate', hstr(p.collation)]);
      sub.push(block('on', on));
    }
  if (i.include.length) attrs.push(['include', `[${i.include.map(colRef).join(', ')}]`]);
  if (i.where !== undefined) attrs.push(['where', hstr(i.where)]);
  if (i.nullsNotDistinct) attrs.push(['nulls_distinct', 'false']);
  if (i.comment !== undefined) attrs.push(['comment', hstr(i.comment)]);
  // Attributes first, then the `on` blocks, as Atlas prints them.
  return block(`index ${hstr(i.name)}`, attrs, sub);
}
