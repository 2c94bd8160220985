// The Atlas project file (atlas.hcl) schema: blocks, attributes, types, enums, CLI flags, Pro markers, one-line docs.
// Source of truth: Atlas's cmdapi/project.go and its atlas.hcl documentation.

export type AttrType = 'string' | 'number' | 'bool' | 'list' | 'string_or_list' | 'map' | 'any' | 'type' | 'duration' | 'template';
/** Which URL check applies to a string attribute. */
export type UrlKind = 'db' | 'dev' | 'dir' | 'src' | 'any';

export interface AttrSpec {
  name: string;
  type: AttrType;
  doc: string;
  required?: boolean;
  enum?: string[];
  /** also accept these spellings (lower-case, dashed) */
  enumAliases?: string[];
  /** one line per enum value (completion documentation) */
  enumDocs?: Record<string, string>;
  flag?: string;
  pro?: boolean;
  url?: UrlKind;
  deprecated?: string;
  /** a Go regular expression (checked with config/goRegexp.ts) */
  regexp?: boolean;
}

export interface BlockSpec {
  name: string;
  doc: string;
  /** label names, e.g. ["name"]; optionalLabels = labels may be omitted */
  labels?: string[];
  optionalLabels?: boolean;
  labelEnum?: string[];
  attrs?: AttrSpec[];
  blocks?: BlockSpec[];
  pro?: boolean;
  /** locals: any attribute name; variable-like */
  anyAttrs?: boolean;
  /** env: unknown attributes are passed on as input variables (Warning, not Error) */
  lenientAttrs?: boolean;
  /** unknown nested blocks allowed silently (Pro or free-form sub-blocks) */
  anyBlocks?: boolean;
  snippet?: string;
}

const a = (name: string, type: AttrType, doc: string, extra: Partial<AttrSpec> = {}): AttrSpec => ({ name, type, doc, ...extra });

const repo: BlockSpec = {
  name: 'repo',
  doc: 'Atlas Cloud repository this directory or schema is pushed to.',
  attrs: [a('name', 'string', 'Repository name in Atlas Cloud.', { required: true }), a('backup', 'bool', 'Back up the repository (Pro).', { pro: true })],
};

const analyzer = (name: string, doc: string, attrs: AttrSpec[] = [], blocks: BlockSpec[] = []): BlockSpec => ({
  name,
  doc,
  attrs: [a('error', 'bool', `Report ${name} findings as errors (fail the lint run).`), a('force', 'bool', 'Force the check (Pro).', { pro: true }), ...attrs],
  blocks,
});

const namingObject = (name: string): BlockSpec => ({
  name,
  doc: `Naming rule for ${name.replace('_', ' ')} names.`,
  attrs: [
    a('match', 'string', `Regular expression (Go syntax) every new ${name.replace('_', ' ')} name must match; overrides the naming block's \`match\`.`, {
      regexp: true,
    }),
    a('message', 'string', 'Message appended to the report when the name does not match.'),
  ],
});

