import type { Role } from '../../../src-shared/roles';

export function initials(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((part) => part[0]!.toUpperCase()).join('');
}

export function roleColor(role: Role): string {
  return role === 'admin' ? 'grape' : role === 'supervisor' ? 'teal' : 'indigo';
}
