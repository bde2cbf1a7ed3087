// Type-aware lint for every zone, plus the import zones of DESIGN.md (build/eslint/zones.js).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { zonesRule } from './build/eslint/zones.js';

const root = import.meta.dirname;

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.artifacts/', 'coverage/', 'test/fixtures/', 'test/stack/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'build/eslint/*.js'] },
        tsconfigRootDir: root,
        extraFileExtensions: ['.svelte'],
      },
    },
    plugins: { cartable: { rules: { zones: zonesRule } } },
    rules: {
      'cartable/zones': ['error', { root, aliases: { $shared: 'shared' } }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { parser: tseslint.parser, svelteConfig: undefined },
    },
  },
  { files: ['renderer/**/*.ts'], languageOptions: { globals: globals.browser } },
  {
    files: ['**/*.js', 'build/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts', '*.config.ts', 'electron/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
