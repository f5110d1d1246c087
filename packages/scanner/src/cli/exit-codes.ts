/** Exit codes of the public contract; CI pipelines branch on them, so they never change. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
