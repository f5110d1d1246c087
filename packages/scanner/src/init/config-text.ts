/**
 * The `tenant-audit.config.json` that `init` writes. JSON has no comments, so each key is preceded by
 * a `"//key"` entry saying where its value came from; core's validator accepts `"$comment"` and `//`
 * keys and ignores them, so the file loads as it is and stays self-explaining when reviewed later.
 */
import { DEFAULT_CONFIG, type TenantAuditConfig } from '@tenant-audit/core';
import type { InitFindings } from './findings.js';

/** At most `n` names, then `and N more`. */
export function someOf(names: readonly string[], n = 5): string {
  const shown = names.slice(0, n).join(', ');
  return names.length > n ? `${shown} and ${names.length - n} more` : shown;
}

/** The config keys init sets (comments left out): what the ESLint settings repeat. */
export function configKeys(found: InitFindings): TenantAuditConfig {
  return {
    ...(found.tenantFields.fields.length > 0 && { tenantFields: found.tenantFields.fields }),
    ...(found.contextGetters.length > 0 && { contextGetters: found.contextGetters.map((g) => g.name) }),
  };
}

function tenantFieldsComment(found: InitFindings): string {
  const s = found.tenantFields;
  if (s.fields.length === 0) {
    return `No tenant column found in ${s.modelCount === 0 ? 'a schema or model definition (none was found)' : `the ${s.modelCount} models read`}: `
      + `the defaults apply (${DEFAULT_CONFIG.tenantFields.join(', ')}). Add "tenantFields" with your tenant column names`
      + (s.mostReferenced.length > 0 ? ` (most referenced models: ${s.mostReferenced.map((r) => `${r.model} ${r.references}`).join(', ')}).` : '.');
  }
  const groups = s.kept.map((g) => `${g.fields.join(', ')}: ${g.because} (${g.models.length} model${g.models.length === 1 ? '' : 's'}, e.g. ${someOf(g.models, 3)})`);
  return `Learnt from the data model (${someOf(s.sources, 3)}). ${groups.join('; ')}. Replaces the default list.`;
}

export function configText(found: InitFindings): string {
  const stack = found.stack.map((p) => p.name);
  const config: Record<string, unknown> = {
    $comment: 'Written by tenant-audit init from what it found in this code base; review it and commit it. Keys starting with // are comments.',
    ...(stack.length > 0 && { '//stack': `Detected: ${stack.join(', ')}.` }),
    '//tenantFields': tenantFieldsComment(found),
  };
  const keys = configKeys(found);
  if (keys.tenantFields) config.tenantFields = keys.tenantFields;
  if (keys.contextGetters) {
    config['//contextGetters'] = `Functions that return the current tenant and throw without one: ${found.contextGetters.map((g) => `${g.name} (${g.at})`).join(', ')}. Added to the built-in ${DEFAULT_CONFIG.contextGetters.join(', ')}.`;
    config.contextGetters = keys.contextGetters;
  }
  return `${JSON.stringify(config, null, 2)}\n`;
}
