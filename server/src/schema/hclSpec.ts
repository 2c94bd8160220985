// What Atlas's PostgreSQL HCL schema language allows (sql/postgres/sqlspec.go, sql/sqlspec): blocks, their
// attributes and child blocks, the column types with their parameters, and the keyword values of a few attributes.
// Facts only: the checks, completion and hover of `*.pg.hcl` read this table, and the desired-state loader
// (hclSchema.ts) takes the top-level blocks it reads from it.

export interface AttrSpec {
  name: string;
  doc: string;
  /** keyword values (written bare, e.g. `on_delete = CASCADE`) */
  keywords?: string[];
  /** completion snippet of the value */
  snippet?: string;
}

export interface BlockSpec {
  name: string;
  doc: string;
  /** how many labels: 1 = name, 2 = qualifier (schema) + name allowed; 0 = none */
  labels: 0 | 1 | 2;
  /** labels are optional (e.g. a primary key or check may be unnamed) */
  optionalLabel?: boolean;
  attrs: AttrSpec[];
  blocks: BlockSpec[];
  /** any attribute is allowed (locals) */
  anyAttr?: boolean;
  /** Atlas's language has it, but atlas-wb's desired-state loader (hclSchema.ts) does not read it yet */
  notLoaded?: boolean;
}

const a = (name: string, doc: string, extra: Partial<AttrSpec> = {}): AttrSpec => ({ name, doc, ...extra });
const FK_ACTIONS = ['NO_ACTION', 'RESTRICT', 'CASCADE', 'SET_NULL', 'SET_DEFAULT'];
const schemaAttr = a('schema', 'The schema the object belongs to: `schema.<name>`.', { snippet: 'schema.${1}' });
const comment = a('comment', 'Comment on the object (COMMENT ON).', { snippet: '"${1}"' });
const forEach = a('for_each', 'Creates one block per element of a map or set (`each.key`, `each.value`).');
const dependsOn = a('depends_on', 'Explicit dependencies: a list of references to other objects.');
const deferrable = a('deferrable', 'DEFERRABLE constraint (`true`, or `INITIALLY_DEFERRED` / `INITIALLY_IMMEDIATE`).');

const block = (name: string, doc: string, labels: 0 | 1 | 2, attrs: AttrSpec[], blocks: BlockSpec[] = [], extra: Partial<BlockSpec> = {}): BlockSpec => ({
  name,
  doc,
  labels,
  attrs: [...attrs, forEach],
  blocks,
  ...extra,
});

const indexPart = block('on', 'One part of the index: a column or an expression, with its ordering and operator class.', 0, [
  a('column', 'The indexed column: `column.<name>`.', { snippet: 'column.${1}' }),
  a('expr', 'An index expression (SQL).', { snippet: '"${1}"' }),
  a('desc', 'Descending order.', { keywords: ['true', 'false'] }),
  a('ops', 'Operator class, e.g. `text_pattern_ops` or `sql("gin_trgm_ops")`.'),
  a('collate', 'Collation of the part.'),
  a('nulls_first', 'NULLS FIRST.', { keywords: ['true', 'false'] }),
  a('nulls_last', 'NULLS LAST.', { keywords: ['true', 'false'] }),
]);

const INDEX_TYPES = ['BTREE', 'HASH', 'GIN', 'GIST', 'BRIN', 'SPGIST'];
const index = block(
  'index',
  'An index on the table: `columns` or `on` parts, `unique`, `type`, `where`, `include`.',
  1,
  [
    a('columns', 'The indexed columns: `[column.a, column.b]`.', { snippet: '[column.${1}]' }),
    a('unique', 'A UNIQUE index.', { keywords: ['true', 'false'] }),
    a('type', 'Index method.', { keywords: INDEX_TYPES }),
    a('where', 'Predicate of a partial index (SQL).', { snippet: '"${1}"' }),
    a('include', 'INCLUDE columns (covering index).', { snippet: '[column.${1}]' }),
    a('nulls_distinct', 'NULLS [NOT] DISTINCT of a unique index.', { keywords: ['true', 'false'] }),
    a('page_per_range', 'BRIN pages_per_range storage parameter.'),
    a('storage_params', 'Storage parameters of the index.'),
    comment,
  ],
  [indexPart],
);