export const lintBlock: BlockSpec = {
  name: 'lint',
  doc: 'Migration linting policy (`atlas migrate lint`): analyzers, their severity, the review policy.',
  attrs: [
    a('latest', 'number', 'Lint the latest N migration files.', { flag: '--latest' }),
    a('format', 'template', 'Go template for the lint report output.', { flag: '--format' }),
    a('log', 'template', 'Legacy name of `format`.', { deprecated: 'use `format`' }),
    a('review', 'string', 'When to require a review of the migration plan (Pro: schema apply).', {
      enum: ['ALWAYS', 'WARNING', 'ERROR'],
      enumDocs: {
        ALWAYS: 'Always ask for a review before applying.',
        WARNING: 'Ask for a review when the lint finds a warning or an error.',
        ERROR: 'Ask for a review only when the lint finds an error.',
      },
    }),
  ],
  blocks: [
    {
      name: 'git',
      doc: 'Lint the files changed against a git base branch.',
      attrs: [a('base', 'string', 'Git base branch.', { flag: '--git-base' }), a('dir', 'string', 'Git repository folder.', { flag: '--git-dir' })],
    },
    analyzer('destructive', 'Destructive changes (dropping schemas, tables, columns).'),
    analyzer('data_depend', 'Changes that depend on existing data (e.g. adding a unique index).'),
    analyzer('incompatible', 'Backward-incompatible changes (renames).'),
    analyzer('condrop', 'Dropping constraints.'),
    analyzer('concurrent_index', 'CREATE/DROP INDEX CONCURRENTLY rules (PostgreSQL).', [
      a('check_create', 'bool', 'Require CONCURRENTLY on CREATE INDEX.'),
      a('check_drop', 'bool', 'Require CONCURRENTLY on DROP INDEX.'),
      a('check_txmode', 'bool', 'Require `-- atlas:txmode none` around CONCURRENTLY.'),
    ]),
    analyzer('non_linear', 'Non-linear changes in the migration directory.', [
      a('on_edit', 'string', 'What to do when an applied file is edited (Pro): `ERROR`, `WARN` or `IGNORE`.', {
        pro: true,
        enum: ['ERROR', 'WARN', 'IGNORE'],
        enumDocs: { ERROR: 'Report an edited applied file as an error.', WARN: 'Report it as a warning.', IGNORE: 'Do not report it.' },
      }),
    ]),
    analyzer(
      'naming',
      'Naming conventions for new schema objects (NM101 schema, NM102 table, NM103 column, NM104 index, NM105 foreign key, NM106 check); warnings unless `error = true`.',
      [
        a('match', 'string', 'Regular expression (Go syntax) every new object name must match (NM101–NM106), unless its own block sets one.', {
          regexp: true,
        }),
        a('message', 'string', 'Message appended to the report when a name does not match.'),
      ],
      ['schema', 'table', 'column', 'index', 'foreign_key', 'check'].map(namingObject),
    ),
    analyzer('statement', 'Statement-level checks (Pro).'),
    {
      name: 'rule',
      doc: 'A custom lint rule (Pro): `rule "hcl" "<name>" { src = [...] }`.',
      labels: ['kind', 'name'],
      pro: true,
      attrs: [a('src', 'string_or_list', 'Rule files.', { url: 'src' }), a('error', 'bool', 'Report findings as errors.')],
    },
    analyzer('nestedtx', 'Nested transactions (Pro).'),
  ],
  anyBlocks: true,
};

const skipNames = [
  'add_schema',
  'drop_schema',
  'modify_schema',
  'add_table',
  'drop_table',
  'modify_table',
  'rename_table',
  'add_column',
  'drop_column',
  'modify_column',
  'rename_column',
  'add_index',
  'drop_index',
  'modify_index',
  'rename_index',
  'add_foreign_key',
  'drop_foreign_key',
  'modify_foreign_key',
  'rename_constraint',
  ...['view', 'func', 'proc', 'trigger'].flatMap((o) => ['add', 'drop', 'modify', 'rename'].map((v) => `${v}_${o}`)),
];

export const diffBlock: BlockSpec = {
  name: 'diff',
  doc: 'Schema diffing policy (`migrate diff`, `schema apply`): changes to skip, concurrent indexes.',
  blocks: [
    {
      name: 'skip',
      doc: 'Change kinds the diff must not produce.',
      attrs: skipNames.map((n) => a(n, 'bool', `Skip ${n.replace(/_/g, ' ')} changes.`, { pro: /_(view|func|proc|trigger)$/.test(n) })),
    },
    {
      name: 'concurrent_index',
      doc: 'Create and drop indexes CONCURRENTLY (PostgreSQL).',
      attrs: [
        a('add', 'bool', 'CREATE INDEX CONCURRENTLY for new indexes.'),
        a('create', 'bool', 'Alias of `add`.'),
        a('drop', 'bool', 'DROP INDEX CONCURRENTLY.'),
      ],
    },
  ],
  anyBlocks: true,
};

const testPart = (name: string): BlockSpec => ({
  name,
  doc: `\`${name} test\` settings (Pro).`,
  attrs: [a('src', 'string_or_list', 'Test files.', { required: true }), a('vars', 'map', 'Input variables for the tests.')],
});
export const testBlock: BlockSpec = {
  name: 'test',
  doc: 'Schema and migration tests (Pro: `atlas schema test`, `atlas migrate test`).',
  pro: true,
  blocks: [testPart('schema'), testPart('migrate')],
};

