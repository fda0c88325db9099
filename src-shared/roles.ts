/**
 * Roles and what they may do. The permission names follow seed 004 (view, create and update
 * cases, log activities, create strategies) plus the supervisor approvals and admin settings.
 */
export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'view_cases',
  'create_case',
  'update_case',
  'log_activity',
  'create_strategy',
  'assign_cases',
  'approve_settlement',
  'override_do_not_contact',
  'view_dashboard',
  'admin_settings',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const AGENT: readonly Permission[] = ['view_cases', 'create_case', 'update_case', 'log_activity', 'create_strategy'];
const SUPERVISOR: readonly Permission[] = [...AGENT, 'assign_cases', 'approve_settlement', 'override_do_not_contact', 'view_dashboard'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  agent: AGENT,
  supervisor: SUPERVISOR,
  admin: [...SUPERVISOR, 'admin_settings'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
