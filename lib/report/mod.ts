/**
 * Results a reviewer can read: metrics.json, CSVs of folds and predictions, standalone plotly
 * plots and report.html.
 *
 * @module
 */
export { foldsCsv, predictionsCsv, type RunRecord, stringifyMetrics } from "./record.ts";
export { experimentFigures, plotsPage, reportPage } from "./html.ts";
export { domainSection } from "./domain.ts";
export { writeRunOutputs } from "./write.ts";
export {
  barFigure,
  boxFigure,
  confusionFigure,
  heatmapFigure,
  histogramFigure,
  learningCurveFigure,
  profileFigure,
  stackedBarFigure,
  waveformFigure,
} from "./figures.ts";
export { type Figure, plotDiv, PLOTLY_SOURCE, plotlyScript } from "./plotly.ts";
export { display, type NotebookSetup, setupNotebook, showFigure, showTable } from "./notebook.ts";
export { recordedExperiments } from "./recorded.ts";
export { keyFigures, type PublishResult, publishRun, readRunRecord } from "./publish.ts";
export {
  headlineTable,
  leakAuditLabel,
  reproduceCommand,
  resultsReadme,
} from "./results_readme.ts";
export { CHROMIUM, openPage, type Page } from "./chromium.ts";
export { figuresToSvg, type SvgJob } from "./svg_export.ts";
