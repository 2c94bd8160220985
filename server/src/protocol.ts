// Custom LSP requests and notifications shared by the client and the server.
// The client imports only this file from server/; its only runtime dependency is the protocol's RequestType.
// Older requests are `{ method, ...types }`; engine operations are `new RequestType<Params, Result, void>(method)`.
import { RequestType } from 'vscode-languageserver-protocol';
import type { GitOperation, RebasePlan, Rename, SumConflictInfo } from './engine';
import type { ApplyPlan, DownPlan, EngineErrorKind, RenameCandidateInfo } from './engine';
import type { AtlasLintSummary } from './engine/atlasBinary';

/** The one display function (URL passwords, `password=` parameters and known secrets masked), shared with the client. */
export { display, maskUrl, MASK } from './secrets';

/** Masked URL: the password (if any) replaced with `****`. Never send a raw URL with a password to the client. */
export type MaskedUrl = string;

export interface EnvSummary {
  /** atlas.hcl file URI */
  projectUri: string;
  name: string;
  url?: MaskedUrl;
  dev?: MaskedUrl;
  /** true when `dev` is the atlasWorkbench.devDatabase setting (the env names no dev database) */
  devFromSettings?: boolean;
  /** the dev database's PostgreSQL major differs from the one the env's dev URL asks for (e.g. docker://postgres/15) */
  devVersion?: { devMajor: number; targetMajor: number; message: string };
  src?: string[];
  migrationDir?: string;
  /** `migration { format }` as written (the dir URL's `?format=` wins over it) */
  migrationFormat?: string;
  /** the migration folder as an absolute path (resolved against the atlas.hcl folder) */
  migrationPath?: string;
  /** Range of the env block in atlas.hcl */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** Why the URL could not be resolved (e.g. getenv unset), if so. */
  unresolved?: string;
  /** the variables the env reads with getenv() that are not set */
  unsetVariables?: string[];
}

export const ListEnvsRequest = { method: 'atlas/listEnvs' } as const;
export interface ListEnvsParams {
  /** limit to one project */ projectUri?: string;
}
export interface ListEnvsResult {
  v: 0;
  envs: EnvSummary[];
  projects: string[];
}

/** Sent by the server once it has initialised its parsers: tests and the client wait for it instead of sleeping. */
export const ServerReadyNotification = { method: 'atlas/ready' } as const;
export interface ServerReadyParams {
  version: string;
}

/** Progress/status of the server for the language status item. */
export const ServerStatusNotification = { method: 'atlas/status' } as const;
export interface ServerStatusParams {
  state: 'starting' | 'ready' | 'busy' | 'error';
  message?: string;
}

/** The embedded dev database's state (started ahead of use when a desired-state file is edited, stopped when idle). */
export const DevDatabaseNotification = { method: 'atlas/devDatabase' } as const;
export interface DevDatabaseParams {
  state: 'stopped' | 'starting' | 'running';
}

/** Settings, one object per resource, pulled by the server with workspace/configuration (section `atlasWorkbench`). */
export interface WorkbenchSettings {
  engine: 'builtin' | 'atlas';
  atlasPath: string;
  envFile: string;
  devDatabase: string;
  productionEnvPattern: string;
  lintOnType: boolean;
  trace: { server: 'off' | 'messages' | 'verbose' };
}
export const defaultSettings: WorkbenchSettings = {
  engine: 'builtin',
  atlasPath: 'atlas',
  envFile: '.env',
  devDatabase: '',
  productionEnvPattern: '^(prod|production|live)([-_].*)?$',
  lintOnType: true,
  trace: { server: 'off' },
};

// ---- Workbench (client views) ----------------------------------------------------------------

/** State of one migration file for one env, merged from the folder and `migrate status` (+ atlas.sum). */
export type MigrationState = 'applied' | 'pending' | 'partial' | 'outOfOrder' | 'edited' | 'unknown';

export interface MigrationFileInfo {
  name: string;
  version: string;
  description: string;
  /** absolute file path */
  path: string;
  state: MigrationState;
  /** RFC3339 time the revision was executed (applied/partial) */
  executedAt?: string;
  /** execution time in nanoseconds (Atlas's ExecutionTime) */
  executionTimeNs?: number;
  /** statements applied / total (partial files) */
  applied?: number;
  total?: number;
  error?: string;
  errorStmt?: string;
  /** 0-based line of the failing statement in the file, when it could be found */
  errorLine?: number;
  /** true if atlas.sum disagrees with the file content */
  edited?: boolean;
}

