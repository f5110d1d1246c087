import { dirname } from 'node:path';
import type * as TS from 'typescript';
import type { ResolvedConfig } from './config/types.js';
import { resolveConfig } from './config/validate.js';
import { DataModel } from './model/data-model.js';
import { discoverSchemaFiles, findProjectRoot } from './model/discover.js';
import { buildDataModel, type SourceText } from './model/readers.js';
import type { AnalysisEnv, TypeScriptModule } from './recognise/env.js';

export function createEnv(ts: TypeScriptModule, config: ResolvedConfig = resolveConfig(), dataModel?: DataModel, checker?: TS.TypeChecker): AnalysisEnv {
  const inferred = dataModel?.inferredTenantFields.filter((f) => !config.tenantFields.includes(f)) ?? [];
  return {
    ts,
    // Foreign keys to the tenant entity learnt from the schema count as tenant fields.
    config: inferred.length > 0 ? { ...config, tenantFields: [...config.tenantFields, ...inferred] } : config,
    dataModel: dataModel ?? new DataModel({ tenantModels: config.tenantModels, globalModels: config.globalModels }),
    checker,
  };
}

const projectModels = new Map<string, { key: string; model: DataModel }>();

/**
 * The data model of the project a file belongs to, from its Prisma schemas and SQL migrations,
 * cached per project root and config (an editor lints the same project over and over).
 */
export function dataModelForFile(filePath: string, config: ResolvedConfig, extra: readonly SourceText[] = []): DataModel {
  const root = findProjectRoot(dirname(filePath));
  const key = JSON.stringify([config.tenantFields, config.tenantModels, config.globalModels]);
  const hit = projectModels.get(root);
  if (hit && hit.key === key && extra.length === 0) return hit.model;
  const model = buildDataModel([...discoverSchemaFiles(root), ...extra], config);
  if (extra.length === 0) projectModels.set(root, { key, model });
  return model;
}
