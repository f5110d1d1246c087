import type { ContextGetter } from './context-getters.js';
import type { StackPart } from './stack.js';
import type { TenantFieldSuggestion } from './tenant-fields.js';

/** Everything `tenant-audit init` found in a code base; the config, the ESLint lines and the summary are written from it. */
export interface InitFindings {
  root: string;
  stack: StackPart[];
  tenantFields: TenantFieldSuggestion;
  contextGetters: ContextGetter[];
  sourceFiles: number;
}
