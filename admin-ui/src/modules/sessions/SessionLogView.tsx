import { useLayoutEffect, useRef } from 'react';
import { Badge, Box, Button, Group, Text } from '@mantine/core';
import { IconDownload, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { tone } from '../workers/tone';

/** Saves the log as a text file, named after the session. */
export function downloadLog(sessionId: string, lines: readonly string[]): void {
  const blob = new Blob([`${lines.join('\n')}\n`], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `session-${sessionId.slice(0, 8)}.log.txt`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A session's log, following the tail as lines arrive. "Pause" freezes the view (new lines are
 * counted, not shown) so a line can be read or copied; "Resume" shows them and follows again.
 */
export function SessionLogView(props: {
  lines: readonly string[];
  paused: boolean;
  waiting: number;
  onPause: () => void;
  onResume: () => void;
  onDownload: () => void;
}) {
  const { t } = useTranslation('sessions');
  const box = useRef<HTMLPreElement>(null);
  const count = props.lines.length;
  // Follow the tail: each new line (while not paused) scrolls the box to the bottom.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the line count is what moves the tail.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && !props.paused) el.scrollTop = el.scrollHeight;
  }, [count, props.paused]);
  return (
    <Box>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          {props.paused ? (
            <Badge {...tone('orange')} variant="light" data-testid="log-status">
              {t('log.pausedWaiting', { count: props.waiting })}
            </Badge>
          ) : (
            <Badge {...tone('teal')} variant="dot" data-testid="log-status">
              {t('log.following')}
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          {props.paused ? (
            <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} onClick={props.onResume}>
              {t('log.resume')}
            </Button>
          ) : (
            <Button size="xs" variant="default" leftSection={<IconPlayerPause size={14} />} onClick={props.onPause}>
              {t('log.pause')}
            </Button>
          )}
          <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={props.onDownload} disabled={count === 0}>
            {t('log.download')}
          </Button>
        </Group>
      </Group>
      {count === 0 ? (
        <Text size="sm" c="dimmed" p="sm">
          {t('log.empty')}
        </Text>
      ) : (
        <Box
          component="pre"
          ref={box}
          tabIndex={0}
          aria-label={t('log.label')}
          data-testid="session-log"
          m={0}
          p="sm"
          fz={12.5}
          ff="monospace"
          style={{
            height: 360,
            overflow: 'auto',
            background: 'var(--mantine-color-dark-8)',
            color: 'var(--mantine-color-gray-2)',
            borderRadius: 'var(--mantine-radius-md)',
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
            lineHeight: 1.55,
          }}
        >
          {props.lines.join('\n')}
        </Box>
      )}
    </Box>
  );
}
