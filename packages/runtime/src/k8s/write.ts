/** Writes one YAML file per tenant namespace into a directory (created if missing). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateTenantNetworkPolicies } from './network-policies.js';
import type { TenantNetworkPolicyOptions } from './network-policies.js';

export async function writeTenantNetworkPolicies(outDir: string, options: TenantNetworkPolicyOptions): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const generated of generateTenantNetworkPolicies(options)) {
    const file = join(outDir, generated.fileName);
    await writeFile(file, generated.yaml, 'utf8');
    written.push(file);
  }
  return written;
}
