// What a statement names, found by a tolerant scan over its tokens (sql/tokens.ts): the tables, columns, indexes,
// constraints, types, schemas and enum labels it creates, alters, drops or uses, each with the range of its
// name token. It works on incomplete statements (the one being typed), so completion, hover, definition,
// references and the "reference to nothing" check all read the same list. This file: the DDL forms; the
// statement dispatch and queries are in sqlStatementRefs.ts.
import { TokenScan } from '../sql/tokenScan';
import { identOf } from '../sql/tokens';

export type RefKind = 'table' | 'column' | 'index' | 'constraint' | 'type' | 'schema' | 'label';
export type RefRole = 'create' | 'alter' | 'drop' | 'use' | 'rename';

export interface RelName {
  schema?: string;
  name: string;
}

export interface SqlRef {
  kind: RefKind;
  /** identifier (a label: the string's content) */
  name: string;
  /** explicit schema qualifier (tables, indexes, types) */
  schema?: string;
  /** columns, constraints and labels: their table */
  table?: RelName;
  /** labels: the column whose value it is */
  column?: string;
  /** labels: the type named next to it (a column definition's type) */
  typeName?: string;
  role: RefRole;
  /** IF EXISTS / IF NOT EXISTS */
  guarded?: boolean;
  /** a table named in FROM / JOIN (may be a CTE alias, a function, a view): checked only when certain */
  loose?: boolean;
  /** UTF-16 range of the name token in the tokenized text */
  start: number;
  end: number;
}

const constraintWords = ['constraint', 'primary', 'unique', 'foreign', 'check', 'exclude'];

/** The reference-finding scan of one statement: name readers and the DDL forms. */
export class RefScan extends TokenScan {
  readonly refs: SqlRef[] = [];

  /** a query part [a, b) (CREATE TABLE … AS): overridden by the statement scanner */
  query(_a: number, _b: number): void {}

  /** a possibly schema-qualified name at j: emits the ref (and a schema ref), returns the index after it */
  qname(j: number, kind: RefKind, role: RefRole, extra: Partial<SqlRef> = {}): { next: number; rel?: RelName } {
    const a = identOf(this.t[j]);
    if (a === undefined) return { next: j };
    if (this.punct(j + 1, '.') && identOf(this.t[j + 2]) !== undefined) {
      const name = identOf(this.t[j + 2])!;
      this.add({ kind: 'schema', name: a, role: 'use', start: this.t[j].start, end: this.t[j].end });
      this.add({ kind, name, schema: a, role, ...extra, start: this.t[j + 2].start, end: this.t[j + 2].end });
      return { next: j + 3, rel: { schema: a, name } };
    }
    this.add({ kind, name: a, role, ...extra, start: this.t[j].start, end: this.t[j].end });
    return { next: j + 1, rel: { name: a } };
  }
  add(r: SqlRef): void {
    this.refs.push(r);
  }
  ident(j: number, kind: RefKind, role: RefRole, extra: Partial<SqlRef> = {}): number {
    const v = identOf(this.t[j]);
    if (v === undefined) return j;
    this.add({ kind, name: v, role, ...extra, start: this.t[j].start, end: this.t[j].end });
    return j + 1;
  }
  /** `( a, b )` at j: each part's leading identifier as a column of `table` (expressions skipped) */
  columnList(j: number, table: RelName | undefined, role: RefRole = 'use'): number {
    if (!this.punct(j, '(')) return j;
    const end = this.close(j);
    for (const [a, b] of this.parts(j + 1, this.punct(end - 1, ')') ? end - 1 : end))
      if (identOf(this.t[a]) !== undefined && !this.punct(a + 1, '(') && b > a) this.ident(a, 'column', role, { table });
    return end;
  }
  /** enum-label candidates in a CHECK expression: `col = 'x'`, `col IN ('a', 'b')` */
  checkLabels(a: number, b: number, table: RelName | undefined): void {
    for (let k = a; k < b; k++) {
      const col = identOf(this.t[k]);
      if (col === undefined || (this.t[k].kind === 'word' && ['in', 'and', 'or', 'not', 'check'].includes(col))) continue;
      if ((this.punct(k + 1, '=') || this.punct(k + 1, '<>') || this.punct(k + 1, '!=')) && this.t[k + 2]?.kind === 'string') this.label(k + 2, table, col);
      else if (this.kw(k + 1, 'in') && this.punct(k + 2, '(')) {
        const end = Math.min(this.close(k + 2), b);
        for (let m = k + 3; m < end; m++) if (this.t[m].kind === 'string') this.label(m, table, col);
      }
    }
  }
  label(j: number, table: RelName | undefined, column: string | undefined, typeName?: string): void {
    const s = this.t[j];
    this.add({ kind: 'label', name: s.value, table, column, typeName, role: 'use', start: s.start, end: s.end });
  }
  /** a type name at j (first word; `schema.type` qualified) */
  type(j: number): { next: number; name?: string } {
    if (identOf(this.t[j]) === undefined) return { next: j };
    const { next, rel } = this.qname(j, 'type', 'use');
    return { next, name: rel?.name };
  }

