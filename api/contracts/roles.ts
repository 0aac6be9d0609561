/**
 * Who may do what in a merchant's account: the one rule, read by the REST API's auth
 * (api/http/merchant-auth.ts) and by the workspace page (which hides what a role may not do).
 * Plain code, no zod: the browser bundles import it.
 */

export const ROLES = ["agent", "supervisor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The areas of the merchant API; each is read or written. */
export const AREAS = ["catalog", "orders", "knowledge", "settings", "analytics", "reports", "team", "keys", "growth", "customers", "audit"] as const;
export type Area = (typeof AREAS)[number];
export type Permission = `${Area}:${"read" | "write"}`;

const everything = AREAS.flatMap((area) => [`${area}:read`, `${area}:write`] as Permission[]);

/**
 * Agents answer shoppers: they look products, orders and articles up, and change nothing.
 * Supervisors and admins run the shop (catalog, orders, help center, settings, team, keys,
 * growth: experiments and promotions, customers and their privacy requests, the audit log).
 * A merchant API key holds every permission.
 */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  agent: new Set<Permission>(["catalog:read", "orders:read", "knowledge:read"]),
  supervisor: new Set(everything),
  admin: new Set(everything),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.has(permission) ?? false;
}

/** A request reads with GET/HEAD and writes otherwise. */
export function permissionFor(area: Area, method: string): Permission {
  return `${area}:${method === "GET" || method === "HEAD" ? "read" : "write"}`;
}
