// Lint: strict TypeScript rules plus the layer rule of DESIGN.md.
// shared/ imports nothing of the other layers and no Node or DOM API;
// renderer/, electron/ and server/ import shared/, never each other.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const layer = (name, others) => ({
  files: [`${name}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: others.map((other) => ({
          group: [`**/${other}/**`, `**/${other}`, `${other}/**`],
          message: `${name}/ must not import ${other}/ (layer rule, see DESIGN.md).`,
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.astral-data/**', 'test-results/**', 'playwright-report/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['renderer/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  layer('renderer', ['electron', 'server']),
  layer('electron', ['renderer', 'server']),
  layer('server', ['renderer', 'electron']),
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**', '**/electron/**', '**/server/**', 'renderer/**', 'electron/**', 'server/**'], message: 'shared/ imports no other layer (DESIGN.md).' },
            { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'http', 'child_process', 'electron', 'react', 'react-dom', 'rxdb', 'rxdb/**', 'dexie'], message: 'shared/ is runtime-free: no Node, DOM, Electron or database API.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'localStorage', 'navigator'],
    },
  },
);
