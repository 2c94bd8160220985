// Custom LSP requests and notifications shared by the client and the server.
// The client imports only this file from server/; its only runtime dependency is the protocol's RequestType.
// Older requests are `{ method, ...types }`; engine operations are `new RequestType<Params, Result, void>(method)`.
import { RequestType } from 'vscode-languageserver-protocol';
import type { ApplyPlan, DownPlan, EngineErrorKind } from './engine';

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
  /** Range of the env block in atlas.hcl */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** Why the URL could not be resolved (e.g. getenv unset), if so. */
  unresolved?: string;
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

/** Runs an engine command (the same as the CLI) and returns its output. */
export const RunCommandRequest = { method: 'atlas/runCommand' } as const;
export interface RunCommandParams {
  /** CLI words, e.g. ["migrate", "status", "--env", "local"] */
  argv: string[];
  /** Folder the command runs in (the atlas.hcl folder). */
  cwd: string;
  /** Extra environment (e.g. passwords from SecretStorage). */
  env?: Record<string, string>;
  /** Client-created progress token for $/progress. */
  workDoneToken?: string | number;
}
export interface RunCommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  json?: unknown;
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
  /** Atlas's `migrate status` text (built-in engine), for the Migrate Status document */
  output?: string;
}

/** Kubernetes export (Atlas Operator): an AtlasMigration resource + a ConfigMap holding the folder and atlas.sum. */
export const K8sExportRequest = { method: 'atlas/k8sExport' } as const;
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
}

/** `atlas/listEnvs` as the workbench client sends it: with the variables kept in SecretStorage, for getenv(). */
export interface WorkbenchListEnvsParams extends ListEnvsParams {
  /** one set of variables for every listed project (used with `projectUri`: one project) */
  environ?: Record<string, string>;
  /** variables per project, keyed by the project folder (the atlas.hcl folder); wins over `environ` */
  environByProject?: Record<string, Record<string, string>>;
}

// ---- Engine API requests (typed; the server handlers call server/src/engine) ------------------------------------

export type { ApplyPlan, DownPlan, EngineErrorKind };

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
  /** `sql`: CREATE statements; `mermaid`: an erDiagram for the ERD view */
  format: 'sql' | 'mermaid';
}
export interface InspectResult extends OperationResult {
  /** the schemas inspected */
  schemas?: string[];
}
/** Schema inspect / ERD of an env: `output` is the SQL or the Mermaid diagram (rendered as is, never parsed). */
export const InspectRequest = new RequestType<InspectParams, InspectResult, void>('atlas/inspect');

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
