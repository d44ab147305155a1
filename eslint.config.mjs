// Lint: typescript-eslint's recommended rules, plus the project's boundary: the pure modules
// (src/core) and the webview script (src/webview) never import the `vscode` module.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/harness/node_modules/**', '**/*.mjs', 'test/fixtures/reference-webview/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'off',
    },
  },
  {
    // The classic zod API pulls ~450 KB into the bundle; zod/mini (same schemas, functional checks)
    // keeps it near 20 KB.
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'zod', message: "Import from 'zod/mini' (functional API, e.g. z.string().check(z.minLength(1)), z.optional(x)): the classic 'zod' adds ~450 KB to the bundle." }] },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'Pure modules and the webview never import vscode: move editor glue to src/editor.' },
            { name: 'zod', message: "Import from 'zod/mini' (functional API, e.g. z.string().check(z.minLength(1)), z.optional(x)): the classic 'zod' adds ~450 KB to the bundle." },
          ],
          patterns: [{ group: ['**/editor/**', '**/extension'], message: 'Pure modules never depend on editor glue.' }],
        },
      ],
    },
  },
);
