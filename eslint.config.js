import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'manifest/build/**',
      'coverage/**',
      'tests/.tmp/**',
      'devTools/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['dialogs/**/*.ts', 'cards/**/*.ts', 'bot/turn/**/*.ts'],
    rules: {
      // botbuilder stays in the shell (bot/aanzet-bot.ts and friends): another Teams SDK then
      // means another shell around the same turn chain and dialogs (DESIGN.md, decision 8).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['botbuilder*', 'botframework-*', 'restify'],
              message: 'only the bot/ shell talks to botbuilder and restify.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['casework/**/*.ts'],
    rules: {
      // The domain stays pure: no transport, storage or I/O (DESIGN.md, layers).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['botbuilder*', 'restify', 'lowdb*', 'pg', 'node:*', 'fs', 'path', 'child_process'],
              message: 'casework/ is pure: no transport, storage or I/O.',
            },
            {
              group: ['../bot/*', '../dialogs/*', '../storage/*', '../cards/*', '../cli/*'],
              message: 'casework/ imports no outer layer.',
            },
          ],
        },
      ],
    },
  },
);