/** Why the status of an env could not be read (drives the Migrations view welcome content). */
export type StatusErrorKind = 'unresolved' | 'unreachable' | 'password' | 'noMigrationDir' | 'other';

export const MigrationStatusRequest = { method: 'atlas/migrationStatus' } as const;
export interface MigrationStatusParams {
  projectUri: string;
  env: string;
  /** extra environment (passwords from SecretStorage) */
  environ?: Record<string, string>;
  workDoneToken?: string | number;
}
export interface MigrationStatusResult {
  env: string;
  projectUri: string;
  /** absolute migration folder path, if known */
  dir?: string;
  files: MigrationFileInfo[];
  /** `migrate status` fields as Atlas reports them */
  status?: string;
  current?: string;
  next?: string;
  pendingCount: number;
  error?: string;
  errorKind?: StatusErrorKind;
  /** the typed failure behind `error` (what the client acts on) */
  failure?: EngineFailure;
  /** Atlas's `migrate status` text (built-in engine), for the Migrate Status document */
  output?: string;
}

/** Kubernetes export (Atlas Operator): an AtlasMigration resource + a ConfigMap holding the folder and atlas.sum. */
export interface K8sExportParams {
  /** absolute migration folder */
  dir: string;
  /** base name (resource names derive from it) */
  name?: string;
  namespace?: string;
  /** Secret holding the database URL */
  secretName?: string;
  secretKey?: string;
}
export interface K8sExportResult {
  yaml: string;
  files: number;
  /** what the user should know about the export (e.g. files left out) */
  warnings: string[];
}
export const K8sExportRequest = new RequestType<K8sExportParams, K8sExportResult, void>('atlas/k8sExport');

/** `atlas/listEnvs` as the workbench client sends it: with the variables kept in SecretStorage, for getenv(). */
export interface WorkbenchListEnvsParams extends ListEnvsParams {
  /** one set of variables for every listed project (used with `projectUri`: one project) */
  environ?: Record<string, string>;
  /** variables per project, keyed by the project folder (the atlas.hcl folder); wins over `environ` */
  environByProject?: Record<string, Record<string, string>>;
}

// ---- Engine API requests (typed; the server handlers call server/src/engine) ------------------------------------

export type { ApplyPlan, DownPlan, EngineErrorKind, RenameCandidateInfo };

/** An engine operation on one env of one project. */
export interface EnvOperationParams {
  projectUri: string;
  env: string;
  /** extra environment (passwords from SecretStorage) */
  environ?: Record<string, string>;
  /** client-created progress token for $/progress */
  workDoneToken?: string | number;
}

/** A failed operation: the kind to act on, Atlas's message, and the output Atlas prints before it (if any). */
export interface EngineFailure {
  kind: EngineErrorKind;
  message: string;
}

/** Every result carries `output`: Atlas's text for the log and documents (never parsed by the client). */
export interface OperationResult {
  output: string;
  error?: EngineFailure;
}

export interface PlanApplyParams extends EnvOperationParams {
  /** apply at most this many pending files */ amount?: number;
}
export interface PlanApplyResult extends OperationResult {
  plan?: ApplyPlan;
}
/** Dry run of `migrate apply`: the exact files and statements an apply would run, pinned to the folder and revisions. */
export const PlanApplyRequest = new RequestType<PlanApplyParams, PlanApplyResult, void>('atlas/planApply');

export interface ApplyPlanParams extends EnvOperationParams {
  plan: ApplyPlan;
}
export interface ApplyPlanResult extends OperationResult {
  /** files that ran to the end */
  applied: number;
  /** the version the run stopped at (failed or cancelled before), if it stopped */
  stoppedAt?: string;
  /**
   * A cancelled run: the file it stopped in or before and, inside the file, the 0-based index of the first statement
   * that did not run (of `total`); `rolledBack` when the file's transaction (or the run's, tx mode all) was undone.
   */
  cancelled?: { file: string; version: string; statement?: number; total?: number; rolledBack: boolean };
  /** Atlas's one-line summary, e.g. `Migrated to version 2 from 1 (1 migrations in total)` */
  summary?: string;
}
/** Executes exactly a confirmed apply plan; `error.kind === 'planChanged'` (nothing applied) when anything moved. */
export const ApplyPlanRequest = new RequestType<ApplyPlanParams, ApplyPlanResult, void>('atlas/applyPlan');

