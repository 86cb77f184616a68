/** The training-load, trend, signals and insights module: one import for the server and the app. */
export * from './load';
export * from './trend';
export * from './signals';
export * from './insights';
export * from './units';
export * from './planned';
export { HISTORY_DAYS, INPUT_WINDOW_DAYS, TREND_WEEKS, complianceToDate, hasLoadHistory, inputWindowStart, pastActivities, trendLoads } from './windows';
