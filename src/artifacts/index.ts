export { buildAll, type BuildOptions, type BuildResult } from './build.js';
export { buildContext, type BuildContext } from './context.js';
export { buildHandbook, handbookJobs, handbookMarkdown, type Edition } from './handbook.js';
export type { ArtifactResult } from './output.js';
export { buildSlides, slidesJobs, type SlidesJob, type SlidesOptions } from './slides.js';
export { planSlides, type PlannedSlide } from './slides-plan.js';
