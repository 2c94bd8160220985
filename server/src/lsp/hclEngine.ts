// Everything the atlas.hcl feature needs beyond its wiring (tree-sitter, the config model and checks, the
// handlers), gathered in one module so hclFeature can import it on the first atlas.hcl instead of at start.
export { loadParser } from '../config/parser';
export { diagnose } from '../config/document';
export { codeActions, formatEdits, toLspDiagnostic } from './hclActions';
export { complete } from './hclCompletion';
export { definition, documentSymbols, hover, prepareRename, references, rename } from './hclNavigation';
export { HclStore } from './hclStore';
// PostgreSQL HCL schema files (`*.pg.hcl`, language atlas-schema-postgresql) share the parser and the store.
export { checkSchemaFile } from './schemaHclCheck';
export { complete as completeSchema } from './schemaHclComplete';
export * as schemaNav from './schemaHclNav';
export { SchemaHclWorkspace } from './schemaHclWorkspace';
export { realmOf } from './schemaHclRealm';
