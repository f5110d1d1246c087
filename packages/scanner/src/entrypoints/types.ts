import type { FunctionLike } from '@tenant-audit/core';
import type * as ts from 'typescript';

/** A function the outside world calls: a route handler, controller action, procedure, resolver or job. */
export interface EntryPoint {
  fn: FunctionLike;
  /** e.g. `GET /documents/:id`, `job nightly-backup`, `Query.documents`. */
  note: string;
  /** Where the entry is declared (the registration call, decorator or export); traces start here. */
  site: ts.Node;
  /** Only platform staff can call it (an `adminProcedure` / `platformProcedure` tRPC procedure). */
  platform?: boolean;
  /**
   * A tenant's signed-in user calls it (a server action, a page, an authenticated procedure, a
   * handler that reads the verified session): the folder it sits in (`webhooks/`, `jobs/`) does not
   * make it one of the platform's own jobs.
   */
  tenantFacing?: boolean;
  /** Route parameters the framework checked the caller against before the handler runs (`@ProjectScope` on `/projects/:projectId`). */
  verifiedParams?: string[];
}
