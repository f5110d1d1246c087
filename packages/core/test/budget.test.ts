/**
 * The analysis budget: walks look at the clock and stop an analysis past its deadline; outside a
 * budget nothing ever stops; shared work run off the clock is not charged.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AnalysisBudgetExceeded, offTheClock, walk, withinBudget, type TypeScriptModule } from '../src/index.js';

const tsm = ts as unknown as TypeScriptModule;
// Tens of thousands of nodes: enough steps for the clock to be read many times.
const BIG = ts.createSourceFile('big.ts', Array.from({ length: 3000 }, (_, i) => `const a${i} = f(b${i}, { c: ${i} });`).join('\n'), ts.ScriptTarget.Latest, true);

function walkAll(): number {
  let nodes = 0;
  walk(tsm, BIG, () => {
    nodes++;
  });
  return nodes;
}

/** Waits (busy) until the clock has moved past `ms`: a deadline set before is then surely spent. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() <= until) { /* spin */ }
}

describe('analysis budget', () => {
  it('a walk past the deadline throws AnalysisBudgetExceeded naming the budget', () => {
    const run = (): number => withinBudget(1, () => {
      spin(2);
      return walkAll();
    });
    expect(run).toThrow(AnalysisBudgetExceeded);
    expect(run).toThrow('analysis ran past its 1 ms budget');
  });

  it('within its budget the analysis runs to the end and returns its value', () => {
    const nodes = walkAll();
    expect(withinBudget(60_000, walkAll)).toBe(nodes);
  });

  it('without a budget (the ESLint rules) nothing stops a walk, however long it takes', () => {
    spin(2);
    expect(walkAll()).toBeGreaterThan(10_000);
  });

  it('the deadline ends with its budget: a walk after it is not stopped', () => {
    withinBudget(1, () => 0);
    spin(2);
    expect(walkAll()).toBeGreaterThan(10_000);
  });

  it('a nested budget keeps the sooner deadline of the two', () => {
    expect(() => withinBudget(1, () => withinBudget(60_000, () => {
      spin(2);
      return walkAll();
    }))).toThrow(AnalysisBudgetExceeded);
    expect(() => withinBudget(60_000, () => withinBudget(1, () => {
      spin(2);
      return walkAll();
    }))).toThrow(AnalysisBudgetExceeded);
  });

  it('work done off the clock is not charged: the deadline moves by its duration', () => {
    const nodes = walkAll();
    expect(withinBudget(50, () => {
      offTheClock(() => spin(80));
      return walkAll();
    })).toBe(nodes);
  });
});
