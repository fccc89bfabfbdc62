import { ReferenceKind, type EntityClass, type EntityMetadata, type MikroORM, type Platform } from '@mikro-orm/postgresql';

/** How one column of a row becomes a field of the view. */
interface Field {
  name: string;
  column: string;
  kind: 'date' | 'boolean' | 'value' | 'reference';
}

/** Per entity (of one ORM's metadata): the fields a view is built from, worked out once. */
const plans = new WeakMap<EntityMetadata, { fields: Field[]; platform: Platform }>();

function planOf(orm: MikroORM, meta: EntityMetadata): { fields: Field[]; platform: Platform } {
  let plan = plans.get(meta);
  if (plan) return plan;
  const fields: Field[] = [];
  for (const prop of meta.props) {
    const column = prop.fieldNames?.[0];
    if (!column) continue;
    if (prop.kind === ReferenceKind.SCALAR)
      fields.push({ name: prop.name, column, kind: prop.runtimeType === 'Date' ? 'date' : prop.runtimeType === 'boolean' ? 'boolean' : 'value' });
    else if (prop.kind === ReferenceKind.MANY_TO_ONE) fields.push({ name: prop.name, column, kind: 'reference' });
  }
  plan = { fields, platform: orm.em.getPlatform() };
  plans.set(meta, plan);
  return plan;
}

/**
 * An entity instance built straight from a database row (column names as PostgreSQL returns
 * them), for answering only: no identity map, no change tracking, never flushed. Timestamps are
 * parsed as the ORM parses them, other scalars copied as the driver typed them; each many-to-one
 * becomes `{ id }`, or the object given in `relations`. Much cheaper than `em.map` for a burst of
 * rows a request only shows.
 */
export function readOnlyView<T extends object>(
  orm: MikroORM,
  entity: EntityClass<T>,
  row: Record<string, unknown>,
  relations: Partial<Record<keyof T, object>> = {},
): T {
  const { fields, platform } = planOf(orm, orm.getMetadata().get(entity.name));
  const view: Record<string, unknown> = {};
  for (const f of fields) {
    if (!(f.column in row)) continue;
    const value = row[f.column];
    if (f.kind === 'value') view[f.name] = value;
    // Timestamps arrive as text (the ORM's own parsing is switched on for them), the rest typed.
    else if (f.kind === 'date') view[f.name] = typeof value === 'string' ? platform.parseDate(value) : value;
    else if (f.kind === 'boolean') view[f.name] = value == null ? value : Boolean(value);
    else view[f.name] = (relations as Record<string, object>)[f.name] ?? (value == null ? null : { id: value });
  }
  // Fields set on a plain object, then the entity's prototype: the ORM's setters on the prototype
  // (its change tracking) never run, which would give every field an accessor and the view a
  // unit-of-work helper.
  return Object.setPrototypeOf(view, entity.prototype) as T;
}