  /** a column definition or table constraint of CREATE TABLE / ALTER TABLE ADD */
  element(a: number, b: number, table: RelName | undefined, role: RefRole = 'create'): void {
    let j = a;
    if (this.kw(j, 'constraint')) j = this.ident(j + 1, 'constraint', 'create', { table });
    if (this.kw(j, 'primary', 'unique')) {
      while (j < b && !this.punct(j, '(')) j++;
      this.columnList(j, table);
      return;
    }
    if (this.kw(j, 'foreign')) {
      while (j < b && !this.punct(j, '(')) j++;
      j = this.columnList(j, table);
      if (this.kw(j, 'references')) this.references(j + 1);
      return;
    }
    if (this.kw(j, 'check')) return this.checkLabels(j + 1, b, table);
    if (this.kw(j, 'like')) return void this.qname(j + 1, 'table', 'use');
    if (this.kw(j, 'exclude')) return;
    const col = identOf(this.t[j]);
    if (col === undefined) return;
    j = this.ident(j, 'column', role, { table });
    const ty = this.type(j);
    j = ty.next;
    for (; j < b; j++) {
      if (this.kw(j, 'references')) j = this.references(j + 1) - 1;
      else if (this.kw(j, 'constraint')) this.ident(j + 1, 'constraint', 'create', { table });
      else if (this.kw(j, 'default') && this.t[j + 1]?.kind === 'string') this.label(j + 1, table, col, ty.name);
      else if (this.kw(j, 'check') && this.punct(j + 1, '(')) {
        const end = this.close(j + 1);
        this.checkLabels(j + 2, end, table);
        j = end - 1;
      }
    }
  }
  references(j: number): number {
    const { next, rel } = this.qname(j, 'table', 'use');
    return this.columnList(next, rel);
  }

  createTable(j: number): void {
    const [k, guarded] = this.ifExists(j);
    const { next, rel } = this.qname(k, 'table', 'create', { guarded });
    if (!rel) return;
    if (this.kw(next, 'partition') && this.kw(next + 1, 'of')) return void this.qname(next + 2, 'table', 'use');
    if (this.kw(next, 'as')) return this.query(next + 1, this.t.length);
    if (!this.punct(next, '(')) return;
    const end = this.close(next);
    for (const [a, b] of this.parts(next + 1, this.punct(end - 1, ')') ? end - 1 : end)) this.element(a, b, rel);
    this.query(end, this.t.length);
  }

  alterTable(j: number): void {
    const [at, guarded] = this.ifExists(j);
    const k = this.kw(at, 'only') ? at + 1 : at;
    const { next, rel } = this.qname(k, 'table', 'alter', { guarded });
    if (!rel) return;
    let start = next;
    if (this.punct(start, '*')) start++;
    for (const [a, b] of this.parts(start, this.t.length)) this.alterCmd(a, b, rel);
  }

  alterCmd(a: number, b: number, table: RelName): void {
    let j = a + 1;
    if (this.kw(a, 'add')) {
      if (this.kw(j, ...constraintWords)) return this.element(j, b, table);
      if (this.kw(j, 'column')) j++;
      const [k] = this.ifExists(j);
      return this.element(k, b, table);
    }
    if (this.kw(a, 'drop')) {
      if (this.kw(j, 'constraint')) {
        const [k, guarded] = this.ifExists(j + 1);
        return void this.ident(k, 'constraint', 'drop', { table, guarded });
      }
      if (this.kw(j, 'column')) j++;
      const [k, guarded] = this.ifExists(j);
      if (this.kw(k, 'not', 'default', 'identity', 'expression')) return;
      return void this.ident(k, 'column', 'drop', { table, guarded });
    }
    if (this.kw(a, 'alter')) {
      if (this.kw(j, 'constraint')) return void this.ident(j + 1, 'constraint', 'alter', { table });
      if (this.kw(j, 'column')) j++;
      const col = identOf(this.t[j]);
      j = this.ident(j, 'column', 'alter', { table });
      if (this.kw(j, 'type')) this.type(j + 1);
      else if (this.kw(j, 'set') && this.kw(j + 1, 'data') && this.kw(j + 2, 'type')) this.type(j + 3);
      else if (this.kw(j, 'set') && this.kw(j + 1, 'default') && this.t[j + 2]?.kind === 'string') this.label(j + 2, table, col);
      return;
    }
    if (this.kw(a, 'rename')) {
      if (this.kw(j, 'to')) return void this.ident(j + 1, 'table', 'rename', { schema: table.schema });
      if (this.kw(j, 'constraint')) {
        const k = this.ident(j + 1, 'constraint', 'alter', { table });
        if (this.kw(k, 'to')) this.ident(k + 1, 'constraint', 'rename', { table });
        return;
      }
      if (this.kw(j, 'column')) j++;
      const k = this.ident(j, 'column', 'alter', { table });
      if (this.kw(k, 'to')) this.ident(k + 1, 'column', 'rename', { table });
      return;
    }
    if (this.kw(a, 'validate') && this.kw(j, 'constraint')) return void this.ident(j + 1, 'constraint', 'use', { table });
    if (this.kw(a, 'attach', 'detach') && this.kw(j, 'partition')) return void this.qname(j + 1, 'table', 'use');
  }

  createIndex(j: number): void {
    if (this.kw(j, 'concurrently')) j++;
    const [k, guarded] = this.ifExists(j);
    j = k;
    if (!this.kw(j, 'on')) j = this.qname(j, 'index', 'create', { guarded }).next;
    if (!this.kw(j, 'on')) return;
    j++;
    if (this.kw(j, 'only')) j++;
    const { next, rel } = this.qname(j, 'table', 'use');
    j = next;
    if (this.kw(j, 'using')) j += 2;
    this.columnList(j, rel);
  }

  drop(j: number): void {
    const kind: RefKind | undefined = this.kw(j, 'table')
      ? 'table'
      : this.kw(j, 'index')
        ? 'index'
        : this.kw(j, 'type', 'domain')
          ? 'type'
          : this.kw(j, 'schema')
            ? 'schema'
            : undefined;
    if (!kind) return;
    j++;
    if (this.kw(j, 'concurrently')) j++;
    const [k, guarded] = this.ifExists(j);
    for (const [a] of this.parts(k, this.t.length)) this.qname(a, kind, 'drop', { guarded });
  }
}
