/** Exit codes of the public contract; CI pipelines branch on them, so they never change. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
/** Some source files could not be analysed: the findings say nothing about them (the same 2 as a failed run). */
export const EXIT_INCOMPLETE = 2;
