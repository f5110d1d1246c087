/**
 * A single self-overwriting progress line on stderr. The caller decides whether to show it at all
 * (a TTY, no --no-progress, no --quiet); stdout is never touched, so reports stay clean.
 */
export interface Progress {
  update(done: number, total: number): void;
  clear(): void;
}

export const NO_PROGRESS: Progress = { update: () => undefined, clear: () => undefined };

export function terminalProgress(write: (s: string) => void, now: () => number = Date.now): Progress {
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const t = now();
      // Repainting on every file costs more than the scan of a small file; 10 updates a second suffice.
      if (done < total && t - last < 100) return;
      last = t;
      shown = true;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 0;
      write(`\r\x1b[2Ktenant-audit: analysing ${done}/${total} files (${pct}%)`);
    },
    clear() {
      if (shown) write('\r\x1b[2K');
      shown = false;
    },
  };
}
