/** Progress stats, the pure part: what other modules and the benchmark import. No DOM, no IndexedDB. */
export { computeStats, assembleStats, eachReview } from './compute';
export type { Stats, StatsInput, DeckStats, ReviewSource, ReviewVisitor } from './compute';
export { ReviewFold, streaks, heatmap, wasMature, MATURE_DAYS, RETENTION_WINDOWS } from './review-fold';
export type { ReviewLogStats, TodayStats, StreakStats, HeatmapDay, RetentionCell, RetentionRow, RetentionWindow } from './review-fold';
export { forecast, cardStates, keyPointMastery, itemMastery, SHAKY_RECALL } from './item-stats';
export type { ForecastDay, CardStates, KeyPointStats, Mastery, DeckShape, RecallFn } from './item-stats';
export { quizTrend } from './quiz-trend';
export type { QuizTrend, QuizPoint } from './quiz-trend';
export { studyDayNumber, studyDayStartOf, dayLabel, DayClock } from './days';
