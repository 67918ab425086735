// ESLint (flat config): typescript-eslint's recommended rules, import hygiene with
// import-x (no cycles, no self-imports, no duplicates), and the engine's own invariants.
// The layer rules themselves live in .dependency-cruiser.cjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/e2e/suite/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })] },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The engine owns every cache and registry: no module-level mutable state in the server.
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Program > VariableDeclaration[kind="let"]',
          message: 'No module-level mutable state: keep it in the engine (or use base/memo for pure memoisation).',
        },
        {
          selector: 'Program > ExportNamedDeclaration > VariableDeclaration[kind="let"]',
          message: 'No module-level mutable state: keep it in the engine.',
        },
        {
          selector: 'Program > VariableDeclaration > VariableDeclarator > NewExpression[callee.name=/^(Map|Set|WeakMap)$/][arguments.length=0]',
          message: 'No module-level caches: the engine owns them (or use base/memo for pure memoisation keyed by immutable objects).',
        },
      ],
    },
  },
  {
    // Entry points own their process (a worker's counters, the CLI's exit code): module state is theirs.
    files: ['server/src/lsp/main.ts', 'server/src/cli/main.ts', 'server/src/workspace/parsing/parseWorker.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The in-host e2e suite loads its test files in a set order through require().
    files: ['test/e2e/suite/index.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
