import { randomUUID } from 'node:crypto';
import type { AgencyRow, PlacementRow, StrategyRow } from '../../src-shared/contract';
import { AppError } from '../../src-shared/errors';
import { requireActiveCase, requireCase } from '../case-work/require-case';
import type { HandlerSlice } from '../ipc/handler-types';
import type { Store } from '../store/open-store';
import { runCommand } from '../store/run-command';

type Slice = 'strategies.create' | 'strategies.list' | 'agencies.list' | 'agencies.placements' | 'agencies.place' | 'agencies.recall';

const STRATEGY_COLUMNS = `id, loan_id AS loanId, strategy_type AS strategyType, priority_level AS priorityLevel, contact_frequency AS contactFrequency,
  next_contact_on AS nextContactOn, assigned_to AS assignedTo, created_at AS createdAt`;
const PLACEMENT_COLUMNS = `p.id, p.agency_id AS agencyId, a.name AS agencyName, p.case_id AS caseId, p.placed_on AS placedOn,
  p.placed_balance_minor AS placedBalanceMinor, p.recalled_on AS recalledOn, p.recall_reason AS recallReason`;

/** Seed 004's collection strategies and seed 002's agency placements and recalls. */
export function strategyHandlers(store: Store): HandlerSlice<Slice> {
  const { sqlite } = store;
  const placementById = sqlite.prepare(`SELECT ${PLACEMENT_COLUMNS} FROM agency_placements p JOIN collection_agencies a ON a.id = p.agency_id WHERE p.id = ?`);
  return {
    'strategies.create': (input, { actor, broadcast }) => {
      const strategy = runCommand(store, actor!, 'strategies.create', input, (at) => {
        const c = requireActiveCase(sqlite, input.caseId);
        if (input.assignedTo && !sqlite.prepare('SELECT 1 FROM users WHERE id = ? AND active = 1').get(input.assignedTo)) {
          throw new AppError('validation', `no active user ${input.assignedTo}`, 'assignedTo');
        }
        const id = randomUUID();
        sqlite
          .prepare('INSERT INTO strategies (id, loan_id, strategy_type, priority_level, contact_frequency, next_contact_on, assigned_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(id, c.loan_id, input.strategyType, input.priorityLevel, input.contactFrequency, input.nextContactOn ?? null, input.assignedTo ?? actor!.id, at);
        const row = sqlite.prepare(`SELECT ${STRATEGY_COLUMNS} FROM strategies WHERE id = ?`).get(id) as StrategyRow;
        return { value: row, audit: [{ type: 'strategy.created', entityType: 'case', entityId: c.id, payload: input }] };
      });
      broadcast('cases.changed', { caseIds: [input.caseId] });
      return strategy;
    },
    'strategies.list': ({ caseId }) => {
      const c = requireCase(sqlite, caseId);
      return sqlite.prepare(`SELECT ${STRATEGY_COLUMNS} FROM strategies WHERE loan_id = ? ORDER BY created_at DESC`).all(c.loan_id) as StrategyRow[];
    },
    'agencies.list': () =>
      sqlite.prepare('SELECT id, name, commission_type AS commissionType, commission_rate AS commissionRate FROM collection_agencies WHERE is_active = 1 ORDER BY name').all() as AgencyRow[],
    'agencies.placements': ({ caseId }) =>
      sqlite.prepare(`SELECT ${PLACEMENT_COLUMNS} FROM agency_placements p JOIN collection_agencies a ON a.id = p.agency_id WHERE p.case_id = ? ORDER BY p.placed_on DESC`).all(caseId) as PlacementRow[],
    'agencies.place': (input, { actor, broadcast }) => {
      const placement = runCommand(store, actor!, 'agencies.place', input, (at) => {
        const c = requireActiveCase(sqlite, input.caseId);
        if (!sqlite.prepare('SELECT 1 FROM collection_agencies WHERE id = ? AND is_active = 1').get(input.agencyId)) throw new AppError('not_found', `no active agency ${input.agencyId}`, 'agencyId');
        const current = sqlite.prepare('SELECT id FROM agency_placements WHERE case_id = ? AND recalled_on IS NULL').get(c.id) as { id: string } | undefined;
        if (current) throw new AppError('conflict', `the case is already placed (${current.id}); recall it first`, 'caseId');
        const id = randomUUID();
        sqlite.prepare('INSERT INTO agency_placements (id, agency_id, case_id, placed_on, placed_balance_minor) VALUES (?, ?, ?, ?, ?)').run(id, input.agencyId, c.id, at.slice(0, 10), c.balance_minor);
        return { value: placementById.get(id) as PlacementRow, audit: [{ type: 'case.placed_with_agency', entityType: 'case', entityId: c.id, payload: { agencyId: input.agencyId, balanceMinor: c.balance_minor } }] };
      });
      broadcast('cases.changed', { caseIds: [input.caseId] });
      return placement;
    },
    'agencies.recall': (input, { actor, broadcast }) => {
      const placement = runCommand(store, actor!, 'agencies.recall', input, (at) => {
        const current = placementById.get(input.placementId) as PlacementRow | undefined;
        if (!current) throw new AppError('not_found', `no placement ${input.placementId}`, 'placementId');
        if (current.recalledOn) throw new AppError('conflict', `placement ${input.placementId} was already recalled on ${current.recalledOn}`, 'placementId');
        sqlite.prepare('UPDATE agency_placements SET recalled_on = ?, recall_reason = ? WHERE id = ?').run(at.slice(0, 10), input.reason, input.placementId);
        return { value: placementById.get(input.placementId) as PlacementRow, audit: [{ type: 'case.recalled_from_agency', entityType: 'case', entityId: current.caseId, payload: { placementId: input.placementId, reason: input.reason } }] };
      });
      broadcast('cases.changed', { caseIds: [placement.caseId] });
      return placement;
    },
  };
}