const formatTemplates = (group: string, names: string[]): BlockSpec => ({
  name: group,
  doc: `Output templates of \`atlas ${group} …\` commands.`,
  attrs: names.map((n) => a(n, 'template', `Go template for \`atlas ${group} ${n}\` output.`, { flag: '--format' })),
});
const formatBlock = (name: string, deprecated?: string): BlockSpec => ({
  name,
  doc: deprecated ?? 'Output formats (Go templates) per command, as `--format`.',
  blocks: [
    formatTemplates('migrate', ['apply', 'diff', 'lint', 'status', 'down', 'set', 'hash', 'validate']),
    formatTemplates('schema', ['apply', 'diff', 'inspect', 'clean', 'push', 'plan', 'lint']),
  ],
});

export const migrationBlock: BlockSpec = {
  name: 'migration',
  doc: 'The versioned migration directory of this env.',
  attrs: [
    a('dir', 'string', 'URL of the migration directory (e.g. `file://migrations`).', { flag: '--dir', url: 'dir' }),
    a('format', 'string', 'Format of the migration directory.', {
      flag: '--dir-format',
      enum: ['atlas', 'golang-migrate', 'goose', 'flyway', 'liquibase', 'dbmate'],
      enumDocs: {
        atlas: "Atlas's own format (default): `<version>_<name>.sql` files and an `atlas.sum` integrity file.",
        'golang-migrate': '`<version>_<name>.up.sql` / `.down.sql` pairs.',
        goose: 'Files with `-- +goose Up` / `-- +goose Down` sections.',
        flyway: '`V<version>__<name>.sql` versioned files (plus `R__` repeatable and `U` undo files).',
        liquibase: 'Liquibase formatted-SQL changesets.',
        dbmate: 'Files with `-- migrate:up` / `-- migrate:down` sections.',
      },
    }),
    a('baseline', 'string', 'Version of the baseline migration (applied as a starting point on databases that are not empty).', { flag: '--baseline' }),
    a('exec_order', 'string', 'Order in which pending files run.', {
      flag: '--exec-order',
      enum: ['LINEAR', 'LINEAR_SKIP', 'NON_LINEAR'],
      enumAliases: ['linear', 'linear-skip', 'non-linear'],
      enumDocs: {
        LINEAR: 'Default: a pending file older than the last applied one is an error.',
        LINEAR_SKIP: 'Pending files older than the last applied one are skipped.',
        NON_LINEAR: 'Pending files older than the last applied one are applied too.',
      },
    }),
    a('lock_timeout', 'duration', 'How long to wait for the migration lock (Go duration, e.g. `10s`).', { flag: '--lock-timeout' }),
    a('revisions_schema', 'string', 'Schema of the `atlas_schema_revisions` table.', { flag: '--revisions-schema' }),
    a('exclude', 'list', "Globs of objects to ignore in the directory's schema.", { flag: '--exclude' }),
  ],
  blocks: [repo],
};

/** Object kinds `schema { mode { … } }` turns on or off (Atlas Pro; the kinds of sql/schema InspectMode). */
const modeKinds: Array<[string, string]> = [
  ['tables', 'tables with their columns, indexes and constraints'],
  ['views', 'views and materialized views'],
  ['funcs', 'functions and procedures'],
  ['types', 'types (enums, domains, composites)'],
  ['objects', 'database objects such as sequences and extensions'],
  ['triggers', 'triggers'],
];
const schemaMode: BlockSpec = {
  name: 'mode',
  doc: 'What schema inspection and planning include (Atlas Pro). Roles and permissions are left out unless turned on.',
  pro: true,
  attrs: [
    a('roles', 'bool', 'Inspect and manage roles and users (default false).'),
    a('permissions', 'bool', 'Inspect and manage privileges: GRANT / REVOKE (default false).'),
    a('sensitive', 'string', 'Handling of sensitive values such as role passwords: `ALLOW` or `DENY` (default).', {
      enum: ['ALLOW', 'DENY'],
      enumDocs: { ALLOW: 'Inspect and plan sensitive values (e.g. role passwords).', DENY: 'Default: leave sensitive values out.' },
    }),
    ...modeKinds.map(([n, what]) => a(n, 'bool', `Include ${what} (default true).`)),
  ],
};

const schemaInEnv: BlockSpec = {
  name: 'schema',
  doc: 'The desired schema of this env: its sources, its Atlas Cloud repository, what inspection includes.',
  // Not required: a schema block may hold only `repo` or `mode` (Atlas keeps `src` as an extra attribute).
  attrs: [a('src', 'string_or_list', 'Desired-state source(s): URLs or files.', { flag: '--to', url: 'src' })],
  blocks: [repo, schemaMode],
};

