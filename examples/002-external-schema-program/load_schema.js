#!/usr/bin/env node
// Prints the desired schema as DDL, as an ORM model loader would (Atlas's external_schema program contract:
// SQL on stdout, exit 0; anything on stderr with a non-zero exit is reported as the error).
const models = [
  { table: 'users', columns: [['id', 'bigserial NOT NULL'], ['email', 'text NOT NULL'], ['created_at', 'timestamptz NOT NULL DEFAULT now()']], unique: ['email'] },
  { table: 'projects', columns: [['id', 'bigserial NOT NULL'], ['owner_id', 'bigint NOT NULL'], ['name', 'text NOT NULL']], fk: [['owner_id', 'users', 'id']] },
];
const out = [];
for (const m of models) {
  const lines = m.columns.map(([n, t]) => `  "${n}" ${t}`);
  lines.push('  PRIMARY KEY ("id")');
  for (const [col, ref, refCol] of m.fk ?? []) lines.push(`  CONSTRAINT "${m.table}_${col}_fkey" FOREIGN KEY ("${col}") REFERENCES "${ref}" ("${refCol}") ON DELETE CASCADE`);
  out.push(`CREATE TABLE "${m.table}" (\n${lines.join(',\n')}\n);`);
  for (const u of m.unique ?? []) out.push(`CREATE UNIQUE INDEX "${m.table}_${u}_key" ON "${m.table}" ("${u}");`);
}
process.stdout.write(out.join('\n') + '\n');
