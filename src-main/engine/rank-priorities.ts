import type Database from 'better-sqlite3';
import { tercileCuts } from '../../src-shared/domain/priority';

/** Sets LOW/MEDIUM/HIGH from the terciles of the active cases' scores, except where set by hand. */
export function rankPriorities(sqlite: Database.Database): void {
  const scores = sqlite.prepare('SELECT priority_score FROM cases WHERE active = 1').pluck().all() as number[];
  const cuts = tercileCuts(scores);
  sqlite
    .prepare(`UPDATE cases SET priority = tier FROM (
                SELECT id AS case_id, CASE WHEN priority_score >= @high THEN 'HIGH' WHEN priority_score >= @medium THEN 'MEDIUM' ELSE 'LOW' END AS tier
                FROM cases WHERE active = 1 AND priority_manual = 0)
              WHERE id = case_id AND priority != tier`)
    .run({ high: cuts.high === Infinity ? 1e9 : cuts.high, medium: cuts.medium === Infinity ? 1e9 : cuts.medium });
}