export interface PlanDownParams extends EnvOperationParams {
  amount: number;
}
export interface PlanDownResult extends OperationResult {
  plan?: DownPlan;
}
/** The plan that reverts the last `amount` applied files (computed on the dev database; nothing runs). */
export const PlanDownRequest = new RequestType<PlanDownParams, PlanDownResult, void>('atlas/planDown');

export interface ApplyDownParams extends EnvOperationParams {
  plan: DownPlan;
}
export type ApplyDownResult = OperationResult;
/** Executes exactly a confirmed down plan (its destructive statements included); `planChanged` when anything moved. */
export const ApplyDownRequest = new RequestType<ApplyDownParams, ApplyDownResult, void>('atlas/applyDown');

export interface DriftResult extends OperationResult {
  /** the desired state the database was compared with, as atlas.hcl names it (e.g. `file://migrations`, `env://src`) */
  to?: string;
  /** true when the database matches the desired state */
  synced?: boolean;
  /** the statements that would bring the database in line (empty when synced) */
  statements?: string[];
}
/** Drift check: `schema diff` from the env's database to its migration folder (or its `src`). */
export const DriftRequest = new RequestType<EnvOperationParams, DriftResult, void>('atlas/drift');

export interface InspectParams extends EnvOperationParams {
  /** the env's database (`url`) or its desired state (`src`, loaded on the dev database) */
  source: 'url' | 'src';
  /** `sql`: CREATE statements; `mermaid`: an erDiagram for the ERD view; `hcl`: Atlas's HCL schema (`schema inspect` default) */
  format: 'sql' | 'mermaid' | 'hcl';
}
export interface InspectResult extends OperationResult {
  /** the schemas inspected */
  schemas?: string[];
}
/** Schema inspect / ERD of an env: `output` is the SQL or the Mermaid diagram (rendered as is, never parsed). */
export const InspectRequest = new RequestType<InspectParams, InspectResult, void>('atlas/inspect');

export interface PlanSchemaApplyParams extends EnvOperationParams {
  /** desired-state files or folders (absolute paths) instead of the env's `src` */
  to?: string[];
}
/** One lint finding of a declarative plan, placed on its statement's line of `output`. */
export interface SchemaPlanFinding {
  /** 0-based index of the planned statement, and the 0-based line of `output` where it starts */
  statement: number;
  line: number;
  code: string;
  message: string;
  analyzer: string;
  /** the analyzer's report header, e.g. "destructive changes detected" */
  header: string;
  /** an error-level analyzer (destructive by default, or `error = true` in atlas.hcl) */
  error: boolean;
  fixes: string[];
  url: string;
}
export interface PlanSchemaApplyResult extends OperationResult {
  /** the plan kept by the server for atlas/applySchemaPlan (absent when synced or failed) */
  planId?: string;
  /** true when the database already matches the desired state */
  synced?: boolean;
  /** the desired state planned against, as URLs (e.g. `file://schema/app.pg.hcl`) */
  to?: string[];
  /** the planned changes: Atlas's comment, the statement, and the 0-based line of `output` where it starts */
  changes?: Array<{ comment: string; statement: string; line: number }>;
  findings?: SchemaPlanFinding[];
  /** the destructive analyzer reported a change (a drop of something that holds data) */
  destructive?: boolean;
}
/** Dry run of `schema apply` on an env: the statements, their lint on the database's state; `output` is the plan document. */
export const PlanSchemaApplyRequest = new RequestType<PlanSchemaApplyParams, PlanSchemaApplyResult, void>('atlas/planSchemaApply');

