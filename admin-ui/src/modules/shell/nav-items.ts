import {
  type Icon,
  IconBuildingStore,
  IconDeviceDesktop,
  IconDoorEnter,
  IconLayoutDashboard,
  IconListSearch,
  IconPackage,
  IconSchool,
  IconServer2,
  IconStack2,
  IconUsers,
} from '@tabler/icons-react';
import type { Role } from '../../gql/graphql';

/** One entry of the navbar. */
export interface NavItem {
  to: string;
  /** Key in the `common` namespace. */
  labelKey: string;
  icon: Icon;
  roles: readonly Role[];
  /** Opens a full-screen view (the wall) rather than a page inside the shell. */
  fullScreen?: boolean;
}

const STAFF: readonly Role[] = ['ADMIN', 'OPERATOR'];

/** The navbar per role (UI.md): staff see operations, ADMIN also people and money, USER the store, CANDIDATE joining. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/exams', labelKey: 'nav.exams', icon: IconSchool, roles: STAFF },
  { to: '/workers', labelKey: 'nav.workers', icon: IconServer2, roles: STAFF },
  { to: '/sessions', labelKey: 'nav.sessions', icon: IconStack2, roles: STAFF },
  { to: '/wall', labelKey: 'nav.wall', icon: IconLayoutDashboard, roles: STAFF, fullScreen: true },
  { to: '/users', labelKey: 'nav.users', icon: IconUsers, roles: ['ADMIN'] },
  { to: '/products', labelKey: 'nav.products', icon: IconPackage, roles: ['ADMIN'] },
  { to: '/audit', labelKey: 'nav.audit', icon: IconListSearch, roles: ['ADMIN'] },
  { to: '/store', labelKey: 'nav.store', icon: IconBuildingStore, roles: ['USER'] },
  { to: '/my', labelKey: 'nav.my', icon: IconDeviceDesktop, roles: ['USER'] },
  { to: '/join', labelKey: 'nav.join', icon: IconDoorEnter, roles: ['CANDIDATE'] },
];

/** The navbar entries a role sees. */
export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
