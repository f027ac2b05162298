/** Bumped whenever a stage changes what it produces, so stored articles can be re-processed. */
export const PIPELINE_VERSION = 2;
