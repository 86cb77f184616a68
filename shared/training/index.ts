/** The training-load, trend, signals and insights module: one import for the server and the app. */
export * from './load';
export * from './trend';
export * from './signals';
export * from './insights';
export * from './units';
export { HISTORY_DAYS, TREND_WEEKS, complianceToDate, hasLoadHistory, pastActivities, trendLoads } from './windows';
