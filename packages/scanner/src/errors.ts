/**
 * A problem the user can fix (bad flag value, missing path, not a git repository). The CLI prints its
 * message as one `tenant-audit: …` line and exits 2, without a stack trace.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