const column = block(
  'column',
  'A column: `type`, `null`, `default`, `identity`, `as` (generated).',
  1,
  [
    a('type', 'Column type, e.g. `integer`, `varchar(255)`, `numeric(10,2)`, `enum.<name>` or `sql("…")`.'),
    a('null', 'Whether the column accepts NULL (default `false`: NOT NULL).', { keywords: ['true', 'false'] }),
    a('default', 'Default value: a literal or `sql("expression")`.'),
    a('collate', 'Collation of the column.'),
    comment,
  ],
  [
    block('identity', 'GENERATED … AS IDENTITY.', 0, [
      a('generated', 'ALWAYS or BY_DEFAULT.', { keywords: ['ALWAYS', 'BY_DEFAULT'] }),
      a('start', 'Start value.'),
      a('increment', 'Increment.'),
    ]),
    block('as', 'A generated column: GENERATED ALWAYS AS (expr) STORED.', 0, [
      a('expr', 'The generation expression (SQL).', { snippet: '"${1}"' }),
      a('type', 'STORED (or VIRTUAL).', { keywords: ['STORED', 'VIRTUAL'] }),
    ]),
  ],
);

const check = block(
  'check',
  'A CHECK constraint.',
  1,
  [a('expr', 'The condition (SQL).', { snippet: '"${1}"' }), a('no_inherit', 'NO INHERIT.'), comment],
  [],
  {
    optionalLabel: true,
  },
);

const table = block(
  'table',
  'A table with its columns, keys, indexes and constraints.',
  2,
  [schemaAttr, comment, a('unlogged', 'An UNLOGGED table.', { keywords: ['true', 'false'] }), dependsOn],
  [
    column,
    block(
      'primary_key',
      'The primary key.',
      1,
      [a('columns', 'Key columns: `[column.id]`.', { snippet: '[column.${1}]' }), a('include', 'INCLUDE columns.'), deferrable, comment],
      [],
      {
        optionalLabel: true,
      },
    ),
    index,
    block('foreign_key', 'A FOREIGN KEY constraint.', 1, [
      a('columns', 'Referencing columns: `[column.a]`.', { snippet: '[column.${1}]' }),
      a('ref_columns', 'Referenced columns: `[table.<t>.column.<c>]`.', { snippet: '[table.${1}.column.${2}]' }),
      a('on_update', 'ON UPDATE action.', { keywords: FK_ACTIONS }),
      a('on_delete', 'ON DELETE action.', { keywords: FK_ACTIONS }),
      deferrable,
      comment,
    ]),
    check,
    block(
      'unique',
      'A UNIQUE constraint (kept as a constraint, not an index).',
      1,
      [
        a('columns', 'The unique columns.', { snippet: '[column.${1}]' }),
        a('include', 'INCLUDE columns.'),
        a('nulls_distinct', 'NULLS [NOT] DISTINCT.'),
        deferrable,
        comment,
      ],
      [],
    ),
    block(
      'exclude',
      'An EXCLUDE constraint.',
      1,
      [a('type', 'Index method.', { keywords: INDEX_TYPES }), a('where', 'Predicate (SQL).'), deferrable, comment],
      [
        block('on', 'One element: a column or an expression with its operator.', 0, [
          a('column', 'Column.'),
          a('expr', 'Expression.'),
          a('op', 'Operator.'),
          a('ops', 'Operator class.'),
        ]),
      ],
    ),
    block(
      'partition',
      'PARTITION BY of a partitioned table.',
      0,
      [a('type', 'RANGE, LIST or HASH.', { keywords: ['RANGE', 'LIST', 'HASH'] }), a('columns', 'Partition key columns.')],
      [block('by', 'One part of the partition key.', 0, [a('column', 'Column.'), a('expr', 'Expression.')])],
    ),
    block('row_security', 'Row-level security of the table.', 0, [a('enabled', 'ENABLE ROW LEVEL SECURITY.'), a('enforced', 'FORCE ROW LEVEL SECURITY.')]),
  ],
);

const viewColumn = block('column', 'A column of the view (for its comment).', 1, [comment]);
const asAttr = a('as', 'The query (SQL), usually a heredoc.', { snippet: '<<-SQL\n  ${1}\nSQL' });
const args = block(
  'arg',
  'An argument.',
  1,
  [a('type', 'Argument type.'), a('mode', 'IN, OUT, INOUT or VARIADIC.', { keywords: ['IN', 'OUT', 'INOUT', 'VARIADIC'] }), a('default', 'Default value.')],
  [],
  {
    optionalLabel: true,
  },
);