/** Pro-only data block (no labels), top level or in an env: `data { mode, include, exclude, max_rows }`. */
export const dataModeBlock: BlockSpec = {
  name: 'data',
  doc: 'Data management: rows of lookup tables kept in sync with the schema (Atlas Pro).',
  pro: true,
  attrs: [
    a('mode', 'string', 'How rows are written: `INSERT`, `UPSERT` or `SYNC` (also deletes rows that are not declared).', {
      enum: ['INSERT', 'UPSERT', 'SYNC'],
      enumDocs: {
        INSERT: 'Insert the declared rows that are missing.',
        UPSERT: 'Insert missing rows and update changed ones.',
        SYNC: 'Insert, update, and delete the rows that are not declared.',
      },
    }),
    a('include', 'list', 'Tables to include (globs).'),
    a('exclude', 'list', 'Tables to exclude (globs).'),
    a('max_rows', 'number', 'Row limit per table.'),
  ],
};

export const envBlock: BlockSpec = {
  name: 'env',
  doc: 'An environment: the database URL, dev database, sources and policies `--env <name>` selects.',
  labels: ['name'],
  optionalLabels: true,
  lenientAttrs: true,
  snippet:
    'env "${1:local}" {\n  url = "${2:postgres://postgres:pass@localhost:5432/app?sslmode=disable}"\n  dev = "${3:docker://postgres/16/dev?search_path=public}"\n  migration {\n    dir = "${4:file://migrations}"\n  }\n}',
  attrs: [
    a('name', 'string', 'Name of an unlabelled env, usually `atlas.env`.'),
    a('for_each', 'any', 'Create one env per element of a set/map/list (`each.key`, `each.value`).'),
    a('url', 'string', 'URL of the target database.', { flag: '--url', url: 'db' }),
    a('dev', 'string', 'URL of the dev database: an empty database Atlas uses to normalise and plan.', { flag: '--dev-url', url: 'dev' }),
    a('src', 'string_or_list', 'Desired-state source(s): URLs, files or data sources.', { flag: '--to', url: 'src' }),
    a('schemas', 'list', 'Schemas to manage.', { flag: '--schema' }),
    a('exclude', 'list', 'Globs of objects to exclude.', { flag: '--exclude' }),
    a('include', 'list', 'Globs of objects to include.', { flag: '--include' }),
  ],
  blocks: [migrationBlock, schemaInEnv, formatBlock('format'), formatBlock('log', 'Legacy name of `format`.'), lintBlock, diffBlock, testBlock, dataModeBlock],
};

const dataKind = (name: string, doc: string, attrs: AttrSpec[], extra: Partial<BlockSpec> = {}): BlockSpec => ({
  name,
  doc,
  labels: ['name'],
  attrs,
  ...extra,
});

