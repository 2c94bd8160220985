// What a statement names, found by a tolerant scan over its tokens (sql/tokens.ts): the tables, columns, indexes,
// constraints, types, schemas and enum labels it creates, alters, drops or uses, each with the range of its
// name token. It works on incomplete statements (the one being typed), so completion, hover, definition,
// references and the "reference to nothing" check all read the same list.
import { identOf, type Token } from '../sql/tokens';

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
const notAlias = new Set([
  'where',
  'join',
  'inner',
  'left',
  'right',
  'full',
  'cross',
  'natural',
  'on',
  'using',
  'group',
  'order',
  'limit',
  'offset',
  'union',
  'except',
  'intersect',
  'returning',
  'set',
  'window',
  'having',
  'for',
  'lateral',
  'values',
  'select',
  'default',
  'do',
]);

class Scan {
  readonly refs: SqlRef[] = [];
  constructor(readonly t: Token[]) {}

  kw(j: number, ...words: string[]): boolean {
    const x = this.t[j];
    return !!x && x.kind === 'word' && words.includes(x.value);
  }
  punct(j: number, p: string): boolean {
    const x = this.t[j];
    return !!x && (x.kind === 'punct' || x.kind === 'op') && x.value === p;
  }
  /** skips IF [NOT] EXISTS at j; returns [next, found] */
  ifExists(j: number): [number, boolean] {
    if (this.kw(j, 'if') && this.kw(j + 1, 'exists')) return [j + 2, true];
    if (this.kw(j, 'if') && this.kw(j + 1, 'not') && this.kw(j + 2, 'exists')) return [j + 3, true];
    return [j, false];
  }
  /** index after the `)` matching the `(` at j (tokens.length when unclosed) */
  close(j: number): number {
    let depth = 0;
    for (let k = j; k < this.t.length; k++) {
      if (this.punct(k, '(')) depth++;
      else if (this.punct(k, ')') && --depth === 0) return k + 1;
    }
    return this.t.length;
  }
  /** top-level comma-separated parts of [a, b) */
  parts(a: number, b: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    let depth = 0;
    let from = a;
    for (let k = a; k < b; k++) {
      if (this.punct(k, '(')) depth++;
      else if (this.punct(k, ')')) depth--;
      else if (depth === 0 && this.punct(k, ',')) {
        out.push([from, k]);
        from = k + 1;
      }
    }
    if (from < b || from === a) out.push([from, b]);
    return out;
  }
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
    if (this.kw(next, 'as')) return this.from(next + 1, this.t.length);
    if (!this.punct(next, '(')) return;
    const end = this.close(next);
    for (const [a, b] of this.parts(next + 1, this.punct(end - 1, ')') ? end - 1 : end)) this.element(a, b, rel);
    this.from(end, this.t.length);
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

  /** FROM / JOIN tables of a query part [a, b) (CTE names and functions skipped) */
  from(a: number, b: number): void {
    const ctes = new Set<string>();
    const stack: boolean[] = [];
    for (let k = a; k < b; k++) {
      if (this.punct(k, '(')) stack.push(this.kw(k + 1, 'select', 'with', 'values'));
      else if (this.punct(k, ')')) stack.pop();
      else if (
        identOf(this.t[k]) !== undefined &&
        this.kw(k + 1, 'as') &&
        this.punct(k + 2, '(') &&
        (this.kw(k - 1, 'with', 'recursive') || this.punct(k - 1, ','))
      )
        ctes.add(identOf(this.t[k])!);
      else if (this.kw(k, 'from', 'join') && (stack.length === 0 || stack[stack.length - 1])) {
        let m = k + 1;
        for (;;) {
          if (this.kw(m, 'only', 'lateral')) m++;
          const name = identOf(this.t[m]);
          if (name === undefined || this.punct(m, '(')) break;
          const qualified = this.punct(m + 1, '.');
          const after = qualified ? m + 3 : m + 1;
          if (this.punct(after, '(') || (!qualified && ctes.has(name))) break;
          m = this.qname(m, 'table', 'use', { loose: true }).next;
          if (this.kw(m, 'as')) m += 2;
          else if (this.t[m]?.kind === 'word' && !notAlias.has(this.t[m].value)) m++;
          if (!this.punct(m, ',') || this.kw(k, 'join')) break;
          m++;
        }
      }
    }
  }

