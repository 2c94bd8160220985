// Static evaluation of expressions: std functions, templates, operators, for-expressions, unknowns with reasons.
import assert from 'node:assert/strict';
import { blocks } from '../../../server/src/config/ast';
import { Evaluator } from '../../../server/src/config/evaluate';
import { isUnknown, type Value } from '../../../server/src/config/functions';
import { buildModel } from '../../../server/src/config/model';
import { parseHcl } from '../../../server/src/config/parser';
import { parseVars } from '../../../server/src/cli/project';

async function evalLocals(src: string, environ: Record<string, string> = {}): Promise<Record<string, Value>> {
  const doc = await parseHcl(src);
  const model = buildModel(doc.file);
  const ev = new Evaluator(model, { baseDir: __dirname, environ });
  const out: Record<string, Value> = {};
  for (const b of blocks(model.file.body, 'locals')) for (const a of b.body.items) if (a.kind === 'attribute') out[a.name] = ev.local(a.name);
  return out;
}

describe('config/evaluate', () => {
  it('evaluates URL helpers, format, templates, conditionals, for-expressions', async () => {
    const v = await evalLocals(
      `locals {
  a = urlescape("p@ss word/&")
  b = urlsetpath("postgres://u@h:5432/db?sslmode=disable", "/other")
  c = urlqueryset("postgres://h/db", "search_path", "public")
  d = format("%s-%d-%q", "x", 3.7, "y")
  e = "\${local.a}|\${upper("x")}"
  f = length(local.g) > 1 ? "many" : "few"
  g = [for t in ["a", "b", "c"] : "\${t}_db" if t != "b"]
  h = { for k, v in { x = 1, y = 2 } : k => v * 10 }
  i = join(",", sort(keys(local.h)))
  j = getenv("HOME_X") == "" ? "unset" : getenv("HOME_X")
  k = coalesce("", null, "z")
  l = replace(trimspace("  a-b  "), "-", "_")
  m = "\${try(local.nope, "fallback")}"
  n = <<-EOT
    line1
      line2
  EOT
}`,
      {},
    );
    assert.equal(v.a, 'p%40ss+word%2F%26');
    assert.equal(v.b, 'postgres://u@h:5432/other?sslmode=disable');
    assert.equal(v.c, 'postgres://h/db?search_path=public');
    assert.equal(v.d, 'x-3-"y"');
    assert.equal(v.e, 'p%40ss+word%2F%26|X');
    assert.equal(v.f, 'many');
    assert.deepEqual(v.g, ['a_db', 'c_db']);
    assert.deepEqual(v.h, { x: 10, y: 20 });
    assert.equal(v.i, 'x,y');
    assert.equal(v.j, 'unset');
    assert.equal(v.k, 'z');
    assert.equal(v.l, 'a_b');
    assert.equal(v.m, 'fallback');
    assert.equal(v.n, 'line1\n  line2\n');
  });

  it('returns Unknown with a reason for what needs a run (data.sql) and for cycles', async () => {
    const v = await evalLocals(`data "sql" "q" {
  url   = "postgres://h/db"
  query = "select 1"
}
locals {
  a = data.sql.q.value
  b = local.c
  c = local.b
}`);
    assert.ok(isUnknown(v.a) && /computed when Atlas runs/.test(v.a.reason));
    assert.ok(isUnknown(v.b) && /refers to itself/.test(v.b.reason));
  });

  it('--var given several times becomes a list', () => {
    assert.deepEqual(parseVars(['t=a', 't=b', 'u=x=y']), { t: '["a","b"]', u: 'x=y' });
  });
});
