import { Badge, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../gql/graphql';
import { STATE_COLOR as COLOR } from '../sessions/SessionStateBadge';

/** States that are on their way somewhere: the badge spins. */
export const MOVING_STATES: readonly SessionState[] = ['PENDING', 'PROVISIONING', 'STOPPING'];

/** A desktop's state as a badge with a coloured dot (readable text in both schemes), spinning while it moves; `data-state` for tests. */
export function SessionStateBadge(props: { state: SessionState }) {
  const { t } = useTranslation('my');
  const moving = MOVING_STATES.includes(props.state);
  return (
    <Badge
      data-testid="session-state"
      data-state={props.state}
      color={COLOR[props.state]}
      variant="dot"
      radius="sm"
      size="lg"
      rightSection={moving ? <Loader size={10} color={COLOR[props.state]} aria-hidden /> : undefined}
      styles={{ root: { textTransform: 'none', minWidth: 112, flexShrink: 0 } }}
    >
      {t(`state.${props.state}`)}
    </Badge>
  );
}