export const dataKinds: Record<string, BlockSpec> = Object.fromEntries(
  [
    dataKind('sql', 'Runs a query on a database; `.count`, `.values`, `.value`.', [
      a('url', 'string', 'Database URL to query.', { required: true, url: 'db' }),
      a('query', 'string', 'SQL query.', { required: true }),
      a('args', 'list', 'Query arguments.'),
    ]),
    dataKind('external', 'Runs a program; its stdout is the value.', [
      a('program', 'list', 'Command and arguments.', { required: true }),
      a('working_dir', 'string', 'Folder to run the program in.'),
    ]),
    dataKind('runtimevar', 'Reads a runtime variable (secrets managers, parameter stores, http, file).', [
      a('url', 'string', 'gocloud runtimevar URL (e.g. `awssecretsmanager://…`).', { required: true }),
    ]),
    dataKind('template_dir', 'A migration directory whose files are Go templates; `.url`.', [
      a('path', 'string', 'Folder of the template files.', { required: true }),
      a('vars', 'map', 'Template variables.'),
    ]),
    dataKind('hcl_schema', 'An HCL schema with input variables; `.url`.', [
      a('path', 'string', 'Schema file.'),
      a('paths', 'list', 'Schema files.'),
      a('vars', 'map', 'Input variables.'),
    ]),
    dataKind('external_schema', 'A program that prints the desired schema as SQL (ORM loaders); `.url`.', [
      a('program', 'list', 'Command and arguments.', { required: true }),
      a('working_dir', 'string', 'Folder to run the program in.'),
    ]),
    dataKind('composite_schema', 'Several schema sources combined into one (Pro); `.url`.', [], {
      pro: true,
      blocks: [
        {
          name: 'schema',
          doc: 'One part of the composite schema.',
          labels: ['name'],
          optionalLabels: true,
          attrs: [a('url', 'string', 'Source URL of this part.', { required: true, url: 'src' })],
        },
      ],
    }),
    dataKind(
      'remote_dir',
      'A migration directory stored in Atlas Cloud; `.url`.',
      [a('name', 'string', 'Repository name.', { required: true }), a('tag', 'string', 'Tag to read.')],
      { pro: true },
    ),
    dataKind(
      'remote_schema',
      'A schema stored in Atlas Cloud; `.url`.',
      [a('name', 'string', 'Repository name.', { required: true }), a('tag', 'string', 'Tag.'), a('version', 'string', 'Version.')],
      { pro: true },
    ),
    dataKind('aws_rds_token', 'An IAM authentication token for AWS RDS.', [
      a('endpoint', 'string', 'host:port of the database.', { required: true }),
      a('username', 'string', 'Database user.', { required: true }),
      a('region', 'string', 'AWS region.'),
      a('profile', 'string', 'AWS profile.'),
    ]),
    dataKind('gcp_cloudsql_token', 'An IAM authentication token for Google Cloud SQL.', []),
    dataKind('blob_dir', 'A migration directory in blob storage (S3) (Pro); `.url`.', [a('url', 'string', 'Blob URL, e.g. `s3://bucket/path?profile=`.')], {
      pro: true,
    }),
  ].map((k) => [k.name, k]),
);

/** Attributes a data source exposes, for completion after `data.<kind>.<name>.` */
export const dataOutputs: Record<string, string[]> = {
  sql: ['count', 'values', 'value'],
  template_dir: ['url'],
  hcl_schema: ['url'],
  external_schema: ['url'],
  composite_schema: ['url'],
  remote_dir: ['url'],
  remote_schema: ['url'],
  blob_dir: ['url'],
};

export const variableBlock: BlockSpec = {
  name: 'variable',
  doc: 'An input variable, set with `--var name=value`; read as `var.<name>`.',
  labels: ['name'],
  snippet: 'variable "${1:name}" {\n  type    = ${2:string}\n  default = "${3}"\n}',
  attrs: [
    a('type', 'type', 'Type of the value: string, number, bool, list(T), map(T), set(T)…', { required: true }),
    a('default', 'any', 'Value when `--var` does not set one.'),
    a('description', 'string', 'What the variable is for.'),
  ],
};

export const topBlocks: BlockSpec[] = [
  envBlock,
  variableBlock,
  { name: 'locals', doc: 'Local values, read as `local.<name>`.', anyAttrs: true, snippet: 'locals {\n  ${1:name} = ${2:"value"}\n}' },
  {
    name: 'data',
    doc: 'A data source evaluated when the file is loaded: `data.<kind>.<name>`.',
    labels: ['kind', 'name'],
    labelEnum: Object.keys(dataKinds),
    snippet: 'data "${1:external_schema}" "${2:name}" {\n  $0\n}',
  },
  { ...lintBlock, doc: 'Global lint policy; env `lint` blocks extend it.' },
  { ...diffBlock, doc: 'Global diff policy; env `diff` blocks extend it.' },
  testBlock,
  {
    name: 'atlas',
    doc: 'Atlas Cloud login settings.',
    blocks: [
      {
        name: 'cloud',
        doc: 'Atlas Cloud organization and token.',
        attrs: [a('token', 'string', 'Atlas Cloud token.'), a('org', 'string', 'Atlas Cloud organization.'), a('url', 'string', 'Atlas Cloud URL.')],
      },
    ],
  },
  {
    name: 'docker',
    doc: 'A dev database container built by Atlas (Pro); `docker.<driver>.<name>.url`.',
    labels: ['driver', 'name'],
    labelEnum: ['postgres', 'mysql', 'mariadb', 'sqlserver', 'clickhouse'],
    pro: true,
    attrs: [
      a('image', 'string', 'Container image.'),
      a('schema', 'string', 'Schema to scope the connection to.'),
      a('database', 'string', 'Database to create.'),
      a('baseline', 'string', 'SQL run on the fresh container.'),
    ],
    blocks: [
      {
        name: 'build',
        doc: 'Build the image from a Dockerfile.',
        attrs: [
          a('context', 'string', 'Build context.', { required: true }),
          a('dockerfile', 'string', 'Dockerfile path.'),
          a('target', 'string', 'Build target.'),
          a('args', 'map', 'Build arguments.'),
        ],
      },
    ],
  },
  {
    name: 'hook',
    doc: 'SQL hooks run around migrations (Pro).',
    labels: ['kind', 'name'],
    labelEnum: ['sql'],
    pro: true,
    attrs: [a('skip_errors', 'bool', 'Ignore errors of the hook statements.')],
    blocks: [
      {
        name: 'transaction',
        doc: 'Statements run inside the migration transaction.',
        attrs: [a('after_begin', 'list', 'After BEGIN.'), a('before_commit', 'list', 'Before COMMIT.'), a('before_rollback', 'list', 'Before ROLLBACK.')],
      },
    ],
    anyBlocks: true,
  },
];

