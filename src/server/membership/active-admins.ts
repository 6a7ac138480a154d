// "An active admin of the network" as a condition on memberships, written with literals: the
// partial index memberships_admins_idx (migrations/0018_audience.sql) then finds the few admins
// without reading the network's other memberships — with a generic plan too, which cannot prove
// an index predicate from parameters (platform/db/named-statements.ts).
import { sql } from "kysely";

/** The condition for memberships as `alias` (the bare table when none). */
export const isActiveAdmin = (alias?: string) => {
  const column = (name: string) => sql.ref(alias ? `${alias}.${name}` : name);
  return sql<boolean>`${column("role")} = 'admin' and ${column("status")} = 'active'`;
};
