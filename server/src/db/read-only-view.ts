import { ReferenceKind, type EntityClass, type MikroORM } from '@mikro-orm/postgresql';

/**
 * An entity instance built straight from a database row (column names as PostgreSQL returns
 * them), for answering only: no identity map, no change tracking, never flushed. Timestamps are
 * parsed as the ORM parses them, other scalars copied as the driver typed them; each many-to-one
 * becomes `{ id }`, or the object given in `relations`. Much cheaper than `em.map` for a burst of
 * rows a request only shows.
 */
export function readOnlyView<T extends object>(orm: MikroORM, entity: EntityClass<T>, row: Record<string, unknown>, relations: Partial<Record<keyof T, object>> = {}): T {
  const meta = orm.getMetadata().get(entity.name);
  const platform = orm.em.getPlatform();
  const fields: PropertyDescriptorMap = {};
  for (const prop of meta.props) {
    const column = prop.fieldNames?.[0];
    if (!column || !(column in row)) continue;
    const value = row[column];
    let shown: unknown;
    if (prop.kind === ReferenceKind.SCALAR) {
      // Timestamps arrive as text (the ORM's own parsing is switched on for them), the rest typed.
      shown = prop.runtimeType === 'Date' && typeof value === 'string' ? platform.parseDate(value) : prop.runtimeType === 'boolean' && value != null ? Boolean(value) : value;
    } else if (prop.kind === ReferenceKind.MANY_TO_ONE) shown = (relations as Record<string, object>)[prop.name] ?? (value == null ? null : { id: value });
    else continue;
    fields[prop.name] = { value: shown, writable: true, enumerable: true, configurable: true };
  }
  // Own data fields, defined rather than assigned: the ORM's setters on the prototype (its change
  // tracking) are never run, which would give every field an accessor and the view a unit-of-work helper.
  return Object.create(entity.prototype, fields) as T;
}
