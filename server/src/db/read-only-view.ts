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
  const view = Object.create(entity.prototype) as Record<string, unknown>;
  for (const prop of meta.props) {
    const column = prop.fieldNames?.[0];
    if (!column || !(column in row)) continue;
    const value = row[column];
    if (prop.kind === ReferenceKind.SCALAR) {
      // Timestamps arrive as text (the ORM's own parsing is switched on for them), the rest typed.
      view[prop.name] = prop.runtimeType === 'Date' && typeof value === 'string' ? platform.parseDate(value) : prop.runtimeType === 'boolean' && value != null ? Boolean(value) : value;
    } else if (prop.kind === ReferenceKind.MANY_TO_ONE) view[prop.name] = (relations as Record<string, object>)[prop.name] ?? (value == null ? null : { id: value });
  }
  return view as T;
}