export interface ApplySchemaPlanParams extends EnvOperationParams {
  planId: string;
}
export interface ApplySchemaPlanResult extends OperationResult {
  /** statements that ran (all of the plan, or 0: the plan runs in one transaction) */
  applied: number;
}
/** Runs exactly a shown schema plan; `error.kind === 'planChanged'` (nothing run) when the files or the database moved. */
export const ApplySchemaPlanRequest = new RequestType<ApplySchemaPlanParams, ApplySchemaPlanResult, void>('atlas/applySchemaPlan');

// ---- Shared history: atlas.sum merge conflicts and `migrate rebase` ------------------------------------------------

export type { GitOperation, RebasePlan, Rename, SumConflictInfo };

/** Sent by the server when a migration folder's atlas.sum holds git conflict markers (once per conflicted content). */
export const SumConflictNotification = { method: 'atlas/sumConflict' } as const;
export interface SumConflictParams {
  /** absolute migration folder */ dir: string;
  /** absolute atlas.sum path */ sumPath: string;
}

export interface PlanRebaseParams {
  /** absolute migration folder */
  dir: string;
  /** versions or file names to move; without them, the suggested side of an atlas.sum conflict */
  versions?: string[];
}
export interface PlanRebaseResult {
  plan?: RebasePlan;
  /** every migration file of the folder, in order (to pick from when there is no conflict) */
  files?: string[];
  error?: EngineFailure;
}
/** `migrate rebase` dry run: the renames (old → new names) and, for a conflicted atlas.sum, each side's files. */
export const PlanRebaseRequest = new RequestType<PlanRebaseParams, PlanRebaseResult, void>('atlas/planRebase');

export interface ApplyRebaseParams {
  plan: RebasePlan;
}
export interface ApplyRebaseResult {
  renamed: Rename[];
  error?: EngineFailure;
}
/** Renames the planned files and re-hashes atlas.sum (atomically). */
export const ApplyRebaseRequest = new RequestType<ApplyRebaseParams, ApplyRebaseResult, void>('atlas/applyRebase');
export interface ConvertFolderParams {
  /** the other tool's migration folder (file URI) */
  folderUri: string;
  /** golang-migrate, goose, flyway, liquibase or dbmate; omitted: detected from the file names and contents */
  format?: string;
  /** the new Atlas-format folder (file URI); created when missing, must hold no migration file */
  targetUri: string;
}
export interface ConvertFolderResult extends OperationResult {
  /** the format the folder was read as */
  format?: string;
  /** file URIs of the Atlas-format files written (with atlas.sum beside them); empty when there was nothing to import */
  files?: string[];
}
/** "Convert Folder to Atlas Format": `migrate import` of a folder (engine/importFolder.ts). */
export const ConvertFolderRequest = new RequestType<ConvertFolderParams, ConvertFolderResult, void>('atlas/convertFolder');

// ---- Folder and lint operations (typed; lsp/workbenchFolder.ts) ------------------------------------------------

export interface HashParams extends EnvOperationParams {
  /** absolute folder to hash; the env's migration folder when absent */
  dir?: string;
}
export interface HashResult extends OperationResult {
  /** the atlas.sum entries written */
  files?: number;
}
/** `migrate hash`: recomputes and writes atlas.sum. */
export const HashRequest = new RequestType<HashParams, HashResult, void>('atlas/hash');

export interface ValidateResult extends OperationResult {
  /** false when no dev database was configured: only atlas.sum was checked */
  replayed?: boolean;
}
/** `migrate validate`: atlas.sum, then a replay of the folder on the dev database (the env's or the setting's). */
export const ValidateRequest = new RequestType<EnvOperationParams, ValidateResult, void>('atlas/validate');

export interface NewMigrationParams extends EnvOperationParams {
  /** description part of the file name (letters, digits, _); none gives `<version>.sql` */
  name?: string;
}
export interface NewMigrationResult extends OperationResult {
  /** absolute path of the new file */
  file?: string;
}
/** `migrate new [name]`: an empty migration file after the folder's latest version; atlas.sum re-hashed. */
export const NewMigrationRequest = new RequestType<NewMigrationParams, NewMigrationResult, void>('atlas/newMigration');

export interface SetParams extends EnvOperationParams {
  version: string;
}
/** `migrate set <version>`: the revisions table says the database is at `version` (no SQL of the files runs). */
export const SetRequest = new RequestType<SetParams, OperationResult, void>('atlas/set');

