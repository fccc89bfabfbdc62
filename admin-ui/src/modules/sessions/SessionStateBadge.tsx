import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../gql/graphql';
import { tone } from '../workers/tone';

/** Each state's colour: green when usable, blue while on its way, orange stopping, red failed, grey over. */
export const STATE_COLOR: Record<SessionState, string> = {
  PENDING: 'gray',
  PROVISIONING: 'blue',
  WARM: 'cyan',
  READY: 'teal',
  STOPPING: 'orange',
  DELETED: 'gray',
  FAILED: 'red',
  EXPIRED: 'gray',
};

/** Every session state, in life-cycle order (filters list them so). */
export const SESSION_STATES: readonly SessionState[] = ['PENDING', 'PROVISIONING', 'WARM', 'READY', 'STOPPING', 'DELETED', 'FAILED', 'EXPIRED'];

/** A session's state as a coloured badge; the state name stays in `data-state` for scripts. */
export function SessionStateBadge(props: { state: SessionState; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation('sessions');
  const ended = props.state === 'DELETED' || props.state === 'EXPIRED';
  return (
    <Badge
      {...tone(STATE_COLOR[props.state])}
      variant={ended ? 'outline' : 'light'}
      size={props.size ?? 'sm'}
      data-state={props.state}
      data-testid="session-state"
    >
      {t(`state.${props.state}`)}
    </Badge>
  );
}
