/**
 * A PostgreSQL array literal (`{"a","b"}`) for a `?::text[]` or `?::uuid[]` parameter: each
 * element quoted and escaped, so any string round-trips, and one parameter carries a whole list.
 */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
