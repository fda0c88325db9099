import type { Role } from '../../src-shared/roles';

/** The password of every demo user the seed creates (listed in the README). */
export const DEMO_PASSWORD = 'recourse';

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
}

/**
 * The users `seed` creates: one admin, two supervisors, six agents. Their ids are
 * `stableId('user', email)`, so every machine that seeds gets the same users.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'nadia.persaud@recourse.demo', name: 'Nadia Persaud', role: 'admin' },
  { email: 'marcus.bennett@recourse.demo', name: 'Marcus Bennett', role: 'supervisor' },
  { email: 'priya.ramkissoon@recourse.demo', name: 'Priya Ramkissoon', role: 'supervisor' },
  { email: 'maria.alvarez@recourse.demo', name: 'Maria Alvarez', role: 'agent' },
  { email: 'andre.baptiste@recourse.demo', name: 'Andre Baptiste', role: 'agent' },
  { email: 'keisha.campbell@recourse.demo', name: 'Keisha Campbell', role: 'agent' },
  { email: 'daniel.kim@recourse.demo', name: 'Daniel Kim', role: 'agent' },
  { email: 'shanice.forde@recourse.demo', name: 'Shanice Forde', role: 'agent' },
  { email: 'tom.obrien@recourse.demo', name: "Tom O'Brien", role: 'agent' },
];
