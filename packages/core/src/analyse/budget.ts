/**
 * A time budget for synchronous analysis. JavaScript cannot interrupt a running function, so the
 * analysis checks the clock itself: every AST walk steps a counter, and every few thousand steps the
 * clock is read; past the deadline the walk throws `AnalysisBudgetExceeded`, which unwinds the whole
 * analysis of that file. Outside `withinBudget` (the ESLint rules) there is no deadline and a step costs
 * one increment.
 *
 * Module state, not a parameter: the deadline must reach every walk in every recogniser without
 * threading an argument through all of them, and analysis is synchronous, so one deadline is live at a
 * time.
 */

/** Thrown from inside an analysis that ran past its deadline. */
export class AnalysisBudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`analysis ran past its ${budgetMs} ms budget`);
    this.name = 'AnalysisBudgetExceeded';
  }
}

/** Steps between two looks at the clock: small enough to stop within milliseconds, large enough to cost nothing. */
const STEPS_PER_CHECK = 2048;

let deadline = Number.POSITIVE_INFINITY;
let budget = 0;
let steps = 0;

/** Counts one unit of work (a visited node); throws once the current budget is spent. */
export function step(): void {
  if (++steps % STEPS_PER_CHECK !== 0 || deadline === Number.POSITIVE_INFINITY) return;
  if (performance.now() > deadline) throw new AnalysisBudgetExceeded(budget);
}

/** Runs `work` with `budgetMs` to spend; nested calls keep the earlier deadline when it is sooner. */
export function withinBudget<T>(budgetMs: number, work: () => T): T {
  const [savedDeadline, savedBudget] = [deadline, budget];
  const own = performance.now() + budgetMs;
  if (own < deadline) [deadline, budget] = [own, budgetMs];
  try {
    return work();
  } finally {
    [deadline, budget] = [savedDeadline, savedBudget];
  }
}

/**
 * Runs `work` off the clock: time spent on shared work that one file merely triggers (building the
 * whole program's type checker) is not charged to that file's budget.
 */
export function offTheClock<T>(work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    if (deadline !== Number.POSITIVE_INFINITY) deadline += performance.now() - started;
  }
}
