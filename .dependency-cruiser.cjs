// Layer rules, checked by `npm run depcheck` and by the `check` step of `npm test` (scripts/test.mjs).
// Layers import only downward:
//   client → server/src/protocol.ts (+ what it re-exports: secrets.ts)
//   server/src/lsp, server/src/cli → engine modules
//   engine modules (engine, migrate, schema, lint, config) → db, sql
//   db, sql → nothing above them
// Files shared by every layer: server/src/secrets.ts, server/src/version.ts.
// `vscode` under server/ is forbidden by eslint.config.mjs (no-restricted-imports): dependency-cruiser does not list
// imports of `vscode`, a types-only module here (@types/vscode), so a rule here would never fire.
const ENGINE = '^server/src/(engine|migrate|schema|lint|config|db|sql)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make the load order fragile and hide which layer owns what.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'client-only-protocol',
      severity: 'error',
      comment: 'The client reaches the server only through the LSP protocol file (and what it re-exports).',
      from: { path: '^client/src/' },
      to: { path: '^server/', pathNot: '^server/src/(protocol|secrets)\\.ts$' },
    },
    {
      name: 'server-no-client',
      severity: 'error',
      comment: 'The server (engine, language server, CLI) never imports the VS Code client.',
      from: { path: '^server/' },
      to: { path: '^client/' },
    },
    {
      name: 'engine-not-up',
      severity: 'error',
      comment: 'Engine modules never import the language server or the CLI.',
      from: { path: ENGINE },
      to: { path: '^server/src/(lsp|cli)/' },
    },
    {
      name: 'lsp-not-cli',
      severity: 'error',
      comment: 'The language server calls the engine, not the CLI (no argv inside the server).',
      from: { path: '^server/src/lsp/' },
      to: { path: '^server/src/cli/' },
    },
    {
      name: 'cli-not-lsp',
      severity: 'error',
      comment: 'The CLI calls the engine, not the language server (except `atlas-wb lsp`, which starts it).',
      from: { path: '^server/src/cli/', pathNot: '^server/src/cli/lspCommand\\.ts$' },
      to: { path: '^server/src/lsp/' },
    },
    {
      name: 'base-layers-stay-low',
      severity: 'error',
      comment: 'db and sql are the bottom layers: they import nothing from the engine modules above them.',
      from: { path: '^server/src/(db|sql)/' },
      to: { path: '^server/src/(engine|migrate|schema|lint|config|lsp|cli)/|^server/src/protocol\\.ts$' },
    },
    {
      name: 'engine-not-protocol',
      severity: 'error',
      comment: 'protocol.ts is the editor wire format: the modules below the engine API define their own types (protocol may import them).',
      from: { path: '^server/src/(migrate|schema|lint|config|db|sql)/' },
      to: { path: '^server/src/protocol\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mjs', '.js', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
