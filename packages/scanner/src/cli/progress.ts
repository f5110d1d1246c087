/**
 * A single self-overwriting progress line on stderr. The caller decides whether to show it at all
 * (a TTY, no --no-progress, no --quiet); stdout is never touched, so reports stay clean.
 */
export interface Progress {
  /** Loading the program takes most of a cold run and reports no counts: say so before it starts. */
  start(): void;
  update(done: number, total: number): void;
  clear(): void;
}

export const NO_PROGRESS: Progress = { start: () => undefined, update: () => undefined, clear: () => undefined };

export function terminalProgress(write: (s: string) => void, now: () => number = Date.now): Progress {
  let last = 0;
  let shown = false;
  return {
    start() {
      shown = true;
      write('\r\x1b[2Ktenant-audit: loading the program…');
    },
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
