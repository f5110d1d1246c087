export { createTenantLogReader } from './tenant-log-reader.js';
export type { LogQuery, LogSource, TailOptions, TenantLogReader, TenantLogReaderOptions } from './tenant-log-reader.js';
