// ESLint (flat config) with typescript-eslint's type-aware rules, run by `npm run lint` and the check step of
// `npm test`. Formatting is prettier's job (.prettierrc.json), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'examples/', 'test/e2e/**/workspace/', 'bench/.tmp/', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter kept for its position (tsc's noUnusedParameters already checks the rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Rules the code of December 2026 does not pass yet: warnings (shown, not failing) until each is cleaned up,
      // then switched back to errors one by one. Counts when added: floating promises 42 (30 in mocha test
      // bodies), unnecessary assertions 31, unsafe any (member access/assignment/call/return/argument) 64, mostly
      // JSON.parse results in tests; require-await 20; base-to-string 19 (unknown error values in template text).
      '@typescript-eslint/no-floating-promises': 'warn',
      '@typescript-eslint/no-unnecessary-type-assertion': 'warn',
      '@typescript-eslint/no-unsafe-member-access': 'warn',
      '@typescript-eslint/no-unsafe-assignment': 'warn',
      '@typescript-eslint/no-unsafe-call': 'warn',
      '@typescript-eslint/no-unsafe-return': 'warn',
      '@typescript-eslint/no-unsafe-argument': 'warn',
      '@typescript-eslint/require-await': 'warn',
      '@typescript-eslint/no-base-to-string': 'warn',
      '@typescript-eslint/restrict-template-expressions': 'warn',
      '@typescript-eslint/unbound-method': 'warn',
      '@typescript-eslint/no-redundant-type-constituents': 'warn',
      '@typescript-eslint/only-throw-error': 'warn',
      'preserve-caught-error': 'warn',
      'no-useless-assignment': 'warn',
      // SQL/HCL text and terminal output are matched on purpose: control characters and runs of spaces are real.
      'no-control-regex': 'off',
      'no-regex-spaces': 'off',
    },
  },
  {
    // The layer rule dependency-cruiser cannot see (.dependency-cruiser.cjs): the engine, the language server and the
    // CLI run as plain Node processes, without the VS Code API.
    files: ['server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'server/ runs without VS Code: only client/ imports vscode.' }] }] },
  },
);