export interface GenerateParams extends EnvOperationParams {
  name: string;
  /** absolute paths of schema files/folders holding the desired state; the env's `src` when absent */
  to?: string[];
  /** the rename candidates the user confirmed; when absent and the diff finds candidates, nothing is written and
   * they come back in `renameCandidates` (the editor asks, then sends them here) */
  renames?: RenameCandidateInfo[];
}
export interface GenerateResult extends OperationResult {
  /** a dropped and an added column/table of the same definition ("Did you rename …?"); nothing was written */
  renameCandidates?: RenameCandidateInfo[];
  /** absolute path of the new migration file; absent when the folder is already in sync */
  file?: string;
  synced?: boolean;
  /** the statements of the new file that drop data or objects */
  destructive?: string[];
  /** atlas.sum as it was before the file was written (for a before/after view) */
  sumBefore?: string;
}
/** `migrate diff <name>`: the next migration file from the desired state (replayed and diffed on the dev database). */
export const GenerateRequest = new RequestType<GenerateParams, GenerateResult, void>('atlas/generate');

/** Atlas's lint SummaryReport (its `--format '{{ json . }}'` shape, the same from the built-in engine and the binary). */
export type LintSummary = AtlasLintSummary;
export interface LintParams extends EnvOperationParams {
  /** lint this `.sql` file (absolute) on top of the files before it; else the folder's latest file */
  file?: string;
  /** lint exactly the files `migrate apply [amount]` would run (the lint gate before Apply) */
  pending?: { amount?: number };
}
export interface LintResult extends OperationResult {
  summary?: LintSummary;
  /** the findings of `summary` as text (one block per file), for the lint gate's report */
  findings?: string;
  /** a file has an error or an error-level finding (Atlas exits 1) */
  failed?: boolean;
}
/** `migrate lint`: `output` is Atlas's text report, `summary` its JSON report as data. */
export const LintRequest = new RequestType<LintParams, LintResult, void>('atlas/lint');

export interface SchemaHclErdParams {
  /** a PostgreSQL HCL schema file; the other files of its schema (its env's src list, or the folder's `*.pg.hcl`) are read too */
  uri: string;
}
export interface SchemaHclErdResult {
  /** Mermaid erDiagram of the tables and foreign keys as written (no database) */
  output: string;
  tables: number;
}
/** ERD straight from an HCL schema file: its model built from the files, no database. */
export const SchemaHclErdRequest = new RequestType<SchemaHclErdParams, SchemaHclErdResult, void>('atlas/schemaHclErd');

export interface SchemaHclFileParams {
  /** an `.hcl` file */
  uri: string;
}
export interface SchemaHclFileResult {
  /** true for `*.pg.hcl` and for `.hcl` files an env's `src` names (a file, or a folder holding it) */
  schema: boolean;
  /** the files of its schema (URIs), itself first */
  files: string[];
}
/** Is this `.hcl` a PostgreSQL HCL schema file? The client then sets the language atlas-schema-postgresql. */
export const SchemaHclFileRequest = new RequestType<SchemaHclFileParams, SchemaHclFileResult, void>('atlas/schemaHclFile');

/** A table under the cursor (`position`) or by name (`table`) in a migration file or desired-state SQL file. */
export interface TableAtParams {
  uri: string;
  position?: { line: number; character: number };
  table?: string;
}

export interface TableHistoryEntry {
  uri: string;
  file: string;
  /** 0-based line of the statement */
  line: number;
  /** the statement's first line */
  statement: string;
}

/** Every migration that changed a table, in order (renames followed); `tables` lists the names to pick from. */
export interface TableHistoryResult {
  table?: string;
  tables: string[];
  entries: TableHistoryEntry[];
}
export const TableHistoryRequest = new RequestType<TableAtParams, TableHistoryResult, void>('atlas/tableHistory');

/** The table as it is after the file (a compact CREATE TABLE), or undefined `sql` when no such table exists then. */
export interface TableAsOfResult {
  table?: string;
  tables: string[];
  file: string;
  sql?: string;
}
export const TableAsOfRequest = new RequestType<TableAtParams, TableAsOfResult, void>('atlas/tableAsOf');
