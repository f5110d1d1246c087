import { ESLintUtils } from '@typescript-eslint/utils';

export const DOCS_BASE = 'https://github.com/tenant-audit/tenant-audit/blob/main/packages/eslint-plugin/docs/rules/';

export const createRule = ESLintUtils.RuleCreator((name) => `${DOCS_BASE}${name}.md`);