export const TOP_BLOCKS: BlockSpec[] = [
  block('schema', 'A schema (namespace).', 1, [comment]),
  table,
  block('enum', 'An enum type.', 2, [schemaAttr, a('values', 'The labels, in order.', { snippet: '["${1}"]' }), comment]),
  block(
    'domain',
    'A domain over a base type.',
    2,
    [schemaAttr, a('type', 'Base type.'), a('null', 'Whether NULL is allowed.'), a('default', 'Default value.'), a('collate', 'Collation.'), comment],
    [check],
  ),
  block(
    'composite',
    'A composite type.',
    2,
    [schemaAttr, comment],
    [block('field', 'A field of the composite type.', 1, [a('type', 'Field type.'), a('collate', 'Collation.'), comment])],
  ),
  block('sequence', 'A sequence.', 2, [
    schemaAttr,
    a('type', 'smallint, integer or bigint.'),
    a('start', 'START WITH.'),
    a('increment', 'INCREMENT BY.'),
    a('min_value', 'MINVALUE.'),
    a('max_value', 'MAXVALUE.'),
    a('cache', 'CACHE.'),
    a('cycle', 'CYCLE.', { keywords: ['true', 'false'] }),
    a('owner', 'OWNED BY: `table.<t>.column.<c>`.'),
    comment,
  ]),
  block(
    'view',
    'A view.',
    2,
    [
      schemaAttr,
      asAttr,
      a('check_option', 'LOCAL or CASCADED.', { keywords: ['LOCAL', 'CASCADED'] }),
      a('security_barrier', 'security_barrier option.'),
      a('security_invoker', 'security_invoker option.'),
      dependsOn,
      comment,
    ],
    [viewColumn],
  ),
  block('materialized', 'A materialized view.', 2, [schemaAttr, asAttr, dependsOn, comment], [viewColumn, index]),
  block(
    'function',
    'A function.',
    2,
    [
      schemaAttr,
      a('lang', 'Language: SQL, PLpgSQL, …', { keywords: ['SQL', 'PLpgSQL'] }),
      a('return', 'Return type.'),
      a('as', 'The body.', { snippet: '<<-SQL\n  ${1}\nSQL' }),
      a('volatility', 'VOLATILE, STABLE or IMMUTABLE.', { keywords: ['VOLATILE', 'STABLE', 'IMMUTABLE'] }),
      a('security', 'INVOKER or DEFINER.', { keywords: ['INVOKER', 'DEFINER'] }),
      a('leakproof', 'LEAKPROOF.'),
      a('strict', 'STRICT (RETURNS NULL ON NULL INPUT).'),
      a('parallel', 'UNSAFE, RESTRICTED or SAFE.', { keywords: ['UNSAFE', 'RESTRICTED', 'SAFE'] }),
      a('cost', 'COST.'),
      a('rows', 'ROWS.'),
      dependsOn,
      comment,
    ],
    [args, block('return_table', 'RETURNS TABLE columns.', 0, [], [block('column', 'A column of the returned table.', 1, [a('type', 'Column type.')])])],
  ),
  block(
    'procedure',
    'A procedure.',
    2,
    [schemaAttr, a('lang', 'Language.', { keywords: ['SQL', 'PLpgSQL'] }), a('as', 'The body.'), a('security', 'INVOKER or DEFINER.'), dependsOn, comment],
    [args],
  ),
  block(
    'trigger',
    'A trigger on a table or view.',
    1,
    [
      a('on', 'The table or view: `table.<t>`.', { snippet: 'table.${1}' }),
      a('for', 'ROW or STATEMENT.', { keywords: ['ROW', 'STATEMENT'] }),
      a('when', 'WHEN condition (SQL).'),
      a('constraint', 'A constraint trigger.'),
      dependsOn,
      comment,
    ],
    ['before', 'after', 'instead_of'].map((t) =>
      block(t, `${t.toUpperCase().replace('_', ' ')} events.`, 0, [
        a('insert', 'INSERT.'),
        a('update', 'UPDATE.'),
        a('update_of', 'UPDATE OF columns.'),
        a('delete', 'DELETE.'),
        a('truncate', 'TRUNCATE.'),
      ]),
    ),
  ),
  block('extension', 'A PostgreSQL extension.', 1, [schemaAttr, a('version', 'Version.'), comment]),
  block('policy', 'A row-level security policy.', 1, [
    a('on', 'The table: `table.<t>`.', { snippet: 'table.${1}' }),
    a('for', 'ALL, SELECT, INSERT, UPDATE or DELETE.', { keywords: ['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE'] }),
    a('to', 'Roles.'),
    a('as', 'PERMISSIVE or RESTRICTIVE.', { keywords: ['PERMISSIVE', 'RESTRICTIVE'] }),
    a('using', 'USING expression (SQL).'),
    a('check', 'WITH CHECK expression (SQL).'),
    comment,
  ]),
  block(
    'aggregate',
    'An aggregate function.',
    2,
    [schemaAttr, a('state_type', 'State type.'), a('state_func', 'State transition function.'), a('final_func', 'Final function.'), comment],
    [args],
    { notLoaded: true },
  ),
  block('event_trigger', 'An event trigger.', 1, [a('on', 'The event.'), a('tags', 'Filter tags.'), a('execute', 'The function.'), comment], [], {
    notLoaded: true,
  }),
  block('variable', 'An input variable (`var.<name>`).', 1, [a('type', 'The type.'), a('default', 'The default value.'), a('description', 'Description.')]),
  block('locals', 'Local values (`local.<name>`).', 0, [], [], { anyAttr: true }),
];

