import type { Route, Section } from '../route.ts';

export interface NavItem {
  section: Section;
  label: string;
  route: Route;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { section: 'clients', label: 'Clients', route: { name: 'clients' } },
  { section: 'foods', label: 'Foods', route: { name: 'foods' } },
  { section: 'rules', label: 'Rules', route: { name: 'rules' } },
  { section: 'reports', label: 'Reports', route: { name: 'reports' } },
  { section: 'settings', label: 'Settings', route: { name: 'settings' } },
];
