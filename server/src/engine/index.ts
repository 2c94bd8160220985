// The engine API: one typed function per operation, returning data and throwing only EngineError (with a `kind`).
// The CLI (server/src/cli) and the language server (server/src/lsp) call these; nothing here knows either of them.
export { EngineError, errorKind, toEngineError, type EngineErrorKind } from './errors';
export { absolutePgliteUrl, resolveEnvs, targetOf, type EnvRef, type Target, type TargetInput } from './target';
export {
  apply,
  applyPlan,
  planApply,
  planDifference,
  type ApplyPlan,
  type ApplySettings,
  type PlannedFile,
  type PlanApplyResult,
  type RevisionPin,
} from './apply';
export { applyDown, down, planDown, type DownPlan, type DownSettings } from './down';
export { status } from './status';
export { schemaDiff, SYNCED_SCHEMAS, type SchemaDiffInput, type SchemaDiffResult } from './schemaDiff';
export { inspectState, modelErd, modelHcl, modelSql, parseFormat, type InspectInput } from './inspect';
export { hash, k8sExport, nonTextWarning, type HashResult, type K8sExportInput } from './folder';
export { checkedDir, generate, newMigration, set, validate, type GenerateInput, type ValidateResult } from './migrate';
export { SYNCED_DIR } from '../migrate/diff';
export { applyRebase, gitOperation, planRebase, sumConflict, type GitOperation, type RebasePlan, type Rename, type SumConflictInfo } from './rebase';
export { describeRenames, type RenameCandidateInfo } from './renames';
export { detectFolderFormat, importFolder, type ImportFolderInput, type ImportFolderResult } from './importFolder';
export { planSchemaApply, runSchemaPlan, type SchemaApplyPlanInput, type SchemaPlan } from './schemaApply';
export { applySchemaPlan, planSchemaApplyConfirmable, type SchemaApplyPlan } from './schemaApplyPlan';
export type { PlanFinding } from '../lint/planLint';