/** The spec of a child block named `type` under `parent` (top level when undefined). */
export function childSpec(parent: BlockSpec | undefined, type: string): BlockSpec | undefined {
  return (parent ? parent.blocks : TOP_BLOCKS).find((b) => b.name === type);
}

/** A column type: its parameters (`varchar(255)` → size) and the checks on them. */
export interface TypeSpec {
  name: string;
  params: Array<{ name: string; min: number; max: number }>;
  /** other spellings Atlas accepts for the same type family (for FK comparisons) */
  family: string;
}
const P = { size: { name: 'size', min: 1, max: 10485760 }, len: { name: 'len', min: 1, max: 83886080 }, prec: { name: 'precision', min: 0, max: 6 } };
const t = (name: string, family: string, params: TypeSpec['params'] = []): TypeSpec => ({ name, family, params });

export const COLUMN_TYPES: TypeSpec[] = [
  ...['smallint', 'int2', 'smallserial', 'serial2'].map((n) => t(n, 'int2')),
  ...['integer', 'int', 'int4', 'serial', 'serial4'].map((n) => t(n, 'int4')),
  ...['bigint', 'int8', 'bigserial', 'serial8'].map((n) => t(n, 'int8')),
  ...['numeric', 'decimal'].map((n) =>
    t(n, 'numeric', [
      { name: 'precision', min: 1, max: 1000 },
      { name: 'scale', min: -1000, max: 1000 },
    ]),
  ),
  t('real', 'float4'),
  t('float4', 'float4'),
  t('double_precision', 'float8'),
  t('float8', 'float8'),
  t('float', 'float8', [{ name: 'precision', min: 1, max: 53 }]),
  t('money', 'money'),
  ...['varchar', 'character_varying', 'char', 'character'].map((n) => t(n, 'text', [P.size])),
  t('bpchar', 'text'),
  t('text', 'text'),
  t('bit', 'bit', [P.len]),
  t('bit_varying', 'bit', [P.len]),
  t('bytea', 'bytea'),
  ...['boolean', 'bool'].map((n) => t(n, 'bool')),
  t('date', 'date'),
  ...['time', 'timetz'].map((n) => t(n, n, [P.prec])),
  ...['timestamp', 'timestamptz'].map((n) => t(n, n, [P.prec])),
  ...['interval', 'second', 'day_to_second', 'hour_to_second', 'minute_to_second'].map((n) => t(n, 'interval', [P.prec])),
  ...['year', 'month', 'day', 'hour', 'minute', 'year_to_month', 'day_to_hour', 'day_to_minute', 'hour_to_minute'].map((n) => t(n, 'interval')),
  ...['uuid', 'json', 'jsonb', 'xml', 'cidr', 'inet', 'macaddr', 'macaddr8', 'tsvector', 'tsquery', 'hstore', 'xid', 'xid8', 'oid'].map((n) => t(n, n)),
  ...['circle', 'line', 'lseg', 'box', 'path', 'point', 'polygon'].map((n) => t(n, n)),
  ...['int4range', 'int4multirange', 'int8range', 'int8multirange', 'numrange', 'nummultirange', 'tsrange', 'tsmultirange', 'tstzrange', 'tstzmultirange'].map(
    (n) => t(n, n),
  ),
  ...['daterange', 'datemultirange'].map((n) => t(n, n)),
  ...[
    'regclass',
    'regcollation',
    'regconfig',
    'regdictionary',
    'regnamespace',
    'name',
    'regoper',
    'regoperator',
    'regproc',
    'regprocedure',
    'regrole',
    'regtype',
  ].map((n) => t(n, n)),
  ...['any', 'anyelement', 'anyarray', 'anynonarray', 'anyenum', 'internal', 'record', 'trigger', 'event_trigger', 'void', 'unknown'].map((n) => t(n, n)),
];
export const TYPE_BY_NAME = new Map(COLUMN_TYPES.map((x) => [x.name, x]));

/** The SQL spelling of a type name written in HCL (`double_precision` → `double precision`). */
export const sqlTypeName = (n: string): string => n.replace(/_/g, ' ');

/** Roots of references to schema objects (`table.users`, `enum.status`, `column.id`, …). */
export const REF_ROOTS = new Set(['schema', 'table', 'column', 'enum', 'domain', 'composite', 'sequence', 'view', 'materialized', 'function', 'procedure']);
