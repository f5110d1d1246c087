// @tenant-audit/runtime: the in-process parts of tenant isolation done right.
// Each folder has its own index; this file only re-exports them. Server-enforced parts
// (redis, postgres, infra, k8s) add their own export lines below.

export * from './context/index.js';
export * from './sessions/index.js';
export * from './crypto/index.js';
export * from './retrieval/index.js';
export * from './logs/index.js';
export * from './backup/index.js';
export * from './telemetry/index.js';
export * from './middleware/index.js';
export * from './redis/index.js';
export * from './postgres/index.js';
export * from './infra/index.js';
export * from './k8s/index.js';
