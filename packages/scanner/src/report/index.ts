import type { Format } from './types.js';
import type { Reporter } from './context.js';
import { githubReport } from './github.js';
import { gitlabSastReport } from './gitlab-sast.js';
import { jsonReport } from './json.js';
import { markdownReport } from './markdown.js';
import { prettyReport } from './pretty.js';
import { sarifReport } from './sarif.js';

export const REPORTERS: Record<Format, Reporter> = {
  pretty: prettyReport,
  json: jsonReport,
  sarif: sarifReport,
  markdown: markdownReport,
  github: githubReport,
  'gitlab-sast': gitlabSastReport,
};

export type { ReportContext, Reporter } from './context.js';
export { sourceLinesFrom } from './source.js';