  statement(): void {
    const t = this.t;
    if (!t.length) return;
    let j = 1;
    if (this.kw(0, 'create')) {
      if (this.kw(j, 'or') && this.kw(j + 1, 'replace')) j += 2;
      while (this.kw(j, 'unlogged', 'temp', 'temporary', 'global', 'local', 'unique', 'materialized', 'recursive')) j++;
      if (this.kw(j, 'table')) return this.createTable(j + 1);
      if (this.kw(j, 'index')) return this.createIndex(j + 1);
      if (this.kw(j, 'type')) return void this.qname(j + 1, 'type', 'create');
      if (this.kw(j, 'domain')) {
        const k = this.qname(j + 1, 'type', 'create').next;
        return void this.type(this.kw(k, 'as') ? k + 1 : k);
      }
      if (this.kw(j, 'schema')) {
        const [k, guarded] = this.ifExists(j + 1);
        return void this.ident(k, 'schema', 'create', { guarded });
      }
      if (this.kw(j, 'trigger', 'policy', 'rule')) {
        for (let k = j; k < t.length; k++) if (this.kw(k, 'on')) return void this.qname(this.kw(k + 1, 'only') ? k + 2 : k + 1, 'table', 'use');
        return;
      }
      return this.from(j, t.length);
    }
    if (this.kw(0, 'alter')) {
      if (this.kw(1, 'table')) return this.alterTable(2);
      if (this.kw(1, 'index')) {
        const [k, guarded] = this.ifExists(2);
        const { next } = this.qname(k, 'index', 'alter', { guarded });
        if (this.kw(next, 'rename') && this.kw(next + 1, 'to')) this.ident(next + 2, 'index', 'rename');
        return;
      }
      if (this.kw(1, 'type', 'domain')) return void this.qname(2, 'type', 'alter');
      return;
    }
    if (this.kw(0, 'drop')) return this.drop(1);
    if (this.kw(0, 'insert') && this.kw(1, 'into')) {
      const { next, rel } = this.qname(2, 'table', 'use');
      let k = next;
      if (this.kw(k, 'as')) k += 2;
      this.columnList(k, rel);
      return this.from(k, t.length);
    }
    if (this.kw(0, 'update')) {
      const { next, rel } = this.qname(this.kw(1, 'only') ? 2 : 1, 'table', 'use');
      let k = next;
      if (this.kw(k, 'as')) k += 2;
      else if (this.t[k]?.kind === 'word' && !this.kw(k, 'set')) k++;
      if (this.kw(k, 'set')) {
        const stop = t.findIndex((x, i) => i > k && x.kind === 'word' && ['where', 'from', 'returning'].includes(x.value));
        for (const [a] of this.parts(k + 1, stop < 0 ? t.length : stop)) if (!this.punct(a, '(')) this.ident(a, 'column', 'use', { table: rel });
      }
      return this.from(k, t.length);
    }
    if (this.kw(0, 'delete') && this.kw(1, 'from')) {
      this.qname(this.kw(2, 'only') ? 3 : 2, 'table', 'use');
      return this.from(3, t.length);
    }
    if (this.kw(0, 'truncate')) {
      let k = this.kw(1, 'table') ? 2 : 1;
      if (this.kw(k, 'only')) k++;
      for (const [a] of this.parts(k, t.length)) this.qname(a, 'table', 'use');
      return;
    }
    if (this.kw(0, 'comment') && this.kw(1, 'on')) {
      if (this.kw(2, 'table')) return void this.qname(3, 'table', 'use');
      if (this.kw(2, 'column')) return this.commentColumn(3);
      return;
    }
    if (this.kw(0, 'select', 'with', 'values')) return this.from(0, t.length);
  }

  commentColumn(j: number): void {
    const names: number[] = [];
    for (let k = j; identOf(this.t[k]) !== undefined; k += 2) {
      names.push(k);
      if (!this.punct(k + 1, '.')) break;
    }
    if (names.length < 2) return;
    const col = names.pop()!;
    const tab = names.pop()!;
    const schema = names.length ? identOf(this.t[names[0]]) : undefined;
    if (schema) this.add({ kind: 'schema', name: schema, role: 'use', start: this.t[names[0]].start, end: this.t[names[0]].end });
    const table: RelName = { schema, name: identOf(this.t[tab])! };
    this.add({ kind: 'table', ...table, role: 'use', start: this.t[tab].start, end: this.t[tab].end });
    this.ident(col, 'column', 'use', { table });
  }
}

/** The references of one statement's tokens (comments are skipped; a trailing `;` ends it). */
export function statementRefs(tokens: Token[]): SqlRef[] {
  const sig = tokens.filter((x) => x.kind !== 'comment');
  const semi = sig.findIndex((x) => x.kind === 'punct' && x.value === ';');
  const s = new Scan(semi < 0 ? sig : sig.slice(0, semi));
  s.statement();
  return s.refs;
}