export const topBlockByName = new Map(topBlocks.map((b) => [b.name, b]));

/** `lint { rule "hcl" "name" { src } }` and other Pro sub-blocks are accepted without checks. */
export function specForBlock(type: string, labels: string[], parent: BlockSpec | undefined): BlockSpec | undefined {
  if (!parent) {
    if (type === 'data') return labels.length === 0 ? dataModeBlock : dataKinds[labels[0]];
    return topBlockByName.get(type);
  }
  return parent.blocks?.find((b) => b.name === type);
}

export const URL_SCHEMES = [
  'postgres',
  'postgresql',
  'mysql',
  'maria',
  'mariadb',
  'tidb',
  'sqlite',
  'sqlite3',
  'libsql',
  'libsql+ws',
  'libsql+wss',
  'sqlserver',
  'mssql',
  'azuresql',
  'clickhouse',
  'clickhouses',
  'redshift',
  'spanner',
  'snowflake',
  'oracle',
  'databricks',
  'cockroach',
  'crdb',
  'aurora-dsql',
  'dsql',
  'bigquery',
  'pglite',
  'docker',
  'docker+postgres',
  'docker+mysql',
  'docker+maria',
  'docker+mariadb',
  'docker+sqlserver',
  'docker+clickhouse',
  'file',
  'mem',
  'env',
  'atlas',
  'ent',
  'gorm',
  'http',
  'https',
  's3',
  'gs',
  'azblob',
  'gcpruntimeconfig',
  'gcpsecretmanager',
  'awsparamstore',
  'awssecretsmanager',
  'hashivault',
  'external_schema',
  'hcl_schema',
  'template_dir',
  'composite_schema',
];

export const URL_TEMPLATES: Array<{ label: string; snippet: string; doc: string }> = [
  {
    label: 'postgres://',
    snippet: 'postgres://${1:postgres}:${2:pass}@${3:localhost}:${4:5432}/${5:app}?sslmode=${6:disable}',
    doc: 'PostgreSQL database (realm scope).',
  },
  {
    label: 'postgres:// (schema)',
    snippet: 'postgres://${1:postgres}:${2:pass}@${3:localhost}:${4:5432}/${5:app}?search_path=${6:public}&sslmode=disable',
    doc: 'PostgreSQL, scoped to one schema.',
  },
  {
    label: 'pglite://',
    snippet: 'pglite://${1:.atlas-wb/local}',
    doc: 'Embedded file-backed PGlite database (Atlas Workbench only; not understood by the Atlas CLI).',
  },
  { label: 'docker://postgres', snippet: 'docker://postgres/${1:16}/${2:dev}', doc: 'Throw-away PostgreSQL container (dev database).' },
  { label: 'docker://postgres (schema)', snippet: 'docker://postgres/${1:16}/${2:dev}?search_path=${3:public}', doc: 'Dev container scoped to one schema.' },
  { label: 'file://', snippet: 'file://${1:migrations}', doc: 'A file or folder relative to atlas.hcl.' },
  { label: 'env://', snippet: 'env://${1:url}', doc: 'Another attribute of the selected env.' },
  { label: 'mysql://', snippet: 'mysql://${1:root}:${2:pass}@${3:localhost}:${4:3306}/${5:app}', doc: 'MySQL database.' },
  { label: 'sqlite://', snippet: 'sqlite://${1:file.db}', doc: 'SQLite database file.' },
];
