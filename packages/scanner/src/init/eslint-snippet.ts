/**
 * The ESLint lines `init` prints: the plugin's flat config plus `settings.tenantIsolation` with the
 * same keys as the written config. The rules also read `tenant-audit.config.json` themselves (the
 * nearest one above each linted file), so the settings only matter where that file is not found,
 * but spelling them out keeps the editor and CI honest about what they were told.
 */
import type { TenantAuditConfig } from '@tenant-audit/core';

function list(values: readonly string[]): string {
  return `[${values.map((v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;
}

export function eslintSnippet(keys: TenantAuditConfig): string {
  const settings = Object.entries(keys)
    .filter((entry): entry is [string, string[]] => Array.isArray(entry[1]))
    .map(([key, values]) => `${key}: ${list(values)}`);
  const lines = [
    '// eslint.config.js',
    "import tenantIsolation from 'eslint-plugin-tenant-isolation';",
    '',
    'export default [',
    '  // …your other config objects',
    "  tenantIsolation.configs['flat/recommended'],",
    ...(settings.length > 0 ? [`  { settings: { tenantIsolation: { ${settings.join(', ')} } } },`] : []),
    '];',
  ];
  return `${lines.join('\n')}\n`;
}
