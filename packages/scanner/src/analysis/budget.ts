import { ConfigError } from '@tenant-audit/core';

/** Overrides config `fileTimeBudgetMs` (tests, one-off CI runs) without editing the config file. */
export const FILE_BUDGET_ENV = 'TENANT_AUDIT_FILE_BUDGET_MS';

/** The per-file analysis budget in ms: the environment variable when set, else the config's. */
export function fileTimeBudgetMs(configured: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[FILE_BUDGET_ENV];
  if (raw === undefined || raw.trim() === '') return configured;
  const value = Number(raw);
  // A typo must fail loudly (exit 2), not silently run without a budget.
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`environment variable ${FILE_BUDGET_ENV} must be a positive number of milliseconds, got ${JSON.stringify(raw)}`, { key: 'fileTimeBudgetMs' });
  }
  return value;
}

function duration(ms: number): string {
  // "12.3 s" for real budgets; tiny test budgets stay readable in ms ("0.5 ms", not "0 s").
  if (ms >= 1000) return `${(ms / 1000).toFixed(1).replace(/\.0$/, '')} s`;
  return `${Number(ms.toPrecision(2))} ms`;
}

/** The `errors` entry for a file over budget: how long it took and what happened to its findings. */
export function overBudgetMessage(tookMs: number, budgetMs: number): string {
  return `analysis took ${duration(tookMs)}, over the ${duration(budgetMs)} per-file budget (fileTimeBudgetMs); its findings are skipped`;
}
