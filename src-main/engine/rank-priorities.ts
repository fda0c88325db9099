import type Database from 'better-sqlite3';
import { priorityFor, tercileCuts } from '../../src-shared/domain/priority';

/** Sets LOW/MEDIUM/HIGH from the terciles of the active cases' scores (the pure `priorityFor`), except where set by hand. */
export function rankPriorities(sqlite: Database.Database): void {
  const cases = sqlite.prepare('SELECT id, priority, priority_score, priority_manual FROM cases WHERE active = 1').raw().all() as [string, string, number, number][];
  const cuts = tercileCuts(cases.map(([, , score]) => score));
  const setPriority = sqlite.prepare('UPDATE cases SET priority = ? WHERE id = ?');
  for (const [id, current, score, manual] of cases) {
    const tier = priorityFor(score, cuts);
    if (!manual && tier !== current) setPriority.run(tier, id);
  }
}
