// The statement dispatch of the reference scan (sqlRefs.ts has the DDL forms): what each kind of statement names,
// including the tables of queries (FROM / JOIN, CTE names and function calls skipped) and DML targets.
import { identOf, type Token } from '../sql/tokens';
import { RefScan, type RelName, type SqlRef } from './sqlRefs';

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

class StatementScan extends RefScan {
  /** FROM / JOIN tables of a query part [a, b) (CTE names and functions skipped) */
  query(a: number, b: number): void {
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
      return this.query(j, t.length);
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
      return this.query(k, t.length);
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
      return this.query(k, t.length);
    }
    if (this.kw(0, 'delete') && this.kw(1, 'from')) {
      this.qname(this.kw(2, 'only') ? 3 : 2, 'table', 'use');
      return this.query(3, t.length);
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
    if (this.kw(0, 'select', 'with', 'values')) return this.query(0, t.length);
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
  const s = new StatementScan(semi < 0 ? sig : sig.slice(0, semi));
  s.statement();
  return s.refs;
}
